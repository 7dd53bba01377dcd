// Alerts on the real server with a real agent: the captured desktop root has a
// disk whose SMART status failed. One alert opens, a repeat only updates it, a
// technician acknowledges and resolves it through the API; a viewer cannot, and
// another collectivity sees nothing (404).

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class AlertsTest : public ::testing::Test {
 protected:
  AlertsTest() : dir_("alerts"), server_(dir_.path()) {}

  void SetUp() override {
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
    tech_password_ = server_.addUser(a_.collectivity, "technician", "tech@commune-a.fr");
    viewer_password_ = server_.addUser(a_.collectivity, "viewer", "viewer@commune-a.fr");
    admin_password_ = server_.addUser(a_.collectivity, "admin", "admin@commune-a.fr");
    other_password_ = server_.addUser(b_.collectivity, "technician", "tech@commune-b.fr");
    server_.start();
    agent_ = std::make_unique<ParcAgent>(dir_.path(), "desktop");
    ASSERT_EQ(agent_->enroll(server_.url(), a_.token).exit_code, 0);
  }

  Session login(const std::string& email, const std::string& password) {
    return loginSession(server_.url(), email, password);
  }

  HttpAnswer post(const Session& session, const std::string& path, const json& body, bool csrf = true) {
    std::vector<std::string> headers{"Cookie: " + session.cookie, "Content-Type: application/json"};
    if (csrf) headers.push_back("X-CSRF-Token: " + session.csrf);
    return httpRequest("POST", server_.url() + path, body.dump(), headers);
  }

  json alertsOf(const std::string& token, const std::string& query) {
    return server_.getJson("/api/v1/alerts?" + query, token)["alerts"];
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
  std::string tech_password_, viewer_password_, admin_password_, other_password_;
  std::unique_ptr<ParcAgent> agent_;
};

TEST_F(AlertsTest, AFailingDiskIsOneAlertThatATechnicianAcknowledgesAndResolves) {
  ASSERT_EQ(agent_->once().exit_code, 0);
  const std::string device = agent_->identity()["device_id"];
  json found = alertsOf(a_.api_token, "rule=disk_smart_failed&device=" + device);
  ASSERT_EQ(found.size(), 1u) << found.dump();
  const std::string id = found[0]["id"];
  EXPECT_EQ(found[0]["state"], "open");
  EXPECT_EQ(found[0]["key"], "sda");
  EXPECT_EQ(found[0]["severity"], "critical");
  EXPECT_EQ(found[0]["count"], 1);

  ASSERT_EQ(agent_->once().exit_code, 0);  // the same disk, again
  found = alertsOf(a_.api_token, "rule=disk_smart_failed&device=" + device);
  ASSERT_EQ(found.size(), 1u) << "a repeat is not a second alert";
  EXPECT_EQ(found[0]["id"], id);
  EXPECT_EQ(found[0]["count"], 2);

  // Another collectivity: 404, and nothing in its lists.
  const Session other = login("tech@commune-b.fr", other_password_);
  EXPECT_EQ(post(other, "/api/v1/alerts/" + id + "/acknowledge", json::object()).status, 404);
  EXPECT_EQ(server_.getJson("/api/v1/alerts/" + id, b_.api_token, 404).value("error", ""), "not_found");
  EXPECT_TRUE(alertsOf(b_.api_token, "").empty());

  // A viewer reads but cannot act; a session without the CSRF token cannot either.
  const Session viewer = login("viewer@commune-a.fr", viewer_password_);
  EXPECT_EQ(post(viewer, "/api/v1/alerts/" + id + "/acknowledge", json::object()).status, 403);
  const Session tech = login("tech@commune-a.fr", tech_password_);
  EXPECT_EQ(post(tech, "/api/v1/alerts/" + id + "/acknowledge", json::object(), false).status, 403);

  auto acked = post(tech, "/api/v1/alerts/" + id + "/acknowledge", json::object());
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_EQ(json::parse(acked.body)["state"], "acknowledged");
  EXPECT_EQ(json::parse(acked.body)["acknowledged_by"], "tech@commune-a.fr");
  EXPECT_EQ(post(tech, "/api/v1/alerts/" + id + "/acknowledge", json::object()).status, 409);

  EXPECT_EQ(post(tech, "/api/v1/alerts/" + id + "/resolve", json::object()).status, 400) << "a note is required";
  EXPECT_EQ(post(tech, "/api/v1/alerts/" + id + "/resolve", json{{"note", 42}}).status, 400);
  auto intervention = post(tech, "/api/v1/interventions",
                           json{{"alert_id", id}, {"what", "Disque remplacé"}, {"minutes", 40}});
  ASSERT_EQ(intervention.status, 201) << intervention.body;
  auto resolved = post(tech, "/api/v1/alerts/" + id + "/resolve", json{{"note", "Disque remplacé, poste réinstallé"}});
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(json::parse(resolved.body)["state"], "resolved");

  const json detail = server_.getJson("/api/v1/alerts/" + id, a_.api_token);
  EXPECT_NE(detail["procedure"].get<std::string>().find("## "), std::string::npos);
  std::vector<std::string> events;
  for (const auto& e : detail["events"]) events.push_back(e["type"]);
  EXPECT_EQ(events, (std::vector<std::string>{"opened", "acknowledged", "intervention", "resolved"}));
  ASSERT_EQ(detail["interventions"].size(), 1u);
  EXPECT_EQ(detail["interventions"][0]["minutes"], 40);

  // Both actions are in the audit log.
  const Session admin = login("admin@commune-a.fr", admin_password_);
  const auto audit = httpRequest("GET", server_.url() + "/api/v1/audit", "", {"Cookie: " + admin.cookie});
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("alert_acknowledged"), std::string::npos);
  EXPECT_NE(audit.body.find("alert_resolved"), std::string::npos);

  // The month's summary of the site (the intervention's month, Paris time, may be the next).
  const std::string at = json::parse(intervention.body)["at"];
  std::int64_t minutes = 0;
  for (int shift : {0, 1}) {
    int year = std::stoi(at.substr(0, 4)), month = std::stoi(at.substr(5, 2)) + shift;
    if (month == 13) month = 1, ++year;
    char text[8];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    minutes += server_.getJson("/api/v1/interventions/summary?site=" + a_.site + "&month=" + text, a_.api_token)
                   .value("minutes", 0);
  }
  EXPECT_EQ(minutes, 40);
  server_.getJson("/api/v1/interventions/summary?site=" + a_.site + "&month=2026-13", a_.api_token, 400);
  server_.getJson("/api/v1/interventions/summary?site=" + a_.site + "&month=2026-11", b_.api_token, 404);
}

