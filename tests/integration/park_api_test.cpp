// The park API of the dashboard through the real server: devices added by hand,
// changes and moves with history, the list's filters, sorts, pages and total,
// the inventory export holding exactly the list, facets, sites, overview, age
// pyramid, retirement suggestions; roles, scope and hostile bodies.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

int thisYear() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(now).year());
}

class ParkApiTest : public ::testing::Test {
 protected:
  ParkApiTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
    a_site2_ = server_.admin({"site", "add", "--collectivity", a_.collectivity, "--kind", "college", "--address",
                              "3 rue du Collège", "Collège annexe"});
    const std::string tech_password = server_.addUser(a_.collectivity, "technician", "tech@a.fr");
    const std::string viewer_password = server_.addUser(a_.collectivity, "viewer", "viewer@a.fr");
    server_.start();
    tech_ = tokenOf("tech@a.fr", tech_password);
    viewer_ = loginCookie("viewer@a.fr", viewer_password);
  }

  std::pair<std::string, std::string> loginCookie(const std::string& email, const std::string& password) {
    const Session session = loginSession(server_.url(), email, password);
    return {session.cookie, session.csrf};
  }

  std::string tokenOf(const std::string& email, const std::string& password) {
    const auto [cookie, csrf] = loginCookie(email, password);
    const auto answer = httpRequest("POST", server_.url() + "/api/v1/tokens", json{{"label", "t"}}.dump(),
                                    {"Cookie: " + cookie, "X-CSRF-Token: " + csrf});
    EXPECT_EQ(answer.status, 201) << answer.body;
    return json::parse(answer.body).value("secret", "");
  }

  HttpAnswer call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") {
    return httpRequest(method, server_.url() + path, body, {"Authorization: Bearer " + token});
  }

  HttpAnswer asViewer(const std::string& method, const std::string& path, const std::string& body = "") {
    return httpRequest(method, server_.url() + path, body,
                       {"Cookie: " + viewer_.first, "X-CSRF-Token: " + viewer_.second});
  }

  json created(const json& body) {
    const auto answer = call("POST", "/api/v1/devices", tech_, body.dump());
    EXPECT_EQ(answer.status, 201) << answer.body;
    return json::parse(answer.body, nullptr, false);
  }

  // A dozen devices by hand over both sites of A, and one in B.
  std::vector<json> addPark() {
    const char* makers[] = {"Dell", "HP", "Lenovo", "Epson"};
    const char* kinds[] = {"desktop", "laptop", "projector", "whiteboard"};
    std::vector<json> out;
    for (int i = 0; i < 12; ++i) {
      json body = {{"site", i % 3 == 0 ? a_site2_ : a_.site}, {"kind", kinds[i % 4]},
                   {"manufacturer", makers[i % 4]}, {"model", std::string("M") + std::to_string(i % 5)},
                   {"hostname", "poste-" + std::to_string((i * 5) % 12)}, {"room", i % 2 ? "B12" : "C01"},
                   {"serial", "SN-" + std::to_string(i)}};
      if (i % 4 != 3) body["built_year"] = thisYear() - i;
      out.push_back(created(body));
    }
    const auto other = call("POST", "/api/v1/devices", tech_,
                            json{{"site", b_.site}, {"kind", "desktop"}, {"hostname", "b-pc"}}.dump());
    EXPECT_EQ(other.status, 404) << other.body;  // B's site is not A's technician's
    return out;
  }

  std::vector<json> listAll(const std::string& query, int limit, long* total = nullptr) {
    std::vector<json> out;
    std::string cursor;
    for (int guard = 0; guard < 100; ++guard) {
      std::string path = "/api/v1/devices?limit=" + std::to_string(limit) + query;
      if (!cursor.empty()) path += "&cursor=" + cursor;
      const json page = server_.getJson(path, a_.api_token);
      if (total) *total = page.value("total", -1L);
      for (const auto& device : page["devices"]) out.push_back(device);
      if (!page.contains("next_cursor")) break;
      cursor = page["next_cursor"];
    }
    return out;
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
  std::string a_site2_, tech_;
  std::pair<std::string, std::string> viewer_;
};

std::vector<std::string> ids(const std::vector<json>& devices) {
  std::vector<std::string> out;
  for (const auto& d : devices) out.push_back(d.value("id", ""));
  return out;
}

