// Conformance: API tokens owned by people, scoped never wider than their owner.
#include "tests/server/store/people_helpers.h"

namespace parc::server::testing {
namespace {

CreatedApiToken tokenFor(Store& store, const User& owner, Scope scope, const std::string& label = "") {
  auto created = store.createOwnedApiToken(NewApiToken{.scope = std::move(scope), .label = label,
                                                       .owner_user_id = owner.id});
  EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error());
  return created.ok() ? *created : CreatedApiToken{};
}

TEST_P(StoreConformance, TokensCarryTheirOwnerAndScope) {
  const User tech = addUser(*store_, "t@a.fr", Role::technician, Scope::collectivity(a_.id));
  const auto token = tokenFor(*store_, tech, sitesOf(a_, {a1_.id}), "nightly export");
  EXPECT_TRUE(token.secret.starts_with("pa_"));
  const auto holder = store_->authenticateToken(token.secret);
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->token_id, token.id);
  ASSERT_TRUE(holder->owner);
  EXPECT_EQ(holder->owner->email, "t@a.fr");
  EXPECT_EQ(holder->scope.collectivity_id, a_.id);
  EXPECT_EQ(holder->scope.site_ids, (std::vector<std::string>{a1_.id}));
  EXPECT_FALSE(store_->authenticateToken(token.secret + "0"));
  EXPECT_FALSE(store_->authenticateToken(""));

  // The device reads follow the token's scope.
  enrollNew(a1_.id, "in-a1");
  enrollNew(a2_.id, "in-a2");
  enrollNew(b1_.id, "in-b1");
  EXPECT_EQ(deviceCount(holder->scope), 1u);
}

TEST_P(StoreConformance, TokensNeverWiderThanTheirOwner) {
  const User limited = addUser(*store_, "l@a.fr", Role::technician, sitesOf(a_, {a1_.id}));
  const std::vector<Scope> wider = {Scope::collectivity(a_.id), sitesOf(a_, {a1_.id, a2_.id}),
                                    Scope::collectivity(b_.id), Scope::everything(), sitesOf(a_, {b1_.id})};
  for (const Scope& scope : wider) {
    EXPECT_FALSE(store_->createOwnedApiToken({.scope = scope, .label = "", .owner_user_id = limited.id}).ok());
  }
  EXPECT_FALSE(store_->createOwnedApiToken({.scope = sitesOf(a_, {a1_.id}), .label = "",
                                            .owner_user_id = std::string("unknown")}).ok());
  EXPECT_TRUE(store_->listApiTokens(Scope::everything(), std::nullopt).empty());
}

TEST_P(StoreConformance, TokensOfADisabledOwnerStop) {
  const User owner = addUser(*store_, "gone@a.fr", Role::admin, Scope::collectivity(a_.id));
  const auto token = tokenFor(*store_, owner, Scope::collectivity(a_.id));
  ASSERT_TRUE(store_->authenticateToken(token.secret));
  ASSERT_TRUE(store_->disableUser(Scope::collectivity(a_.id), "gone@a.fr", now_).ok());
  EXPECT_FALSE(store_->authenticateToken(token.secret));
  EXPECT_FALSE(store_->authenticateApiToken(token.secret));
  EXPECT_FALSE(store_->createOwnedApiToken({.scope = Scope::collectivity(a_.id), .label = "",
                                            .owner_user_id = owner.id}).ok());
}

TEST_P(StoreConformance, TokensListedAndRevokedWithinScope) {
  const User a_admin = addUser(*store_, "admin@a.fr", Role::admin, Scope::collectivity(a_.id));
  const User a_tech = addUser(*store_, "tech@a.fr", Role::technician, Scope::collectivity(a_.id));
  const User b_admin = addUser(*store_, "admin@b.fr", Role::admin, Scope::collectivity(b_.id));
  const auto admin_token = tokenFor(*store_, a_admin, Scope::collectivity(a_.id), "admin");
  const auto tech_token = tokenFor(*store_, a_tech, Scope::collectivity(a_.id), "tech");
  const auto b_token = tokenFor(*store_, b_admin, Scope::collectivity(b_.id), "b");
  const std::string cli_secret = store_->createApiToken(Scope::everything(), "cli").value();

  EXPECT_EQ(store_->listApiTokens(Scope::collectivity(a_.id), std::nullopt).size(), 2u);
  const auto own = store_->listApiTokens(Scope::collectivity(a_.id), a_tech.id);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].id, tech_token.id);
  EXPECT_EQ(own[0].owner_email, "tech@a.fr");
  EXPECT_EQ(own[0].label, "tech");
  EXPECT_EQ(store_->listApiTokens(Scope::everything(), std::nullopt).size(), 4u);

  // Another collectivity's token, or another person's when limited to one's own:
  // "not_found", and nothing changes.
  for (const auto& [scope, owner, id] :
       {std::tuple{Scope::collectivity(b_.id), OptString{}, tech_token.id},
        std::tuple{Scope::collectivity(a_.id), OptString{a_tech.id}, admin_token.id},
        std::tuple{Scope::collectivity(a_.id), OptString{}, b_token.id},
        std::tuple{Scope::collectivity(a_.id), OptString{}, std::string("unknown")}}) {
    const auto refused = store_->revokeApiToken(scope, owner, id, now_);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(), "not_found");
  }
  EXPECT_TRUE(store_->authenticateToken(tech_token.secret));
  EXPECT_TRUE(store_->authenticateToken(admin_token.secret));
  EXPECT_TRUE(store_->authenticateToken(b_token.secret));

  const auto revoked = store_->revokeApiToken(Scope::collectivity(a_.id), std::nullopt, tech_token.id, now_);
  ASSERT_TRUE(revoked.ok()) << revoked.error();
  EXPECT_TRUE(revoked->revoked_at);
  EXPECT_FALSE(store_->authenticateToken(tech_token.secret));
  EXPECT_TRUE(store_->authenticateToken(admin_token.secret));
  EXPECT_TRUE(store_->authenticateApiToken(cli_secret)->all);
}

}  // namespace
}  // namespace parc::server::testing
