// The dashboard's reads through the real server and a real agent on the captured
// desktop root (a failing ATA disk, seven sensors): rooms and the room kit with
// health, trends from the stored states, alerts per week, and the alert and
// intervention CSV exports read back row by row. No credentials: 401; another
// collectivity's site or device: 404; hostile parameters: 400.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "tests/integration/csv_rows.h"
#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class DashboardTest : public ::testing::Test {
 protected:
  DashboardTest() : dir_("dashboard"), server_(dir_.path()) {}

  void SetUp() override {
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
    tech_password_ = server_.addUser(a_.collectivity, "technician", "tech@commune-a.fr");
    server_.start();
    agent_ = std::make_unique<ParcAgent>(dir_.path(), "desktop");
    ASSERT_EQ(agent_->enroll(server_.url(), a_.token).exit_code, 0);
    ASSERT_EQ(agent_->once().exit_code, 0);
    device_ = agent_->identity()["device_id"];
  }

  HttpAnswer get(const std::string& path, const std::string& token) {
    return httpRequest("GET", server_.url() + path, "", {"Authorization: Bearer " + token});
  }
  HttpAnswer anonymous(const std::string& path) { return httpRequest("GET", server_.url() + path); }

  Session login(const std::string& email, const std::string& password) {
    return loginSession(server_.url(), email, password);
  }

  json openAlerts() {
    json out = json::array();
    const json listed = server_.getJson("/api/v1/alerts?device=" + device_, a_.api_token);
    for (const auto& alert : listed["alerts"]) {
      if (alert["state"] != "resolved") out.push_back(alert);
    }
    return out;
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
  std::string tech_password_, device_;
  std::unique_ptr<ParcAgent> agent_;
};

TEST_F(DashboardTest, RoomsAndTheRoomKitWithHealth) {
  const json open = openAlerts();
  ASSERT_FALSE(open.empty());
  const json rooms = server_.getJson("/api/v1/rooms?site=" + a_.site, a_.api_token);
  EXPECT_EQ(rooms["site"]["id"], a_.site);
  ASSERT_EQ(rooms["rooms"].size(), 1u) << rooms.dump();
  EXPECT_TRUE(rooms["rooms"][0]["room"].is_null());  // enrolled without a room
  EXPECT_EQ(rooms["rooms"][0]["device_count"], 1);
  EXPECT_EQ(rooms["rooms"][0]["open_alerts"], open.size());

  const json view = server_.getJson("/api/v1/rooms/view?site=" + a_.site, a_.api_token);
  EXPECT_TRUE(view["room"].is_null());
  ASSERT_EQ(view["devices"].size(), 1u);
  const json& device = view["devices"][0];
  EXPECT_EQ(device["id"], device_);
  EXPECT_EQ(device["source"], "agent");
  std::set<std::string> listed, expected;
  bool critical = false;
  for (const auto& alert : device["open_alerts"]) listed.insert(alert["id"].get<std::string>());
  for (const auto& alert : open) {
    expected.insert(alert["id"].get<std::string>());
    critical = critical || alert["severity"] == "critical";
  }
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(device["health"], critical ? "critical" : "warning");
  EXPECT_EQ(device["open_alerts"][0]["title"], open[0]["title"].is_null() ? open[0]["summary"] : open[0]["title"]);
  EXPECT_TRUE(server_.getJson("/api/v1/rooms/view?site=" + a_.site + "&room=Z99", a_.api_token)["devices"].empty());

  EXPECT_EQ(anonymous("/api/v1/rooms?site=" + a_.site).status, 401);
  EXPECT_EQ(anonymous("/api/v1/rooms/view?site=" + a_.site).status, 401);
  EXPECT_EQ(get("/api/v1/rooms?site=" + a_.site, b_.api_token).status, 404);
  EXPECT_EQ(get("/api/v1/rooms/view?site=" + a_.site, b_.api_token).status, 404);
  EXPECT_EQ(get("/api/v1/rooms", a_.api_token).status, 400);
  EXPECT_EQ(get("/api/v1/rooms/view?site=" + a_.site + "&room=" + std::string(5000, 'x'), a_.api_token).status, 400);
  EXPECT_EQ(get("/api/v1/rooms?site=%00%ff%27%20OR%201=1", a_.api_token).status, 404);
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/rooms?site=" + a_.site, "{}",
                        {"Authorization: Bearer " + a_.api_token}).status, 405);
}

