#pragma once
// parc-server admin user add|list|disable: people, from the server admin's command line.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "server/store/store.h"

namespace parc::server {

struct UserCommand {
  std::string action;  // add, list, disable
  OptString collectivity, role;
  std::vector<std::string> sites;
  std::vector<std::string> arguments;  // the EMAIL of add and disable
};

// Prints what the action made on `out` (add: the one-time password alone).
// Throws std::invalid_argument for a usage error, std::runtime_error for a refusal.
void runUserCommand(Store& store, const UserCommand& command, std::ostream& out);

}  // namespace parc::server
