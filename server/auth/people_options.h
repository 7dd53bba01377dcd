#pragma once
// Settings of people's sign-in: session lifetime and idle timeout, login limits.

#include <chrono>

#include "server/auth/login_limiter.h"

namespace parc::server::auth {

struct PeopleOptions {
  std::chrono::seconds session_lifetime{12 * 3600};
  std::chrono::seconds session_idle{30 * 60};
  LoginLimits login;
};

}  // namespace parc::server::auth
