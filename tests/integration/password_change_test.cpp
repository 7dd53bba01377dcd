// A person's own password change on the real server (POST /api/v1/me/password):
// the one-time password of `admin user add` must be replaced before a session
// reaches anything but /me, the change itself and logout; a wrong current
// password counts as a failed login; weak passwords and hostile bodies are
// refused; a change ends the user's other sessions; API tokens are unaffected.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

constexpr const char* kEmail = "tech@commune-a.fr";

class PasswordChangeTest : public ::testing::Test {
 protected:
  PasswordChangeTest()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override { park_ = server_.makePark("Commune A"); }

  HttpAnswer login(const std::string& email, const std::string& password) {
    return httpRequest("POST", server_.url() + "/api/v1/login",
                       json{{"email", email}, {"password", password}}.dump());
  }

  // A session straight from the login answer, still on the one-time password
  // (loginSession would replace it).
  Session rawSession(const std::string& email, const std::string& password) {
    const auto answer = login(email, password);
    EXPECT_EQ(answer.status, 200) << answer.body;
    Session session;
    const std::string set_cookie = headerValue(answer.headers, "Set-Cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    session.body = json::parse(answer.body, nullptr, false);
    session.csrf = session.body.is_object() ? session.body.value("csrf_token", "") : "";
    return session;
  }

  HttpAnswer withSession(const std::string& method, const std::string& path, const Session& session,
                         const std::string& body = "", bool csrf = true) {
    std::vector<std::string> headers = {"Cookie: " + session.cookie};
    if (csrf) headers.push_back("X-CSRF-Token: " + session.csrf);
    return httpRequest(method, server_.url() + path, body, headers);
  }

  HttpAnswer change(const Session& session, const std::string& current, const std::string& next,
                    bool csrf = true) {
    return withSession("POST", "/api/v1/me/password", session,
                       json{{"current_password", current}, {"new_password", next}}.dump(), csrf);
  }

  static std::string errorOf(const HttpAnswer& answer) {
    const json body = json::parse(answer.body, nullptr, false);
    return body.is_object() ? body.value("error", "") : "";
  }

  bool mustChange(const Session& session) {
    const auto me = withSession("GET", "/api/v1/me", session);
    EXPECT_EQ(me.status, 200) << me.body;
    const json body = json::parse(me.body, nullptr, false);
    return body.is_object() && body.value("must_change_password", false);
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
};

TEST_F(PasswordChangeTest, AOneTimePasswordSessionReachesOnlyMeTheChangeAndLogout) {
  const std::string password = server_.addUser(park_.collectivity, "technician", kEmail);
  server_.start();
  const Session session = rawSession(kEmail, password);
  EXPECT_EQ(session.body["user"]["must_change_password"], true);
  EXPECT_TRUE(mustChange(session));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/devices"}, {"GET", "/api/v1/tokens"}, {"POST", "/api/v1/tokens"},
           {"GET", "/api/v1/alerts"}, {"GET", "/api/v1/exports/inventory"},
           {"GET", "/api/v1/devices/00000000-0000-4000-8000-000000000000"}}) {
    const auto answer = withSession(method, path, session, method == "POST" ? "{}" : "");
    EXPECT_EQ(answer.status, 403) << method << " " << path << ": " << answer.body;
    EXPECT_EQ(errorOf(answer), "password_change_required") << method << " " << path;
  }
  // The collectivity's API token is not a session: unaffected.
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/devices", "",
                        {"Authorization: Bearer " + park_.api_token})
                .status,
            200);

  const std::string next = password + "-renouvele";
  const auto changed = change(session, password, next);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(json::parse(changed.body)["user"]["must_change_password"], false);
  EXPECT_FALSE(mustChange(session));
  EXPECT_EQ(withSession("GET", "/api/v1/devices", session).status, 200);
  const auto token = withSession("POST", "/api/v1/tokens", session, json{{"label", "script"}}.dump());
  ASSERT_EQ(token.status, 201) << token.body;
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/devices", "",
                        {"Authorization: Bearer " + json::parse(token.body).value("secret", "")})
                .status,
            200);
  EXPECT_EQ(withSession("POST", "/api/v1/logout", session).status, 200);
}

TEST_F(PasswordChangeTest, LogoutIsAllowedBeforeTheChange) {
  const std::string password = server_.addUser(park_.collectivity, "viewer", kEmail);
  server_.start();
  const Session session = rawSession(kEmail, password);
  EXPECT_EQ(withSession("POST", "/api/v1/logout", session).status, 200);
  EXPECT_EQ(withSession("GET", "/api/v1/me", session).status, 401);
}

TEST_F(PasswordChangeTest, SuccessEndsOtherSessionsAndOnlyTheNewPasswordSignsIn) {
  const std::string password = server_.addUser(park_.collectivity, "admin", kEmail);
  server_.start();
  const Session kept = rawSession(kEmail, password);
  const Session other = rawSession(kEmail, password);
  const std::string next = "Une phrase de passe assez longue";
  ASSERT_EQ(change(kept, password, next).status, 200);
  EXPECT_EQ(withSession("GET", "/api/v1/me", other).status, 401);
  EXPECT_EQ(withSession("GET", "/api/v1/me", kept).status, 200);

  EXPECT_EQ(login(kEmail, password).status, 401);
  const auto fresh = login(kEmail, next);
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(json::parse(fresh.body)["user"]["must_change_password"], false);

  // Audited, without the password.
  const auto audit = withSession("GET", "/api/v1/audit?limit=1000", kept);
  ASSERT_EQ(audit.status, 200) << audit.body;
  int changes = 0;
  const json entries = json::parse(audit.body)["entries"];
  for (const auto& entry : entries) {
    if (entry.value("action", "") == "password_changed") {
      ++changes;
      EXPECT_EQ(entry.value("actor", ""), kEmail);
    }
  }
  EXPECT_EQ(changes, 1) << audit.body;
  EXPECT_EQ(audit.body.find(next), std::string::npos);
  EXPECT_EQ(audit.body.find(password), std::string::npos);
}

