#include "server/auth/login_limiter.h"

#include <gtest/gtest.h>

namespace parc::server::auth {
namespace {

using std::chrono::seconds;

class LoginLimiterTest : public ::testing::Test {
 protected:
  LoginLimiter make(LoginLimits limits) {
    return LoginLimiter(limits, [this] { return now_; });
  }
  TimePoint now_ = parseRfc3339("2026-11-23T08:00:00Z").value();
};

TEST_F(LoginLimiterTest, LocksAnAccountAfterItsFailuresThenForgets) {
  auto limiter = make(LoginLimits{.window = seconds{900}, .max_account_failures = 5, .max_address_failures = 100});
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.retryAfter("a@x.fr", "10.0.0.1")) << i;
    limiter.recordFailure("a@x.fr", "10.0.0.1");
    now_ += seconds{10};
  }
  // Locked, from any address, whatever the case of the email.
  const auto wait = limiter.retryAfter("A@X.fr", "10.0.0.2");
  ASSERT_TRUE(wait);
  // The first failure was at 0 s, now is 50 s: it leaves the window at 900 s.
  EXPECT_EQ(*wait, seconds{850});
  EXPECT_FALSE(limiter.retryAfter("b@x.fr", "10.0.0.1"));  // another account is free
  now_ += seconds{849};
  EXPECT_TRUE(limiter.retryAfter("a@x.fr", "10.0.0.1"));
  now_ += seconds{1};
  EXPECT_FALSE(limiter.retryAfter("a@x.fr", "10.0.0.1"));
}

TEST_F(LoginLimiterTest, LocksAnAddressAcrossAccounts) {
  auto limiter = make(LoginLimits{.window = seconds{60}, .max_account_failures = 100, .max_address_failures = 3});
  for (const char* account : {"a@x.fr", "b@x.fr", "c@x.fr"}) limiter.recordFailure(account, "192.0.2.7");
  EXPECT_TRUE(limiter.retryAfter("d@x.fr", "192.0.2.7"));
  EXPECT_FALSE(limiter.retryAfter("d@x.fr", "192.0.2.8"));
}

TEST_F(LoginLimiterTest, SuccessClearsTheAccountNotTheAddress) {
  auto limiter = make(LoginLimits{.window = seconds{60}, .max_account_failures = 2, .max_address_failures = 2});
  limiter.recordFailure("a@x.fr", "192.0.2.7");
  limiter.recordSuccess("a@x.fr");
  limiter.recordFailure("a@x.fr", "192.0.2.9");
  EXPECT_FALSE(limiter.retryAfter("a@x.fr", "192.0.2.1"));  // one account failure since the success
  limiter.recordFailure("z@x.fr", "192.0.2.7");
  EXPECT_TRUE(limiter.retryAfter("q@x.fr", "192.0.2.7"));  // the address kept both
}

TEST_F(LoginLimiterTest, RetryAfterIsAtLeastOneSecond) {
  auto limiter = make(LoginLimits{.window = seconds{1}, .max_account_failures = 1, .max_address_failures = 10});
  limiter.recordFailure("a@x.fr", "192.0.2.7");
  const auto wait = limiter.retryAfter("a@x.fr", "192.0.2.7");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds{1});
}

TEST_F(LoginLimiterTest, TracksABoundedNumberOfKeys) {
  auto limiter = make(LoginLimits{.window = seconds{60}, .max_account_failures = 1,
                                  .max_address_failures = 1000, .max_tracked = 10});
  for (int i = 0; i < 50; ++i) {
    limiter.recordFailure("user" + std::to_string(i) + "@x.fr", "192.0.2.7");
    now_ += seconds{1};
  }
  // The most recent accounts are still locked; the oldest were let go.
  EXPECT_TRUE(limiter.retryAfter("user49@x.fr", "198.51.100.1"));
  EXPECT_FALSE(limiter.retryAfter("user0@x.fr", "198.51.100.1"));
}

TEST(AccountKey, LowersAsciiOnly) {
  EXPECT_EQ(accountKey("Jean.DUPONT@Ecole.FR"), "jean.dupont@ecole.fr");
  EXPECT_EQ(accountKey("É@x"), "É@x");
}

}  // namespace
}  // namespace parc::server::auth
