#include "server/auth/cookies.h"

#include <gtest/gtest.h>

namespace parc::server::auth {
namespace {

TEST(Cookies, FindsTheNamedCookie) {
  struct Case {
    const char* header;
    std::optional<std::string> expected;
  };
  const Case cases[] = {
      {"parc_session=ps_abc", "ps_abc"},
      {"theme=dark; parc_session=ps_abc; lang=fr", "ps_abc"},
      {"theme=dark;parc_session=ps_abc", "ps_abc"},
      {"  parc_session = ps_abc  ", "ps_abc"},
      {"parc_session=\"ps_abc\"", "ps_abc"},
      {"parc_session=first; parc_session=second", "first"},
      {"parc_session=", ""},
      {"xparc_session=ps_abc", std::nullopt},
      {"parc_sessionx=ps_abc", std::nullopt},
      {"parc_session", std::nullopt},
      {"", std::nullopt},
      {";;;==;", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(cookieValue(c.header, kSessionCookie), c.expected) << c.header;
}

TEST(Cookies, SessionCookieHasEveryRequiredAttribute) {
  const std::string cookie = sessionCookie("ps_abc", std::chrono::seconds{3600});
  EXPECT_EQ(cookie, "parc_session=ps_abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600");
  EXPECT_EQ(clearedSessionCookie(), "parc_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
}

}  // namespace
}  // namespace parc::server::auth
