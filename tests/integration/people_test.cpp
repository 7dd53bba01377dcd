// People on the real server: login, session cookie and CSRF, login limits,
// roles, tokens owned by people, scope across collectivities, disabling, audit.
// Written against url() and httpRequest, so it runs over HTTPS or plain HTTP.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class PeopleTest : public ::testing::Test {
 protected:
  PeopleTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
  }

  HttpAnswer login(const std::string& email, const std::string& password) {
    return httpRequest("POST", server_.url() + "/api/v1/login",
                       json{{"email", email}, {"password", password}}.dump());
  }

  Session loginOk(const std::string& email, const std::string& password) {
    return loginSession(server_.url(), email, password);
  }

  HttpAnswer withSession(const std::string& method, const std::string& path, const Session& session,
                         const std::string& body = "", bool csrf = true) {
    std::vector<std::string> headers = {"Cookie: " + session.cookie};
    if (csrf) headers.push_back("X-CSRF-Token: " + session.csrf);
    return httpRequest(method, server_.url() + path, body, headers);
  }

  HttpAnswer withToken(const std::string& method, const std::string& path, const std::string& token,
                       const std::string& body = "") {
    return httpRequest(method, server_.url() + path, body, {"Authorization: Bearer " + token});
  }

  // Creates a token from a session; returns {id, secret}.
  std::pair<std::string, std::string> makeToken(const Session& session, const std::string& label = "script") {
    const auto answer = withSession("POST", "/api/v1/tokens", session, json{{"label", label}}.dump());
    EXPECT_EQ(answer.status, 201) << answer.body;
    const json body = json::parse(answer.body, nullptr, false);
    return {body.value("id", ""), body.value("secret", "")};
  }

  std::vector<std::string> auditActions(const Session& admin) {
    const auto answer = withSession("GET", "/api/v1/audit?limit=1000", admin);
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::vector<std::string> actions;
    const json body = json::parse(answer.body, nullptr, false);
    for (const auto& entry : body["entries"]) {
      actions.push_back(entry.value("action", ""));
    }
    return actions;
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
};

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST_F(PeopleTest, LoginSetsAStrictSessionCookieAndWrongCredentialsAllLookAlike) {
  const std::string password = server_.addUser(a_.collectivity, "technician", "tech@commune-a.fr");
  server_.start();
  const auto ok = login("Tech@Commune-A.fr", password);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const std::string cookie = headerValue(ok.headers, "Set-Cookie");
  ASSERT_TRUE(cookie.starts_with("parc_session=ps_")) << cookie;
  for (const char* attribute : {"; Path=/", "; HttpOnly", "; Secure", "; SameSite=Strict", "; Max-Age="}) {
    EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute << " missing from " << cookie;
  }
  const json body = json::parse(ok.body);
  EXPECT_EQ(body["user"]["email"], "tech@commune-a.fr");
  EXPECT_EQ(body["user"]["role"], "technician");
  EXPECT_EQ(body["user"]["scope"]["collectivity"], a_.collectivity);
  EXPECT_EQ(body["user"]["must_change_password"], true);
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);

  const auto wrong_password = login("tech@commune-a.fr", password + "x");
  const auto unknown_user = login("nobody@commune-a.fr", password);
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(unknown_user.status, 401);
  EXPECT_EQ(wrong_password.body, unknown_user.body);
  EXPECT_EQ(headerValue(wrong_password.headers, "Set-Cookie"), "");

  // The form encoding works too, and garbage is a 400.
  const auto form = httpRequest("POST", server_.url() + "/api/v1/login",
                                "email=tech%40commune-a.fr&password=" + password,
                                {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/login", "{\"email\":").status, 400);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/login").status, 405);

  Session session;
  session.cookie = cookie.substr(0, cookie.find(';'));
  session.csrf = body["csrf_token"];
  const auto me = withSession("GET", "/api/v1/me", session, "", false);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["user"]["email"], "tech@commune-a.fr");
  EXPECT_EQ(json::parse(me.body)["csrf_token"], session.csrf);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/me").status, 401);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/me", "", {"Cookie: parc_session=ps_forged"}).status, 401);

  // Logout ends the session for good.
  ASSERT_EQ(withSession("POST", "/api/v1/logout", session).status, 200);
  EXPECT_EQ(withSession("GET", "/api/v1/me", session).status, 401);
}

