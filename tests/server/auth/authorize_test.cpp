#include <gtest/gtest.h>

#include "server/auth/principal.h"

namespace parc::server::auth {
namespace {

Principal person(Role role, Via via = Via::session, std::vector<std::string> sites = {}) {
  Principal principal;
  principal.user_id = "u1";
  principal.role = role;
  principal.via = via;
  principal.scope = Scope::collectivity("c1");
  principal.scope.site_ids = std::move(sites);
  return principal;
}

TEST(Authorize, RolesTable) {
  struct Case {
    Principal principal;
    bool read, operate, create_token, manage;
  };
  Principal ownerless = person(Role::viewer, Via::token);
  ownerless.user_id.reset();
  ownerless.scope = Scope::everything();
  const Case cases[] = {
      {person(Role::viewer), true, false, false, false},
      {person(Role::technician), true, true, true, false},
      {person(Role::admin), true, true, true, true},
      {person(Role::admin, Via::token), true, true, false, true},
      {person(Role::technician, Via::token), true, true, false, false},
      {person(Role::admin, Via::session, {"s1"}), true, true, true, false},  // admin of some sites
      {ownerless, true, false, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(roleName(c.principal.role));
    EXPECT_EQ(allowed(c.principal, Action::read), c.read);
    EXPECT_EQ(allowed(c.principal, Action::operate), c.operate);
    EXPECT_EQ(allowed(c.principal, Action::create_token), c.create_token);
    EXPECT_EQ(allowed(c.principal, Action::manage_collectivity), c.manage);
  }
}

}  // namespace
}  // namespace parc::server::auth
