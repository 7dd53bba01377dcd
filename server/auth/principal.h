#pragma once
// Who is calling the people's API, and what each role may do. Every route asks
// here; the rules live in one place (authorize.cpp).

#include <optional>
#include <string>

#include "server/store/store.h"

namespace parc::server::auth {

enum class Via { session, token };

struct Principal {
  OptString user_id;    // none for the server admin's own tokens
  OptString email;      // the user's
  std::string actor;    // for the audit log: the email, or "token:<id>"
  Role role = Role::viewer;
  Scope scope;          // what every store read is given
  Via via = Via::session;
  OptString token_id;   // when via a token
  std::string csrf_token;  // when via a session
  bool must_change_password = false;  // a session's user still on a one-time password
};

enum class Action {
  read,                 // inventory, alerts, exports: every role
  operate,              // acknowledge, notes, interventions: technician and admin
  create_token,         // own API tokens: technician and admin, from a session
  manage_collectivity,  // users, every token, audit: admin of a whole collectivity
};

bool allowed(const Principal& principal, Action action);

}  // namespace parc::server::auth