TEST_F(PasswordChangeTest, AWrongCurrentPasswordCountsAsAFailedLogin) {
  const std::string password = server_.addUser(park_.collectivity, "technician", kEmail);
  server_.start({"--login-account-failures", "3"});
  const Session session = rawSession(kEmail, password);
  const std::string next = password + "-renouvele";
  for (int i = 0; i < 3; ++i) {
    const auto wrong = change(session, password + "x", next);
    EXPECT_EQ(wrong.status, 403) << i << ": " << wrong.body;
    EXPECT_EQ(errorOf(wrong), "invalid_current_password") << i;
  }
  // The account is now locked, for logins and for changes, even with the right password.
  EXPECT_EQ(login(kEmail, password).status, 429);
  const auto locked = change(session, password, next);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(headerValue(locked.headers, "Retry-After").empty());
  EXPECT_TRUE(mustChange(session));
}

TEST_F(PasswordChangeTest, WeakPasswordsAreRefusedWithTheirCode) {
  const std::string password = server_.addUser(park_.collectivity, "technician", kEmail);
  server_.start();
  const Session session = rawSession(kEmail, password);
  const struct {
    std::string next, code;
  } cases[] = {
      {"onze-lettre", "weak_password"},                   // 11 characters
      {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
       "weak_password"},                                  // 11 characters in 22 bytes
      {"TECH@Commune-A.fr", "password_is_email"},
      {password, "password_unchanged"},
  };
  for (const auto& c : cases) {
    const auto answer = change(session, password, c.next);
    EXPECT_EQ(answer.status, 400) << c.next << ": " << answer.body;
    EXPECT_EQ(errorOf(answer), c.code) << c.next;
    EXPECT_EQ(answer.body.find(c.next), std::string::npos) << "the password is never echoed";
  }
  EXPECT_TRUE(mustChange(session));
  EXPECT_EQ(login(kEmail, password).status, 200) << "refusals are not failed logins and change nothing";
  // Exactly 12 characters, some of them multibyte, is enough.
  EXPECT_EQ(change(session, password, "d\xc3\xa9j\xc3\xa0-douze-ok").status, 200);
}

TEST_F(PasswordChangeTest, TheChangeNeedsASessionWithItsCsrfToken) {
  const std::string password = server_.addUser(park_.collectivity, "technician", kEmail);
  server_.start();
  const Session session = rawSession(kEmail, password);
  const std::string next = password + "-renouvele";
  const auto no_csrf = change(session, password, next, /*csrf=*/false);
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  EXPECT_EQ(errorOf(no_csrf), "csrf_failed");
  Session forged = session;
  forged.csrf = std::string(64, '0');
  EXPECT_EQ(errorOf(change(forged, password, next)), "csrf_failed");

  const std::string body = json{{"current_password", password}, {"new_password", next}}.dump();
  const auto with_token = httpRequest("POST", server_.url() + "/api/v1/me/password", body,
                                      {"Authorization: Bearer " + park_.api_token});
  EXPECT_EQ(with_token.status, 403) << with_token.body;
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/me/password", body).status, 401);
  EXPECT_TRUE(mustChange(session));
  EXPECT_EQ(login(kEmail, password).status, 200) << "nothing changed";
}

TEST_F(PasswordChangeTest, HostileBodiesAreRefusedAndChangeNothing) {
  const std::string password = server_.addUser(park_.collectivity, "technician", kEmail);
  server_.start({"--login-account-failures", "3"});
  const Session session = rawSession(kEmail, password);
  const std::string next = password + "-renouvele";
  const std::string huge(100 * 1024, 'a');
  const std::vector<std::string> bodies = {
      "",
      "{",
      "[]",
      "null",
      "\"text\"",
      std::string("\xff\xfe\x00\x01garbage", 11),
      json{{"new_password", next}}.dump(),
      json{{"current_password", password}}.dump(),
      json{{"current_password", 12345}, {"new_password", next}}.dump(),
      json{{"current_password", password}, {"new_password", json::array({next})}}.dump(),
      json{{"current_password", password}, {"new_password", nullptr}}.dump(),
      json{{"current_password", password}, {"new_password", ""}}.dump(),
      json{{"current_password", password}, {"new_password", huge}}.dump(),
      json{{"current_password", huge}, {"new_password", next}}.dump(),
      json{{"current_password", password}, {"new_password", next}}.dump().substr(0, 30),
  };
  for (const auto& body : bodies) {
    const auto answer = withSession("POST", "/api/v1/me/password", session, body);
    EXPECT_EQ(answer.status, 400) << body.substr(0, 60) << ": " << answer.body.substr(0, 200);
    EXPECT_EQ(errorOf(answer), "invalid_request") << body.substr(0, 60);
    EXPECT_EQ(answer.body.find(password), std::string::npos) << "the password is never echoed";
  }
  // Not counted as failures (more than the 3 allowed were sent), and nothing changed.
  EXPECT_TRUE(mustChange(session));
  EXPECT_EQ(change(session, password, next).status, 200);
}

}  // namespace
}  // namespace parc::testing