TEST_F(PeopleTest, StateChangesWithTheCookieNeedTheCsrfToken) {
  const std::string password = server_.addUser(a_.collectivity, "admin", "admin@commune-a.fr");
  server_.start();
  Session session = loginOk("admin@commune-a.fr", password);
  const std::string body = json{{"label", "x"}}.dump();
  const auto missing = withSession("POST", "/api/v1/tokens", session, body, false);
  Session forged = session;
  forged.csrf = std::string(64, '0');
  const auto wrong = withSession("POST", "/api/v1/tokens", forged, body);
  EXPECT_EQ(missing.status, 403) << missing.body;
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(withSession("POST", "/api/v1/logout", session, "", false).status, 403);
  // Nothing was created, and the session still works.
  // Only the park's own command-line token (owned by no one) is listed.
  const auto listed = withSession("GET", "/api/v1/tokens", session, "", false);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json tokens = json::parse(listed.body)["tokens"];
  ASSERT_EQ(tokens.size(), 1u) << listed.body;
  EXPECT_TRUE(tokens[0]["owner"].is_null());

  const auto [id, secret] = makeToken(session);
  EXPECT_FALSE(id.empty());
  const auto revoke_without = withSession("DELETE", "/api/v1/tokens/" + id, session, "", false);
  EXPECT_EQ(revoke_without.status, 403);
  EXPECT_EQ(withToken("GET", "/api/v1/devices", secret).status, 200);
}

TEST_F(PeopleTest, FailedLoginsLockTheAccountThenTheWindowPasses) {
  const std::string password = server_.addUser(a_.collectivity, "viewer", "viewer@commune-a.fr");
  server_.start({"--login-window", "2s", "--login-account-failures", "3"});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login("viewer@commune-a.fr", "wrong").status, 401) << i;
  const auto locked = login("viewer@commune-a.fr", password);  // right password, still refused
  ASSERT_EQ(locked.status, 429) << locked.body;
  const std::string retry_after = headerValue(locked.headers, "Retry-After");
  ASSERT_FALSE(retry_after.empty());
  const int wait = std::stoi(retry_after);
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 2);
  EXPECT_EQ(login("VIEWER@commune-a.fr", password).status, 429);
  std::this_thread::sleep_for(std::chrono::seconds(wait) + std::chrono::milliseconds(1100));
  EXPECT_EQ(login("viewer@commune-a.fr", password).status, 200);
}

TEST_F(PeopleTest, ViewersReadButCannotMakeTokens) {
  const std::string password = server_.addUser(a_.collectivity, "viewer", "viewer@commune-a.fr");
  server_.start();
  const Session viewer = loginOk("viewer@commune-a.fr", password);
  EXPECT_EQ(withSession("GET", "/api/v1/devices", viewer).status, 200);
  EXPECT_EQ(withSession("POST", "/api/v1/tokens", viewer, "{}").status, 403);
  EXPECT_EQ(withSession("GET", "/api/v1/audit", viewer).status, 403);
  // A token cannot mint tokens either.
  const std::string tech_password = server_.addUser(a_.collectivity, "technician", "tech@commune-a.fr");
  const auto [id, secret] = makeToken(loginOk("tech@commune-a.fr", tech_password));
  EXPECT_EQ(withToken("POST", "/api/v1/tokens", secret, "{}").status, 403);
}

TEST_F(PeopleTest, ATokenOfOneCollectivitySeesNothingOfAnother) {
  server_.start();
  ParcAgent agent(dir_.path(), "desktop");
  ASSERT_EQ(agent.enroll(server_.url(), b_.token).exit_code, 0);
  ASSERT_EQ(agent.once().exit_code, 0);
  const std::string b_device = agent.identity().value("device_id", "");
  ASSERT_FALSE(b_device.empty());

  const std::string password = server_.addUser(a_.collectivity, "admin", "admin@commune-a.fr");
  const auto [a_token_id, a_token] = makeToken(loginOk("admin@commune-a.fr", password));
  const auto list = withToken("GET", "/api/v1/devices", a_token);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(json::parse(list.body)["devices"].empty());
  const auto foreign = withToken("GET", "/api/v1/devices/" + b_device, a_token);
  const auto unknown = withToken("GET", "/api/v1/devices/00000000-0000-4000-8000-000000000000", a_token);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.body, unknown.body);
  EXPECT_EQ(withToken("GET", "/api/v1/devices/" + b_device, b_.api_token).status, 200);

  // B's admin cannot see or revoke A's token: 404, like an unknown id.
  const std::string b_password = server_.addUser(b_.collectivity, "admin", "admin@commune-b.fr");
  const Session b_admin = loginOk("admin@commune-b.fr", b_password);
  const json b_tokens = json::parse(withSession("GET", "/api/v1/tokens", b_admin).body)["tokens"];
  for (const auto& token : b_tokens) EXPECT_NE(token["id"], a_token_id);
  EXPECT_EQ(b_tokens.size(), 1u);  // B's own command-line token
  const auto revoke = withSession("DELETE", "/api/v1/tokens/" + a_token_id, b_admin);
  EXPECT_EQ(revoke.status, 404);
  EXPECT_EQ(revoke.body, withSession("DELETE", "/api/v1/tokens/unknown", b_admin).body);
  EXPECT_EQ(withToken("GET", "/api/v1/devices", a_token).status, 200);
}

