#include "server/cli/user_commands.h"

#include <ostream>
#include <stdexcept>

#include "server/auth/password_hash.h"

namespace parc::server {
namespace {

constexpr const char* kCliActor = "cli";

std::string emailArgument(const UserCommand& command) {
  if (command.arguments.size() != 1 || command.arguments[0].empty()) {
    throw std::invalid_argument("expected one EMAIL");
  }
  return command.arguments[0];
}

void audit(Store& store, const std::string& action, const OptString& collectivity, const std::string& target) {
  AuditEntry entry;
  entry.at = formatRfc3339(systemNow());
  entry.action = action;
  entry.collectivity_id = collectivity;
  entry.actor = kCliActor;
  entry.target = target;
  if (auto status = store.appendAudit(entry); !status) throw std::runtime_error(status.error());
}

// The user gets a one-time password to sign in with; must_change_password is set
// so the dashboard asks for a new one at first login.
void addUser(Store& store, const UserCommand& command, std::ostream& out) {
  if (!command.collectivity) throw std::invalid_argument("--collectivity is required");
  if (!command.role) throw std::invalid_argument("--role is required (admin, technician or viewer)");
  const auto role = parseRole(*command.role);
  if (!role) throw std::invalid_argument("--role must be admin, technician or viewer");
  const std::string password = auth::generatePassword();
  auto hash = auth::hashPassword(password);
  if (!hash) throw std::runtime_error(hash.error());
  NewUser user{.email = emailArgument(command), .role = *role, .scope = Scope::collectivity(*command.collectivity),
               .password_hash = *hash, .must_change_password = true};
  user.scope.site_ids = command.sites;
  auto created = store.createUser(user);
  if (!created) throw std::runtime_error(created.error());
  audit(store, "user_created", created->scope.collectivity_id, created->email);
  out << password << "\n";
}

void listUsers(Store& store, std::ostream& out) {
  for (const User& user : store.listUsers(Scope::everything())) {
    std::string sites;
    for (const auto& site : user.scope.site_ids) sites += (sites.empty() ? "" : ",") + site;
    out << user.id << "\t" << user.email << "\t" << roleName(user.role) << "\t"
        << user.scope.collectivity_id.value_or("-") << "\t" << (sites.empty() ? "*" : sites) << "\t"
        << (user.disabled_at ? "disabled" : "active") << "\n";
  }
}

void disableUser(Store& store, const UserCommand& command) {
  const std::string email = emailArgument(command);
  auto disabled = store.disableUser(Scope::everything(), email, systemNow());
  if (!disabled) {
    throw std::runtime_error(disabled.error() == "not_found" ? "no user " + email : disabled.error());
  }
  audit(store, "user_disabled", disabled->scope.collectivity_id, disabled->email);
}

}  // namespace

void runUserCommand(Store& store, const UserCommand& command, std::ostream& out) {
  if (command.action == "add") {
    addUser(store, command, out);
  } else if (command.action == "list") {
    listUsers(store, out);
  } else if (command.action == "disable") {
    disableUser(store, command);
  } else {
    throw std::invalid_argument("unknown admin command \"user " + command.action + "\"");
  }
}

}  // namespace parc::server
