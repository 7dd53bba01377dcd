#pragma once
// What the login route keeps between requests: the failure limiter and a decoy
// password hash, verified against when the email is unknown so that the answer
// takes as long as for a known email with a wrong password.

#include <string>

#include "server/auth/login_limiter.h"

namespace parc::server::auth {

class LoginGuard {
 public:
  LoginGuard(LoginLimits limits, Clock clock);

  LoginLimiter& limiter() { return limiter_; }
  const std::string& decoyHash() const { return decoy_hash_; }

 private:
  LoginLimiter limiter_;
  std::string decoy_hash_;
};

}  // namespace parc::server::auth
