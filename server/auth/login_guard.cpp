#include "server/auth/login_guard.h"

#include <stdexcept>

#include "server/auth/password_hash.h"

namespace parc::server::auth {

LoginGuard::LoginGuard(LoginLimits limits, Clock clock) : limiter_(limits, std::move(clock)) {
  auto decoy = hashPassword(generatePassword());
  if (!decoy) throw std::runtime_error("cannot compute the decoy password hash: " + decoy.error());
  decoy_hash_ = std::move(*decoy);
}

}  // namespace parc::server::auth
