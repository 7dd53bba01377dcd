#include "server/auth/principal.h"

namespace parc::server::auth {

bool allowed(const Principal& principal, Action action) {
  switch (action) {
    case Action::read:
      return true;
    case Action::operate:
      return principal.role == Role::admin || principal.role == Role::technician;
    case Action::create_token:
      // A token cannot mint tokens: a stolen one must not outlive its revocation.
      return principal.via == Via::session && allowed(principal, Action::operate) && principal.user_id;
    case Action::manage_collectivity:
      return principal.role == Role::admin && principal.user_id && !principal.scope.all &&
             principal.scope.collectivity_id && principal.scope.site_ids.empty();
  }
  return false;
}

}  // namespace parc::server::auth