TEST_F(PeopleTest, ADisabledUserLosesSessionsAndTokens) {
  const std::string password = server_.addUser(a_.collectivity, "technician", "leaver@commune-a.fr");
  server_.start();
  const Session session = loginOk("leaver@commune-a.fr", password);
  const auto [id, secret] = makeToken(session);
  ASSERT_EQ(withToken("GET", "/api/v1/devices", secret).status, 200);
  server_.admin({"user", "disable", "leaver@commune-a.fr"});
  EXPECT_EQ(withSession("GET", "/api/v1/me", session).status, 401);
  EXPECT_EQ(withToken("GET", "/api/v1/devices", secret).status, 401);
  EXPECT_EQ(login("leaver@commune-a.fr", password).status, 401);
  EXPECT_NE(server_.admin({"user", "list"}).find("leaver@commune-a.fr\ttechnician"), std::string::npos);
}

TEST_F(PeopleTest, TheAuditLogRecordsEachActionForItsCollectivity) {
  const std::string password = server_.addUser(a_.collectivity, "admin", "admin@commune-a.fr");
  const std::string tech_password = server_.addUser(a_.collectivity, "technician", "tech@commune-a.fr");
  const std::string b_password = server_.addUser(b_.collectivity, "admin", "admin@commune-b.fr");
  server_.start();
  EXPECT_EQ(login("admin@commune-a.fr", "wrong").status, 401);
  const Session admin = loginOk("admin@commune-a.fr", password);
  const Session tech = loginOk("tech@commune-a.fr", tech_password);
  const auto [id, secret] = makeToken(tech);
  // The admin of A revokes the technician's token.
  ASSERT_EQ(withSession("DELETE", "/api/v1/tokens/" + id, admin).status, 200);
  EXPECT_EQ(withToken("GET", "/api/v1/devices", secret).status, 401);
  ASSERT_EQ(withSession("POST", "/api/v1/logout", tech).status, 200);
  server_.admin({"user", "disable", "tech@commune-a.fr"});

  const auto actions = auditActions(admin);
  for (const char* action : {"user_created", "login_failed", "login", "token_created", "token_revoked",
                             "logout", "user_disabled"}) {
    EXPECT_TRUE(contains(actions, action)) << action;
  }
  EXPECT_EQ(actions.front(), "user_disabled");  // newest first
  const json entries = json::parse(withSession("GET", "/api/v1/audit?limit=1000", admin).body)["entries"];
  for (const auto& entry : entries) {
    if (entry["action"] == "login_failed") {
      EXPECT_EQ(entry.value("address", ""), "127.0.0.1");
    }
    EXPECT_EQ(entry.dump().find("admin@commune-b.fr"), std::string::npos);
  }
  // Pages follow the cursor.
  const json first = json::parse(withSession("GET", "/api/v1/audit?limit=2", admin).body);
  ASSERT_EQ(first["entries"].size(), 2u);
  const json second = json::parse(
      withSession("GET", "/api/v1/audit?limit=2&cursor=" + first["next_cursor"].get<std::string>(), admin).body);
  ASSERT_FALSE(second["entries"].empty());
  EXPECT_LT(second["entries"][0]["id"].get<long>(), first["entries"][1]["id"].get<long>());
  EXPECT_EQ(withSession("GET", "/api/v1/audit?limit=0", admin).status, 400);
  EXPECT_EQ(withSession("GET", "/api/v1/audit?cursor=garbage", admin).status, 400);

  // B's admin sees only B's entries: its park made from the command line, its login
  // and the one-time password replaced (loginSession changes it and back).
  const Session b_admin = loginOk("admin@commune-b.fr", b_password);
  EXPECT_EQ(auditActions(b_admin), (std::vector<std::string>{"password_changed", "password_changed", "login",
                                                             "user_created", "token_created"}));
}

}  // namespace
}  // namespace parc::testing
