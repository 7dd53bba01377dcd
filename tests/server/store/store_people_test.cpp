// Conformance: people and their web sessions.
#include "tests/server/store/people_helpers.h"

namespace parc::server::testing {
namespace {

using std::chrono::seconds;

TEST_P(StoreConformance, PeopleCreatesAndFindsUsers) {
  const User admin = addUser(*store_, "Admin@Commune-A.fr", Role::admin, Scope::collectivity(a_.id));
  EXPECT_EQ(admin.role, Role::admin);
  const auto login = store_->findLogin("admin@commune-a.fr");  // case-insensitive
  ASSERT_TRUE(login);
  EXPECT_EQ(login->user.id, admin.id);
  EXPECT_EQ(login->password_hash, "$scrypt$stored");
  EXPECT_TRUE(login->user.must_change_password);
  EXPECT_EQ(login->user.scope.collectivity_id, a_.id);
  EXPECT_FALSE(store_->findLogin("nobody@commune-a.fr"));
  EXPECT_FALSE(store_->findLogin(""));
}

TEST_P(StoreConformance, PeopleRefusesBadUsers) {
  addUser(*store_, "tech@a.fr", Role::technician, Scope::collectivity(a_.id));
  const std::vector<NewUser> bad = {
      {.email = "TECH@a.fr", .role = Role::viewer, .scope = Scope::collectivity(a_.id), .password_hash = "h"},
      {.email = "no-at-sign", .role = Role::viewer, .scope = Scope::collectivity(a_.id), .password_hash = "h"},
      {.email = "a b@a.fr", .role = Role::viewer, .scope = Scope::collectivity(a_.id), .password_hash = "h"},
      {.email = std::string(300, 'x') + "@a.fr", .role = Role::viewer, .scope = Scope::collectivity(a_.id),
       .password_hash = "h"},
      {.email = "x@a.fr", .role = Role::viewer, .scope = Scope::everything(), .password_hash = "h"},
      {.email = "x@a.fr", .role = Role::viewer, .scope = Scope{}, .password_hash = "h"},
      {.email = "x@a.fr", .role = Role::viewer, .scope = Scope::collectivity("unknown"), .password_hash = "h"},
      {.email = "x@a.fr", .role = Role::viewer, .scope = sitesOf(a_, {b1_.id}), .password_hash = "h"},
      {.email = "x@a.fr", .role = Role::viewer, .scope = Scope::collectivity(a_.id), .password_hash = ""},
  };
  for (const NewUser& user : bad) EXPECT_FALSE(store_->createUser(user).ok()) << user.email;
  EXPECT_EQ(store_->listUsers(Scope::everything()).size(), 1u);
}

TEST_P(StoreConformance, PeopleListsUsersWithinTheScope) {
  addUser(*store_, "a-admin@a.fr", Role::admin, Scope::collectivity(a_.id));
  addUser(*store_, "a1-tech@a.fr", Role::technician, sitesOf(a_, {a1_.id}));
  addUser(*store_, "a2-tech@a.fr", Role::technician, sitesOf(a_, {a2_.id}));
  addUser(*store_, "b-viewer@b.fr", Role::viewer, Scope::collectivity(b_.id));
  const auto emails = [&](const Scope& scope) {
    std::vector<std::string> out;
    for (const auto& user : store_->listUsers(scope)) out.push_back(user.email);
    return out;
  };
  EXPECT_EQ(emails(Scope::everything()).size(), 4u);
  EXPECT_EQ(emails(Scope::collectivity(a_.id)),
            (std::vector<std::string>{"a-admin@a.fr", "a1-tech@a.fr", "a2-tech@a.fr"}));
  EXPECT_EQ(emails(sitesOf(a_, {a1_.id})), (std::vector<std::string>{"a1-tech@a.fr"}));
  EXPECT_EQ(emails(Scope::collectivity(b_.id)), (std::vector<std::string>{"b-viewer@b.fr"}));
  EXPECT_TRUE(emails(Scope{}).empty());
  const auto users = store_->listUsers(Scope::collectivity(a_.id));
  EXPECT_EQ(users[1].scope.site_ids, (std::vector<std::string>{a1_.id}));
}

TEST_P(StoreConformance, PeopleSessionsLiveUntilExpiryOrIdleness) {
  const User user = addUser(*store_, "t@a.fr", Role::technician, Scope::collectivity(a_.id));
  const auto created = store_->createSession(user.id, now_, now_ + seconds{3600});
  ASSERT_TRUE(created.ok()) << created.error();
  EXPECT_NE(created->session_id, created->csrf_token);
  const auto idle = seconds{600};

  auto session = store_->useSession(created->session_id, now_ + seconds{500}, idle);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->user.id, user.id);
  EXPECT_EQ(session->csrf_token, created->csrf_token);
  // Each use moves the idle deadline; 1000 s after creation is 500 s after the last use.
  EXPECT_TRUE(store_->useSession(created->session_id, now_ + seconds{1000}, idle));
  EXPECT_FALSE(store_->useSession(created->session_id, now_ + seconds{1601}, idle));  // idle too long
  EXPECT_FALSE(store_->useSession(created->session_id + "x", now_ + seconds{1000}, idle));
  EXPECT_FALSE(store_->useSession("", now_, idle));

  const auto busy = store_->createSession(user.id, now_, now_ + seconds{3600});
  ASSERT_TRUE(busy.ok());
  for (int minute = 5; minute < 60; minute += 5) {
    EXPECT_TRUE(store_->useSession(busy->session_id, now_ + seconds{minute * 60}, idle)) << minute;
  }
  EXPECT_FALSE(store_->useSession(busy->session_id, now_ + seconds{3600}, idle));  // expired
  EXPECT_FALSE(store_->createSession(user.id, now_, now_).ok());
  EXPECT_FALSE(store_->createSession("unknown", now_, now_ + seconds{60}).ok());
}

TEST_P(StoreConformance, PeopleEndingAndDisablingStopSessions) {
  const User user = addUser(*store_, "v@a.fr", Role::viewer, Scope::collectivity(a_.id));
  const auto first = store_->createSession(user.id, now_, now_ + seconds{3600}).value();
  const auto second = store_->createSession(user.id, now_, now_ + seconds{3600}).value();
  EXPECT_TRUE(store_->endSession(first.session_id, now_).ok());
  EXPECT_FALSE(store_->useSession(first.session_id, now_, seconds{600}));
  EXPECT_TRUE(store_->useSession(second.session_id, now_, seconds{600}));

  // Disabling is scoped: B cannot disable A's user, and the answer is "not found".
  const auto refused = store_->disableUser(Scope::collectivity(b_.id), "v@a.fr", now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(), "not_found");
  EXPECT_TRUE(store_->useSession(second.session_id, now_, seconds{600}));

  const auto disabled = store_->disableUser(Scope::collectivity(a_.id), "V@A.fr", now_);
  ASSERT_TRUE(disabled.ok()) << disabled.error();
  EXPECT_TRUE(disabled->disabled_at);
  EXPECT_FALSE(store_->useSession(second.session_id, now_, seconds{600}));
  EXPECT_FALSE(store_->createSession(user.id, now_, now_ + seconds{60}).ok());
  EXPECT_TRUE(store_->findLogin("v@a.fr")->user.disabled_at);
  EXPECT_FALSE(store_->disableUser(Scope::everything(), "nobody@a.fr", now_).ok());
}

}  // namespace
}  // namespace parc::server::testing
