#pragma once
// Helpers of the people, token and audit conformance tests.

#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {

inline User addUser(Store& store, const std::string& email, Role role, Scope scope) {
  auto user = store.createUser(NewUser{.email = email, .role = role, .scope = std::move(scope),
                                       .password_hash = "$scrypt$stored", .must_change_password = true});
  EXPECT_TRUE(user.ok()) << (user.ok() ? "" : user.error());
  return user.ok() ? *user : User{};
}

inline Scope sitesOf(const Collectivity& c, std::vector<std::string> ids) {
  Scope scope = Scope::collectivity(c.id);
  scope.site_ids = std::move(ids);
  return scope;
}

}  // namespace parc::server::testing