TEST_F(DashboardTest, TrendsFollowTheStoredStates) {
  ASSERT_EQ(agent_->once().exit_code, 0);
  ASSERT_EQ(agent_->once().exit_code, 0);
  const json detail = server_.getJson("/api/v1/devices/" + device_, a_.api_token);
  const json& state = detail["state"];
  const std::size_t reports = server_.reportLog(device_, a_.api_token).size();
  const json trends = server_.getJson("/api/v1/devices/" + device_ + "/trends?days=90", a_.api_token);
  std::map<std::string, json> by_metric;
  for (const auto& series : trends["series"]) by_metric[series["metric"].get<std::string>() + "/" + series["key"].get<std::string>()] = series;
  const std::string disk = state["disks"][0]["name"];
  ASSERT_TRUE(by_metric.count("disk_reallocated_sectors/" + disk)) << trends.dump();
  const json& reallocated = by_metric["disk_reallocated_sectors/" + disk];
  EXPECT_EQ(reallocated["unit"], "sectors");
  EXPECT_EQ(reallocated["points"].size(), reports);
  EXPECT_EQ(reallocated["points"].back()[0], detail["state_collected_at"]);
  EXPECT_EQ(reallocated["points"].back()[1].get<double>(), state["disks"][0]["smart"]["reallocated"].get<double>());
  double hottest = -1000;
  for (const auto& sensor : state["temperatures"]) hottest = std::max(hottest, sensor["celsius"].get<double>());
  ASSERT_TRUE(by_metric.count("temperature_max_c/max"));
  EXPECT_EQ(by_metric["temperature_max_c/max"]["points"].back()[1].get<double>(), hottest);
  EXPECT_FALSE(by_metric.count("battery_health_pct/BAT0"));  // a desktop

  EXPECT_EQ(server_.getJson("/api/v1/devices/" + device_ + "/trends", a_.api_token)["series"].size(),
            trends["series"].size());
  for (const char* days : {"0", "-1", "abc", "100000", "1e3", "90abc", "99999999999999999999999"}) {
    EXPECT_EQ(get("/api/v1/devices/" + device_ + "/trends?days=" + days, a_.api_token).status, 400) << days;
  }
  EXPECT_EQ(anonymous("/api/v1/devices/" + device_ + "/trends").status, 401);
  EXPECT_EQ(get("/api/v1/devices/" + device_ + "/trends", b_.api_token).status, 404);
  EXPECT_EQ(get("/api/v1/devices/no-such-device/trends", a_.api_token).status, 404);
  EXPECT_EQ(get("/api/v1/devices/" + std::string(4000, 'd') + "/trends", a_.api_token).status, 404);
}

