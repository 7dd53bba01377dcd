#include "server/store/scope_rules.h"

#include <gtest/gtest.h>

namespace parc::server {
namespace {

Scope sites(const char* collectivity, std::vector<std::string> ids) {
  Scope scope = Scope::collectivity(collectivity);
  scope.site_ids = std::move(ids);
  return scope;
}

TEST(ScopeRules, Within) {
  const Scope a = Scope::collectivity("A");
  EXPECT_TRUE(scopeWithin(a, Scope::everything()));
  EXPECT_FALSE(scopeWithin(Scope::everything(), a));
  EXPECT_TRUE(scopeWithin(sites("A", {"a1"}), a));
  EXPECT_FALSE(scopeWithin(a, sites("A", {"a1"})));
  EXPECT_TRUE(scopeWithin(sites("A", {"a1"}), sites("A", {"a1", "a2"})));
  EXPECT_FALSE(scopeWithin(sites("A", {"a1", "a3"}), sites("A", {"a1", "a2"})));
  EXPECT_FALSE(scopeWithin(Scope::collectivity("B"), a));
  EXPECT_FALSE(scopeWithin(sites("B", {"a1"}), sites("A", {"a1"})));
  EXPECT_TRUE(scopeWithin(noScope(), a));
  EXPECT_FALSE(scopeWithin(a, noScope()));
}

TEST(ScopeRules, Intersect) {
  const Scope a = Scope::collectivity("A");
  const auto same = [](const Scope& x, const Scope& y) {
    return x.all == y.all && x.collectivity_id == y.collectivity_id && x.site_ids == y.site_ids;
  };
  EXPECT_TRUE(same(intersectScopes(Scope::everything(), a), a));
  EXPECT_TRUE(same(intersectScopes(a, Scope::everything()), a));
  EXPECT_TRUE(same(intersectScopes(a, sites("A", {"a1"})), sites("A", {"a1"})));
  EXPECT_TRUE(same(intersectScopes(sites("A", {"a1", "a2"}), sites("A", {"a2", "a3"})), sites("A", {"a2"})));
  // Nothing in common must see nothing, never "every site".
  EXPECT_TRUE(same(intersectScopes(sites("A", {"a1"}), sites("A", {"a2"})), noScope()));
  EXPECT_TRUE(same(intersectScopes(a, Scope::collectivity("B")), noScope()));
}

}  // namespace
}  // namespace parc::server
