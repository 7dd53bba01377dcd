// Conformance: the audit log, newest first, paginated, each collectivity its own.
#include "tests/server/store/people_helpers.h"

namespace parc::server::testing {
namespace {

AuditEntry entry(const std::string& action, const OptString& collectivity, const std::string& target) {
  AuditEntry out;
  out.at = "2026-11-23T08:00:00Z";
  out.action = action;
  out.collectivity_id = collectivity;
  out.actor = "admin@a.fr";
  out.target = target;
  out.address = "192.0.2.7";
  return out;
}

TEST_P(StoreConformance, AuditNewestFirstAndPaginated) {
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(store_->appendAudit(entry("token_created", a_.id, "t" + std::to_string(i))).ok());
  }
  ASSERT_TRUE(store_->appendAudit(entry("login", b_.id, "b")).ok());
  ASSERT_TRUE(store_->appendAudit(entry("login_failed", std::nullopt, "nobody")).ok());

  std::vector<std::string> targets;
  OptString cursor;
  int pages = 0;
  do {
    auto page = store_->listAudit(Scope::collectivity(a_.id), 3, cursor);
    ASSERT_TRUE(page.ok()) << page.error();
    for (const auto& e : page->entries) {
      EXPECT_EQ(e.collectivity_id, a_.id);
      targets.push_back(e.target.value_or(""));
    }
    cursor = page->next_cursor;
    ++pages;
  } while (cursor && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(targets, (std::vector<std::string>{"t6", "t5", "t4", "t3", "t2", "t1", "t0"}));

  const auto first = store_->listAudit(Scope::collectivity(a_.id), 1, std::nullopt).value().entries.at(0);
  EXPECT_EQ(first.action, "token_created");
  EXPECT_EQ(first.actor, "admin@a.fr");
  EXPECT_EQ(first.address, "192.0.2.7");
  EXPECT_EQ(first.at, "2026-11-23T08:00:00Z");

  const auto b = store_->listAudit(Scope::collectivity(b_.id), 100, std::nullopt).value();
  ASSERT_EQ(b.entries.size(), 1u);
  EXPECT_EQ(b.entries[0].action, "login");
  EXPECT_EQ(store_->listAudit(Scope::everything(), 100, std::nullopt).value().entries.size(), 9u);
  EXPECT_TRUE(store_->listAudit(Scope{}, 100, std::nullopt).value().entries.empty());
}

TEST_P(StoreConformance, AuditRefusesBadInput) {
  EXPECT_FALSE(store_->appendAudit(AuditEntry{}).ok());
  for (const char* cursor : {"", "x1", "a", "a-1", "a0", "a1x", "a99999999999999999999999"}) {
    EXPECT_FALSE(store_->listAudit(Scope::everything(), 10, std::string(cursor)).ok()) << cursor;
  }
  EXPECT_FALSE(store_->listAudit(Scope::everything(), 0, std::nullopt).ok());
  EXPECT_FALSE(store_->listAudit(Scope::everything(), 1001, std::nullopt).ok());
  // Text that looks like SQL is stored as text.
  ASSERT_TRUE(store_->appendAudit(entry("login_failed", a_.id, "x'); DROP TABLE audit_log; --")).ok());
  EXPECT_EQ(store_->listAudit(Scope::collectivity(a_.id), 10, std::nullopt).value().entries.at(0).target,
            "x'); DROP TABLE audit_log; --");
}

}  // namespace
}  // namespace parc::server::testing