TEST_F(DashboardTest, AlertsPerWeekHaveEveryWeekAndCountTheOpenedOnes) {
  const json all = server_.getJson("/api/v1/alerts?limit=1000", a_.api_token)["alerts"];
  ASSERT_FALSE(all.empty());
  const json weekly = server_.getJson("/api/v1/stats/alerts-weekly?weeks=12&site=" + a_.site, a_.api_token);
  ASSERT_EQ(weekly["weeks"].size(), 12u);
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  for (std::size_t i = 0; i < 12; ++i) {
    const std::string start = weekly["weeks"][i]["week_start"];
    const std::chrono::year_month_day ymd{std::chrono::year{std::stoi(start.substr(0, 4))},
                                          std::chrono::month{static_cast<unsigned>(std::stoi(start.substr(5, 2)))},
                                          std::chrono::day{static_cast<unsigned>(std::stoi(start.substr(8, 2)))}};
    const std::chrono::sys_days day{ymd};
    EXPECT_EQ(std::chrono::weekday{day}, std::chrono::Monday) << start;
    if (i == 11) {
      EXPECT_LE(day, today);
      EXPECT_GT(day + std::chrono::days{7}, today);
    }
  }
  std::map<std::string, std::int64_t> by_severity;
  for (const auto& alert : all) ++by_severity[alert["severity"]];
  const json& last = weekly["weeks"][11];  // every alert opened just now
  EXPECT_EQ(last["opened"], all.size());
  EXPECT_EQ(last["by_severity"]["critical"], by_severity["critical"]);
  EXPECT_EQ(last["by_severity"]["warning"], by_severity["warning"]);
  EXPECT_EQ(weekly["weeks"][0]["opened"], 0);

  EXPECT_EQ(server_.getJson("/api/v1/stats/alerts-weekly", a_.api_token)["weeks"].size(), 12u);
  EXPECT_EQ(server_.getJson("/api/v1/stats/alerts-weekly?weeks=1", b_.api_token)["weeks"][0]["opened"], 0);
  for (const char* weeks : {"0", "100000", "abc", "-3", "12.5", ""}) {
    const long expect = std::string(weeks).empty() ? 200 : 400;
    EXPECT_EQ(get(std::string("/api/v1/stats/alerts-weekly?weeks=") + weeks, a_.api_token).status, expect) << weeks;
  }
  EXPECT_EQ(get("/api/v1/stats/alerts-weekly?site=" + a_.site, b_.api_token).status, 404);
  EXPECT_EQ(get("/api/v1/stats/alerts-weekly?site=" + std::string(3000, 's'), a_.api_token).status, 404);
  EXPECT_EQ(anonymous("/api/v1/stats/alerts-weekly").status, 401);
}

TEST_F(DashboardTest, AlertsExportHoldsWhatTheListShowsRowByRow) {
  const json listed = server_.getJson("/api/v1/alerts?limit=1000&site=" + a_.site, a_.api_token)["alerts"];
  ASSERT_FALSE(listed.empty());
  const auto answer = get("/api/v1/exports/alerts?format=csv&separator=;&bom=1&site=" + a_.site, a_.api_token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_NE(headerValue(answer.headers, "Content-Disposition").find("parc-alertes-"), std::string::npos);
  EXPECT_TRUE(answer.body.starts_with("\xEF\xBB\xBF"));
  const auto rows = csvRows(answer.body, ';');
  ASSERT_EQ(rows.size(), listed.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].at("id"), listed[i]["id"]);
    EXPECT_EQ(rows[i].at("rule"), listed[i]["rule"]);
    EXPECT_EQ(rows[i].at("severity"), listed[i]["severity"]);
    EXPECT_EQ(rows[i].at("state"), listed[i]["state"]);
    EXPECT_EQ(rows[i].at("opened_at"), listed[i]["opened_at"]);
    EXPECT_EQ(rows[i].at("device_id"), device_);
    EXPECT_EQ(rows[i].at("count"), std::to_string(listed[i]["count"].get<int>()));
  }
  const std::string rule = listed[0]["rule"];
  const auto filtered = csvRows(get("/api/v1/exports/alerts?rule=" + rule, a_.api_token).body, ',');
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0].at("rule"), rule);

  EXPECT_TRUE(csvRows(get("/api/v1/exports/alerts", b_.api_token).body, ',').empty());
  EXPECT_EQ(get("/api/v1/exports/alerts?site=" + a_.site, b_.api_token).status, 404);
  EXPECT_EQ(get("/api/v1/exports/alerts?format=xlsx", a_.api_token).status, 400);
  EXPECT_EQ(get("/api/v1/exports/alerts?separator=|", a_.api_token).status, 400);
  EXPECT_EQ(get("/api/v1/exports/alerts?bom=yes", a_.api_token).status, 400);
  EXPECT_EQ(anonymous("/api/v1/exports/alerts").status, 401);
}