TEST_F(ParkApiTest, ManualDevicesCarryTheNewSummaryFields) {
  const json device = created({{"site", a_.site}, {"kind", "projector"}, {"manufacturer", "Epson"},
                               {"model", "EB-680"}, {"serial", "X5J1"}, {"room", "B12"}, {"built_year", 2016}});
  EXPECT_EQ(device["source"], "manual");
  EXPECT_EQ(device["built_year"], 2016);
  EXPECT_EQ(device["age_years"], thisYear() - 2016);
  EXPECT_EQ(device["open_alerts"], 0);
  EXPECT_EQ(device["status"], "in_service");
  EXPECT_EQ(device["site"]["id"], a_.site);
  const json read = server_.getJson("/api/v1/devices/" + device["id"].get<std::string>(), a_.api_token);
  EXPECT_EQ(read["source"], "manual");
  EXPECT_EQ(read["model"], "EB-680");
  // Another collectivity's reader sees nothing of it.
  server_.getJson("/api/v1/devices/" + device["id"].get<std::string>(), b_.api_token, 404);
}

TEST_F(ParkApiTest, PatchMovesKeepHistoryAndAreAudited) {
  const json device = created({{"site", a_.site}, {"kind", "whiteboard"}, {"room", "B12"}, {"hostname", "tni"}});
  const std::string path = "/api/v1/devices/" + device["id"].get<std::string>();
  const auto moved = call("PATCH", path, tech_,
                          json{{"site", a_site2_}, {"room", "C01"}, {"status", "in_repair"}, {"built_year", 2014}}
                              .dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  const json summary = json::parse(moved.body);
  EXPECT_EQ(summary["id"], device["id"]);
  EXPECT_EQ(summary["site"]["id"], a_site2_);
  EXPECT_EQ(summary["room"], "C01");
  EXPECT_EQ(summary["status"], "in_repair");
  EXPECT_EQ(summary["built_year"], 2014);
  const json detail = server_.getJson(path, a_.api_token);
  bool location = false, status = false;
  for (const auto& change : detail["history"]) {
    if (change["component"] == "location") {
      location = true;
      EXPECT_EQ(change["change"], "moved");
      EXPECT_EQ(change["before"], "École Commune A / B12");
      EXPECT_EQ(change["after"], "Collège annexe / C01");
    }
    if (change["component"] == "status") {
      status = true;
      EXPECT_EQ(change["before"], "in_service");
      EXPECT_EQ(change["after"], "in_repair");
    }
  }
  EXPECT_TRUE(location);
  EXPECT_TRUE(status);
  // Both the creation and the change are in the collectivity's audit log.
  const std::string admin = tokenOf("admin@a.fr", server_.addUser(a_.collectivity, "admin", "admin@a.fr"));
  const json audit = server_.getJson("/api/v1/audit?limit=1000", admin);
  std::set<std::string> actions;
  for (const auto& entry : audit["entries"]) {
    if (entry.value("target", "") == device["id"]) actions.insert(entry.value("action", ""));
  }
  EXPECT_TRUE(actions.count("device_created"));
  EXPECT_TRUE(actions.count("device_updated"));
  // Clearing the room with null.
  const auto cleared = call("PATCH", path, tech_, R"({"room": null})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_FALSE(json::parse(cleared.body).contains("room"));
  // Moving into another collectivity's site: 404, nothing changes.
  EXPECT_EQ(call("PATCH", path, tech_, json{{"site", b_.site}}.dump()).status, 404);
  EXPECT_EQ(server_.getJson(path, a_.api_token)["site"]["id"], a_site2_);
}

TEST_F(ParkApiTest, RolesCredentialsAndScope) {
  const json device = created({{"site", a_.site}, {"kind", "desktop"}, {"hostname", "pc"}});
  const std::string path = "/api/v1/devices/" + device["id"].get<std::string>();
  const std::string post = json{{"site", a_.site}, {"kind", "desktop"}, {"hostname", "x"}}.dump();
  // A viewer reads but neither adds nor changes.
  EXPECT_EQ(asViewer("GET", "/api/v1/devices").status, 200);
  EXPECT_EQ(asViewer("POST", "/api/v1/devices", post).status, 403);
  EXPECT_EQ(asViewer("PATCH", path, R"({"status":"retired"})").status, 403);
  // The server admin's read-only token neither.
  EXPECT_EQ(call("POST", "/api/v1/devices", a_.api_token, post).status, 403);
  // No credentials, bad credentials.
  for (const char* route : {"/api/v1/devices", "/api/v1/devices/facets", "/api/v1/sites", "/api/v1/overview",
                            "/api/v1/stats/age-pyramid", "/api/v1/devices/retire-suggestions"}) {
    EXPECT_EQ(httpRequest("GET", server_.url() + route).status, 401) << route;
    EXPECT_EQ(call("GET", route, "not-a-token").status, 401) << route;
  }
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/devices", post).status, 401);
  EXPECT_EQ(httpRequest("PATCH", server_.url() + path, R"({"status":"retired"})").status, 401);
  // Another collectivity: 404 like an unknown id.
  const std::string b_tech = tokenOf("tech@b.fr", server_.addUser(b_.collectivity, "technician", "tech@b.fr"));
  EXPECT_EQ(call("PATCH", path, b_tech, R"({"status":"retired"})").status, 404);
  EXPECT_EQ(call("PATCH", "/api/v1/devices/no-such-device", tech_, R"({"status":"retired"})").status, 404);
  EXPECT_EQ(server_.getJson(path, a_.api_token)["status"], "in_service");
  // Methods.
  EXPECT_EQ(call("DELETE", path, tech_).status, 405);
  EXPECT_EQ(call("PUT", "/api/v1/devices", tech_, post).status, 405);
  EXPECT_EQ(call("POST", "/api/v1/sites", tech_, "{}").status, 405);
}

TEST_F(ParkApiTest, HostileBodiesAreRefusedAndChangeNothing) {
  const json device = created({{"site", a_.site}, {"kind", "desktop"}, {"hostname", "pc"}});
  const std::string path = "/api/v1/devices/" + device["id"].get<std::string>();
  const std::string big(100000, 'x');
  const std::vector<std::string> posts = {
      "", "{", R"({"site":)", "[]", "null", "42", "\xff\xfe\x00garbage",
      json{{"kind", "desktop"}}.dump(),                                   // no site
      json{{"site", a_.site}}.dump(),                                     // no kind
      json{{"site", a_.site}, {"kind", "toaster"}}.dump(),                // unknown kind
      json{{"site", a_.site}, {"kind", "desktop"}, {"status", "lost at sea"}}.dump(),
      json{{"site", 12}, {"kind", "desktop"}}.dump(),                     // wrong types
      json{{"site", a_.site}, {"kind", json::array()}}.dump(),
      json{{"site", a_.site}, {"kind", "desktop"}, {"built_year", "2015"}}.dump(),
      json{{"site", a_.site}, {"kind", "desktop"}, {"built_year", 2015.5}}.dump(),
      json{{"site", a_.site}, {"kind", "desktop"}, {"built_year", 1234}}.dump(),
      json{{"site", a_.site}, {"kind", "desktop"}, {"hostname", std::string(201, 'h')}}.dump(),
      json{{"site", a_.site}, {"kind", "desktop"}, {"hostname", "x"}, {"admin", true}}.dump(),  // unknown field
      json{{"site", a_.site}, {"kind", "desktop"}, {"hostname", big}}.dump(),
  };
  long before = -1;
  listAll("", 500, &before);
  for (const auto& body : posts) {
    const auto answer = call("POST", "/api/v1/devices", tech_, body);
    EXPECT_TRUE(answer.status == 400 || answer.status == 413) << answer.status << " " << body.substr(0, 80);
  }
  const std::vector<std::string> patches = {
      "", "{", "{}", "[1]", R"({"status": 3})", R"({"status": "broken"})", R"({"kind": "toaster"})",
      R"({"site": ""})", R"({"status": null})", R"({"built_year": "old"})", R"({"built_year": 3000})",
      R"({"hostname": "renamed"})", "{\"room\": \"" + std::string(300, 'r') + "\"}",
  };
  for (const auto& body : patches) {
    const auto answer = call("PATCH", path, tech_, body);
    EXPECT_EQ(answer.status, 400) << body.substr(0, 80) << " " << answer.body;
  }
  long after = -1;
  listAll("", 500, &after);
  EXPECT_EQ(after, before);
  const json read = server_.getJson(path, a_.api_token);
  EXPECT_EQ(read["status"], "in_service");
  EXPECT_EQ(read["kind"], "desktop");
  EXPECT_EQ(read["history"].size(), 0u);
  // Hostile query parameters.
  for (const char* query : {"?sort=price", "?sort=--age", "?age_min=-1", "?age_max=abc", "?age_min=1000",
                            "?limit=0", "?limit=501", "?cursor=zz", "?cursor=c2ffff"}) {
    EXPECT_EQ(call("GET", std::string("/api/v1/devices") + query, tech_).status, 400) << query;
  }
  EXPECT_EQ(call("GET", "/api/v1/exports/inventory?sort=price", tech_).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/devices/retire-suggestions?min_age=x", tech_).status, 400);
}

TEST_F(ParkApiTest, SortsFiltersPagesAndTheExportShowTheSameDevices) {
  const auto devices = addPark();
  for (const char* sort : {"hostname", "-hostname", "age", "-age", "manufacturer", "-model", "room", "-site",
                           "kind", "status", "os", "last_seen_at"}) {
    long total = -1;
    const auto paged = listAll(std::string("&sort=") + sort, 5, &total);
    const auto whole = listAll(std::string("&sort=") + sort, 500);
    EXPECT_EQ(ids(paged), ids(whole)) << sort;
    EXPECT_EQ(total, static_cast<long>(devices.size())) << sort;
    const auto paged_ids = ids(paged);
    const std::set<std::string> unique(paged_ids.begin(), paged_ids.end());
    EXPECT_EQ(unique.size(), devices.size()) << sort;
  }
  // Hostnames ascending really are in order, and descending is its reverse.
  const auto by_name = listAll("&sort=hostname", 500);
  for (std::size_t i = 1; i < by_name.size(); ++i) {
    EXPECT_LE(by_name[i - 1].value("hostname", ""), by_name[i].value("hostname", ""));
  }
  // Age: youngest first, unknown years last.
  const auto by_age = listAll("&sort=age", 500);
  for (std::size_t i = 1; i < by_age.size(); ++i) {
    if (!by_age[i].contains("age_years")) continue;
    ASSERT_TRUE(by_age[i - 1].contains("age_years"));
    EXPECT_LE(by_age[i - 1]["age_years"].get<int>(), by_age[i]["age_years"].get<int>());
  }
  // Filters, from the devices as created.
  long total = -1;
  const auto dell = listAll("&manufacturer=Dell&room=C01", 2, &total);
  std::size_t expected = 0;
  for (const auto& d : devices) expected += d["manufacturer"] == "Dell" && d["room"] == "C01";
  EXPECT_EQ(dell.size(), expected);
  EXPECT_EQ(total, static_cast<long>(expected));
  const auto aged = listAll("&age_min=3&age_max=8", 3, &total);
  expected = 0;
  for (const auto& d : devices) {
    expected += d.contains("age_years") && d["age_years"] >= 3 && d["age_years"] <= 8;
  }
  EXPECT_EQ(aged.size(), expected);
  for (const auto& d : aged) EXPECT_TRUE(d["age_years"] >= 3 && d["age_years"] <= 8);

  // The export with the same filters and sort holds the same devices in the same order.
  const auto exported = call("GET", "/api/v1/exports/inventory?format=json&sort=-age&age_min=2&kind=desktop", tech_);
  ASSERT_EQ(exported.status, 200) << exported.body.substr(0, 200);
  const json rows = json::parse(exported.body, nullptr, false);
  ASSERT_FALSE(rows.is_discarded()) << exported.body.substr(0, 200);
  const json& list = rows.is_array() ? rows : rows.value("devices", json::array());
  const auto listed = listAll("&sort=-age&age_min=2&kind=desktop", 500);
  ASSERT_EQ(list.size(), listed.size()) << exported.body.substr(0, 300);
  for (std::size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(list[i].value("id", ""), listed[i]["id"]) << i;
  }
  // parc-server export reads the same filters and sort.
  const auto out = dir_.path() / "cli.json";
  const auto cli = run(serverBinary(), {"export", "--data-dir", server_.dataDir().string(), "--format", "json",
                                        "--sort", "-age", "--age-min", "2", "--kind", "desktop", "--site", a_.site,
                                        "-o", out.string()}, dir_.path() / "export");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const json cli_rows = json::parse(readFile(out), nullptr, false);
  std::vector<std::string> expected_ids;
  for (const auto& d : listed) {
    if (d["site"]["id"] == a_.site) expected_ids.push_back(d["id"]);
  }
  std::vector<std::string> cli_ids;
  for (const auto& row : cli_rows) cli_ids.push_back(row.value("id", ""));
  EXPECT_EQ(cli_ids, expected_ids);
  const auto refused = run(serverBinary(), {"export", "--data-dir", server_.dataDir().string(), "--format", "json",
                                            "--sort", "price"}, dir_.path() / "export-bad");
  EXPECT_NE(refused.exit_code, 0);
}

TEST_F(ParkApiTest, FacetsSitesOverviewPyramidAndSuggestions) {
  const auto devices = addPark();
  const json facets = server_.getJson("/api/v1/devices/facets", a_.api_token);
  std::set<std::string> makers;
  for (const auto& d : devices) makers.insert(d["manufacturer"].get<std::string>());
  EXPECT_EQ(facets["manufacturers"], json(std::vector<std::string>(makers.begin(), makers.end())));
  EXPECT_EQ(facets["rooms"], json({"B12", "C01"}));
  EXPECT_TRUE(server_.getJson("/api/v1/devices/facets", b_.api_token)["manufacturers"].empty());

  const json sites = server_.getJson("/api/v1/sites", a_.api_token)["sites"];
  ASSERT_EQ(sites.size(), 2u);
  for (const auto& site : sites) {
    const auto count = std::count_if(devices.begin(), devices.end(),
                                     [&](const json& d) { return d["site"]["id"] == site["id"]; });
    EXPECT_EQ(site["device_count"], count);
    EXPECT_EQ(site["collectivity"]["id"], a_.collectivity);
    EXPECT_EQ(site["open_alerts"], 0);
    if (site["id"] == a_site2_) {
      EXPECT_EQ(site["kind"], "college");
      EXPECT_EQ(site["address"], "3 rue du Collège");
    } else {
      EXPECT_EQ(site["zone"], "B");
    }
  }

  const json overview = server_.getJson("/api/v1/overview", a_.api_token);
  EXPECT_EQ(overview["total_devices"], devices.size());
  EXPECT_EQ(overview["open_alerts_by_severity"], json({{"critical", 0}, {"warning", 0}, {"info", 0}}));
  long desktops = std::count_if(devices.begin(), devices.end(), [](const json& d) { return d["kind"] == "desktop"; });
  EXPECT_EQ(overview["devices_by_kind"]["desktop"], desktops);
  EXPECT_EQ(overview["sites"].size(), 2u);
  const json one_site = server_.getJson("/api/v1/overview?site=" + a_site2_, a_.api_token);
  EXPECT_EQ(one_site["sites"].size(), 1u);

  const json pyramid = server_.getJson("/api/v1/stats/age-pyramid", a_.api_token)["sites"];
  ASSERT_EQ(pyramid.size(), 2u);
  long counted = 0;
  for (const auto& site : pyramid) {
    ASSERT_EQ(site["buckets"].size(), 11u);
    for (const auto& bucket : site["buckets"]) counted += bucket["count"].get<long>();
    counted += site["unknown"].get<long>();
  }
  EXPECT_EQ(counted, static_cast<long>(devices.size()));

  const json suggestions = server_.getJson("/api/v1/devices/retire-suggestions?min_age=6", a_.api_token);
  EXPECT_EQ(suggestions["min_age"], 6);
  std::size_t old = 0;
  for (const auto& d : devices) old += d.contains("age_years") && d["age_years"] >= 6;
  EXPECT_EQ(suggestions["devices"].size(), old);
  for (const auto& d : suggestions["devices"]) {
    EXPECT_GE(d["age_years"], 6);
    EXPECT_EQ(d["reasons"], json({"age"}));
    EXPECT_EQ(d["faults_180d"], 0);
  }
}

}  // namespace
}  // namespace parc::testing