TEST_F(AlertsTest, HostileBodiesAndPathsAreRefused) {
  ASSERT_EQ(agent_->once().exit_code, 0);
  const std::string id = alertsOf(a_.api_token, "rule=disk_smart_failed")[0]["id"];
  const Session tech = login("tech@commune-a.fr", tech_password_);
  const std::vector<std::string> bodies{"{", "[]", "\"x\"", std::string("\xff\xfe", 2), "{\"note\":null}",
                                        "{\"note\":{\"a\":1}}", "{\"note\":\"" + std::string(5000, 'x') + "\"}"};
  for (const std::string& body : bodies) {
    std::vector<std::string> headers{"Cookie: " + tech.cookie, "X-CSRF-Token: " + tech.csrf};
    EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/alerts/" + id + "/resolve", body, headers).status, 400)
        << body;
  }
  for (const json& body : {json{{"what", "x"}, {"minutes", 5}}, json{{"alert_id", id}, {"what", "x"}},
                           json{{"alert_id", id}, {"what", "x"}, {"minutes", -1}},
                           json{{"alert_id", id}, {"what", "x"}, {"minutes", "10"}},
                           json{{"alert_id", id}, {"device_id", "d"}, {"what", "x"}, {"minutes", 1}}}) {
    EXPECT_EQ(post(tech, "/api/v1/interventions", body).status, 400) << body.dump();
  }
  EXPECT_EQ(post(tech, "/api/v1/interventions", json{{"alert_id", "nope"}, {"what", "x"}, {"minutes", 1}}).status,
            404);
  EXPECT_EQ(post(tech, "/api/v1/alerts/nope/acknowledge", json::object()).status, 404);
  EXPECT_EQ(post(tech, "/api/v1/alerts/" + id + "/explode", json::object()).status, 404);
  server_.getJson("/api/v1/alerts?limit=0", a_.api_token, 400);
  server_.getJson("/api/v1/alerts?cursor=%27%3B%20DROP", a_.api_token, 400);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/alerts").status, 401);
  // Still one open alert, untouched.
  EXPECT_EQ(server_.getJson("/api/v1/alerts/" + id, a_.api_token)["state"], "open");
}

TEST_F(AlertsTest, RulesAndCalendarsFromTheCommandLine) {
  server_.admin({"rule", "set", "--collectivity", a_.collectivity, "battery_worn", "health_pct=60"});
  const json rules = server_.getJson("/api/v1/alert-rules", a_.api_token)["rules"];
  bool seen = false;
  for (const auto& rule : rules) {
    if (rule["id"] == "battery_worn") seen = rule["settings"]["health_pct"] == "60";
  }
  EXPECT_TRUE(seen) << rules.dump();
  const std::string ics = std::string(PARC_FIXTURES_DIR) + "/calendar/calendrier-scolaire-2026-2027-zone-b.ics";
  EXPECT_EQ(server_.admin({"calendar", "import", "--zone", "B", ics}), "6");
  EXPECT_FALSE(server_.admin({"calendar", "close", "--site", a_.site, "2026-12-07", "2026-12-08", "Grève"}).empty());
  server_.admin({"calendar", "wednesday", "--site", a_.site, "off"});
}

}  // namespace
}  // namespace parc::testing