TEST_F(DashboardTest, InterventionsExportWithinADateRange) {
  const Session tech = login("tech@commune-a.fr", tech_password_);
  const std::vector<std::string> what = {"Disque remplacé; poste réinstallé", "=SUM(A1:A9) nettoyage"};
  std::vector<json> made;
  for (std::size_t i = 0; i < what.size(); ++i) {
    const auto answer = httpRequest(
        "POST", server_.url() + "/api/v1/interventions",
        json{{"device_id", device_}, {"what", what[i]}, {"minutes", 10 + static_cast<int>(i)}}.dump(),
        {"Cookie: " + tech.cookie, "X-CSRF-Token: " + tech.csrf, "Content-Type: application/json"});
    ASSERT_EQ(answer.status, 201) << answer.body;
    made.push_back(json::parse(answer.body));
  }
  const std::string today = made[0]["at"].get<std::string>().substr(0, 10);
  const auto answer = get("/api/v1/exports/interventions?format=csv&site=" + a_.site + "&from=" + today +
                              "&to=" + today,
                          a_.api_token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto rows = csvRows(answer.body, ',');
  ASSERT_EQ(rows.size(), made.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].at("id"), made[i]["id"]);
    EXPECT_EQ(rows[i].at("at"), made[i]["at"]);
    EXPECT_EQ(rows[i].at("device_id"), device_);
    EXPECT_EQ(rows[i].at("minutes"), std::to_string(made[i]["minutes"].get<int>()));
    EXPECT_EQ(rows[i].at("by"), "tech@commune-a.fr");
  }
  EXPECT_EQ(rows[0].at("what"), what[0]);
  EXPECT_EQ(rows[1].at("what"), "'" + what[1]);  // never run as a formula

  EXPECT_TRUE(csvRows(get("/api/v1/exports/interventions?to=2020-01-01", a_.api_token).body, ',').empty());
  EXPECT_TRUE(csvRows(get("/api/v1/exports/interventions", b_.api_token).body, ',').empty());
  EXPECT_EQ(get("/api/v1/exports/interventions?site=" + a_.site, b_.api_token).status, 404);
  for (const char* bad : {"from=2026-13-01", "from=yesterday", "to=2026-02-30", "from=2026-11-02&to=2026-11-01",
                          "from=%00%ff", "format=json"}) {
    EXPECT_EQ(get(std::string("/api/v1/exports/interventions?") + bad, a_.api_token).status, 400) << bad;
  }
  EXPECT_EQ(get("/api/v1/exports/interventions?from=" + std::string(500, '2'), a_.api_token).status, 400);
  EXPECT_EQ(anonymous("/api/v1/exports/interventions").status, 401);

  // The command line writes the same rows from the data directory.
  const auto out = dir_.path() / "interventions.csv";
  const auto cli = run(serverBinary(), {"export", "interventions", "--data-dir", server_.dataDir().string(),
                                        "--separator", ";", "--bom", "-o", out.string()},
                       dir_.path() / "export-interventions");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const std::string written = readFile(out);
  EXPECT_TRUE(written.starts_with("\xEF\xBB\xBF"));
  EXPECT_EQ(csvRows(written, ';'), rows);
  const auto alerts_cli = run(serverBinary(), {"export", "alerts", "--data-dir", server_.dataDir().string(),
                                               "--site", a_.site}, dir_.path() / "export-alerts");
  ASSERT_EQ(alerts_cli.exit_code, 0) << alerts_cli.err;
  EXPECT_EQ(csvRows(alerts_cli.out, ',').size(),
            server_.getJson("/api/v1/alerts?limit=1000&site=" + a_.site, a_.api_token)["alerts"].size());
  EXPECT_EQ(run(serverBinary(), {"export", "interventions", "--from", "yesterday", "--data-dir",
                                 server_.dataDir().string()}, dir_.path() / "export-bad").exit_code, 1);
  EXPECT_EQ(run(serverBinary(), {"export", "alerts", "--nope"}, dir_.path() / "export-usage").exit_code, 2);
}

}  // namespace
}  // namespace parc::testing
