// Scope, roles and hostile parameters of the park and dashboard API through the
// real server: an API token limited to one site, another collectivity's site
// given as ?site=, moves into another collectivity, session writes without the
// CSRF token, and query parameters and text fields a browser would never send.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

struct Session {
  std::string cookie, csrf;
};

std::set<std::string> idsOf(const json& list, const char* key = "id") {
  std::set<std::string> out;
  for (const auto& item : list) out.insert(item.value(key, ""));
  return out;
}

class ParkScopeTest : public ::testing::Test {
 protected:
  ParkScopeTest()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
    a_site2_ = server_.admin({"site", "add", "--collectivity", a_.collectivity, "--kind", "college", "Collège A"});
    tech_password_ = server_.addUser(a_.collectivity, "technician", "tech@a.fr");
    viewer_password_ = server_.addUser(a_.collectivity, "viewer", "viewer@a.fr");
    b_tech_password_ = server_.addUser(b_.collectivity, "technician", "tech@b.fr");
    server_.start();
    tech_session_ = login("tech@a.fr", tech_password_);
    tech_ = newToken(tech_session_, json::object());
    b_tech_ = newToken(login("tech@b.fr", b_tech_password_), json::object());
  }

  Session login(const std::string& email, const std::string& password) {
    const auto session = loginSession(server_.url(), email, password);  // replaces a one-time password
    return {session.cookie, session.csrf};
  }

  std::string newToken(const Session& session, const json& body) {
    const auto answer = httpRequest("POST", server_.url() + "/api/v1/tokens", body.dump(),
                                    {"Cookie: " + session.cookie, "X-CSRF-Token: " + session.csrf});
    EXPECT_EQ(answer.status, 201) << answer.body;
    return json::parse(answer.body, nullptr, false).value("secret", "");
  }

  HttpAnswer call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") {
    return httpRequest(method, server_.url() + path, body, {"Authorization: Bearer " + token});
  }

  json create(const std::string& token, const json& body) {
    const auto answer = call("POST", "/api/v1/devices", token, body.dump());
    EXPECT_EQ(answer.status, 201) << answer.body;
    return json::parse(answer.body, nullptr, false);
  }

  // Two devices on each site of A (one maker per site, old enough to retire), and
  // one on B's site made by B's technician.
  void addDevices() {
    for (int i = 0; i < 2; ++i) {
      a1_.push_back(create(tech_, {{"site", a_.site}, {"kind", "desktop"}, {"manufacturer", "Dell"},
                                   {"hostname", "a1-" + std::to_string(i)}, {"room", "A101"}, {"built_year", 2005}}));
      a2_.push_back(create(tech_, {{"site", a_site2_}, {"kind", "laptop"}, {"manufacturer", "Lenovo"},
                                   {"hostname", "a2-" + std::to_string(i)}, {"room", "C01"}, {"built_year", 2006}}));
    }
    b_device_ = create(b_tech_, {{"site", b_.site}, {"kind", "projector"}, {"manufacturer", "Epson"},
                                 {"hostname", "b-proj"}, {"room", "B12"}, {"built_year", 2004}});
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
  std::string a_site2_, tech_password_, viewer_password_, b_tech_password_, tech_, b_tech_;
  Session tech_session_;
  std::vector<json> a1_, a2_;
  json b_device_;
};

std::string pathOf(const json& device) { return "/api/v1/devices/" + device.value("id", ""); }

TEST_F(ParkScopeTest, ATokenLimitedToOneSiteSeesAndChangesOnlyThatSite) {
  addDevices();
  const std::string scoped = newToken(tech_session_, {{"label", "collège"}, {"sites", {a_site2_}}});
  const std::set<std::string> site2_ids = idsOf(json(a2_));

  const json list = server_.getJson("/api/v1/devices?limit=500", scoped);
  EXPECT_EQ(idsOf(list["devices"]), site2_ids);
  EXPECT_EQ(list["total"], a2_.size());
  EXPECT_EQ(idsOf(server_.getJson("/api/v1/sites", scoped)["sites"]), std::set<std::string>{a_site2_});

  const json overview = server_.getJson("/api/v1/overview", scoped);
  EXPECT_EQ(overview["total_devices"], a2_.size());
  EXPECT_EQ(idsOf(overview["sites"]), std::set<std::string>{a_site2_});
  EXPECT_EQ(server_.getJson("/api/v1/overview?site=" + a_.site, scoped)["total_devices"], 0);

  EXPECT_EQ(server_.getJson("/api/v1/devices/facets", scoped)["manufacturers"], json({"Lenovo"}));
  EXPECT_TRUE(server_.getJson("/api/v1/devices/facets?site=" + a_.site, scoped)["manufacturers"].empty());
  EXPECT_EQ(idsOf(server_.getJson("/api/v1/stats/age-pyramid", scoped)["sites"]), std::set<std::string>{a_site2_});
  EXPECT_TRUE(server_.getJson("/api/v1/stats/age-pyramid?site=" + a_.site, scoped)["sites"].empty());
  EXPECT_EQ(idsOf(server_.getJson("/api/v1/devices/retire-suggestions", scoped)["devices"]), site2_ids);
  EXPECT_TRUE(
      server_.getJson("/api/v1/devices/retire-suggestions?site=" + a_.site, scoped)["devices"].empty());

  // The other site of the same collectivity is unknown to it.
  for (const std::string& path :
       {pathOf(a1_[0]), pathOf(a1_[0]) + "/trends", "/api/v1/rooms?site=" + a_.site,
        "/api/v1/rooms/view?site=" + a_.site + "&room=A101", "/api/v1/stats/alerts-weekly?site=" + a_.site,
        "/api/v1/exports/alerts?format=csv&site=" + a_.site,
        "/api/v1/exports/interventions?format=csv&site=" + a_.site}) {
    EXPECT_EQ(call("GET", path, scoped).status, 404) << path;
  }
  EXPECT_EQ(call("GET", "/api/v1/rooms?site=" + a_site2_, scoped).status, 200);

  // Writes: not on the other site, not moving a device there, not adding one there.
  EXPECT_EQ(call("PATCH", pathOf(a1_[0]), scoped, R"({"status":"retired"})").status, 404);
  EXPECT_EQ(call("PATCH", pathOf(a2_[0]), scoped, json{{"site", a_.site}}.dump()).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/devices", scoped,
                 json{{"site", a_.site}, {"kind", "desktop"}, {"hostname", "sneaky"}}.dump()).status, 404);
  EXPECT_EQ(call("PATCH", pathOf(a2_[1]), scoped, R"({"room":"C02"})").status, 200);
  EXPECT_EQ(server_.getJson(pathOf(a1_[0]), tech_)["status"], "in_service");
  EXPECT_EQ(server_.getJson(pathOf(a2_[0]), tech_)["site"]["id"], a_site2_);
  const json all = server_.getJson("/api/v1/devices?limit=500", tech_);
  EXPECT_EQ(all["total"], a1_.size() + a2_.size());
  // A token cannot be given more than its maker sees.
  const auto wider = httpRequest("POST", server_.url() + "/api/v1/tokens", json{{"sites", {b_.site}}}.dump(),
                                 {"Cookie: " + tech_session_.cookie, "X-CSRF-Token: " + tech_session_.csrf});
  EXPECT_TRUE(wider.status == 400 || wider.status == 403) << wider.body;
}

TEST_F(ParkScopeTest, AnotherCollectivitysSiteGivenAsSiteRevealsNothing) {
  addDevices();
  const std::string b_site = "?site=" + b_.site;
  // Reads that filter: nothing of B comes back through them.
  const json overview = server_.getJson("/api/v1/overview" + b_site, tech_);
  EXPECT_EQ(overview["total_devices"], 0);
  EXPECT_TRUE(overview["sites"].empty());
  EXPECT_TRUE(overview["devices_by_kind"].empty());
  const json facets = server_.getJson("/api/v1/devices/facets" + b_site, tech_);
  for (const char* key : {"manufacturers", "models", "os", "rooms"}) EXPECT_TRUE(facets[key].empty()) << key;
  EXPECT_TRUE(server_.getJson("/api/v1/stats/age-pyramid" + b_site, tech_)["sites"].empty());
  EXPECT_TRUE(server_.getJson("/api/v1/devices/retire-suggestions" + b_site + "&min_age=0", tech_)["devices"].empty());
  const json list = server_.getJson("/api/v1/devices" + b_site, tech_);
  EXPECT_TRUE(list["devices"].empty());
  EXPECT_EQ(list["total"], 0);
  // B's technician sees its own through the same paths: the site is real.
  EXPECT_EQ(server_.getJson("/api/v1/overview" + b_site, b_tech_)["total_devices"], 1);
  EXPECT_EQ(server_.getJson("/api/v1/devices/facets" + b_site, b_tech_)["manufacturers"], json({"Epson"}));
  EXPECT_EQ(server_.getJson("/api/v1/devices/retire-suggestions" + b_site, b_tech_)["devices"].size(), 1u);
  // Reads of one site or one device: 404, like an unknown id.
  for (const std::string& path :
       {"/api/v1/rooms" + b_site, "/api/v1/rooms/view" + b_site + "&room=B12",
        "/api/v1/stats/alerts-weekly" + b_site, "/api/v1/exports/alerts" + b_site + "&format=csv",
        "/api/v1/exports/interventions" + b_site + "&format=csv", pathOf(b_device_),
        pathOf(b_device_) + "/trends", pathOf(b_device_) + "/trends?days=730"}) {
    EXPECT_EQ(call("GET", path, tech_).status, 404) << path;
    EXPECT_EQ(call("GET", path, a_.api_token).status, 404) << path;
  }
  EXPECT_EQ(call("GET", pathOf(b_device_) + "/trends", b_tech_).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/rooms" + b_site, b_tech_).status, 200);
}

TEST_F(ParkScopeTest, MovesAcrossCollectivitiesAreRefusedBothWays) {
  addDevices();
  // B's technician: neither A's device into B, nor B's device into A.
  EXPECT_EQ(call("PATCH", pathOf(a1_[0]), b_tech_, json{{"site", b_.site}}.dump()).status, 404);
  EXPECT_EQ(call("PATCH", pathOf(b_device_), b_tech_, json{{"site", a_.site}}.dump()).status, 404);
  // A's technician: nor A's into B, nor B's into A.
  EXPECT_EQ(call("PATCH", pathOf(a1_[0]), tech_, json{{"site", b_.site}, {"room", "x"}}.dump()).status, 404);
  EXPECT_EQ(call("PATCH", pathOf(b_device_), tech_, json{{"site", a_.site}}.dump()).status, 404);
  EXPECT_EQ(call("PATCH", pathOf(a1_[0]), tech_, json{{"site", "no-such-site"}}.dump()).status, 404);
  // Nothing moved, nothing was written in either history.
  const json a_read = server_.getJson(pathOf(a1_[0]), tech_);
  EXPECT_EQ(a_read["site"]["id"], a_.site);
  EXPECT_EQ(a_read["room"], "A101");
  EXPECT_TRUE(a_read["history"].empty());
  const json b_read = server_.getJson(pathOf(b_device_), b_tech_);
  EXPECT_EQ(b_read["site"]["id"], b_.site);
  EXPECT_TRUE(b_read["history"].empty());
  EXPECT_EQ(server_.getJson("/api/v1/overview", b_tech_)["total_devices"], 1);
}

TEST_F(ParkScopeTest, SessionWritesNeedTheCsrfTokenAndAViewerNeverWrites) {
  addDevices();
  const std::string post = json{{"site", a_.site}, {"kind", "desktop"}, {"hostname", "by-cookie"}}.dump();
  const std::string patch = R"({"status":"in_repair"})";
  const std::string cookie = "Cookie: " + tech_session_.cookie;
  const auto write = [&](const std::string& method, const std::string& path, const std::string& body,
                         std::vector<std::string> headers) {
    return httpRequest(method, server_.url() + path, body, headers).status;
  };
  EXPECT_EQ(write("POST", "/api/v1/devices", post, {cookie}), 403);
  EXPECT_EQ(write("POST", "/api/v1/devices", post, {cookie, "X-CSRF-Token: wrong"}), 403);
  EXPECT_EQ(write("POST", "/api/v1/devices", post, {cookie, "X-CSRF-Token: "}), 403);
  EXPECT_EQ(write("PATCH", pathOf(a1_[0]), patch, {cookie}), 403);
  EXPECT_EQ(write("PATCH", pathOf(a1_[0]), patch, {cookie, "X-CSRF-Token: " + tech_session_.csrf + "x"}), 403);
  EXPECT_EQ(server_.getJson("/api/v1/devices", tech_)["total"], a1_.size() + a2_.size());
  EXPECT_EQ(server_.getJson(pathOf(a1_[0]), tech_)["status"], "in_service");
  // With it, the same writes pass.
  const std::string csrf = "X-CSRF-Token: " + tech_session_.csrf;
  EXPECT_EQ(write("POST", "/api/v1/devices", post, {cookie, csrf}), 201);
  EXPECT_EQ(write("PATCH", pathOf(a1_[0]), patch, {cookie, csrf}), 200);
  // A viewer, even with its CSRF token, neither adds nor changes.
  const Session viewer = login("viewer@a.fr", viewer_password_);
  const std::vector<std::string> as_viewer = {"Cookie: " + viewer.cookie, "X-CSRF-Token: " + viewer.csrf};
  EXPECT_EQ(write("POST", "/api/v1/devices", post, as_viewer), 403);
  EXPECT_EQ(write("PATCH", pathOf(a1_[1]), patch, as_viewer), 403);
  EXPECT_EQ(server_.getJson(pathOf(a1_[1]), tech_)["status"], "in_service");
  // After logout the cookie writes nothing.
  EXPECT_EQ(write("POST", "/api/v1/logout", "", {cookie, csrf}) / 100, 2);
  EXPECT_EQ(write("PATCH", pathOf(a1_[1]), patch, {cookie, csrf}), 401);
}

TEST_F(ParkScopeTest, HostileQueryParametersAreRefused) {
  addDevices();
  const std::vector<std::string> refused = {
      // Years of age and minimum ages: signed, spaced, fractional, huge. (An empty
      // value is an absent one on every route: query_params.h.)
      "/api/v1/devices?age_min=+5",
      "/api/v1/devices?age_min=%205", "/api/v1/devices?age_max=5%20", "/api/v1/devices?age_min=1.5",
      "/api/v1/devices?age_min=99999999999999999999", "/api/v1/devices?age_max=-0",
      "/api/v1/devices/retire-suggestions?min_age=+7",
      "/api/v1/devices/retire-suggestions?min_age=%207", "/api/v1/devices/retire-suggestions?min_age=-1",
      "/api/v1/devices/retire-suggestions?min_age=101", "/api/v1/devices/retire-suggestions?min_age=0x10",
      "/api/v1/exports/inventory?format=csv&age_min=+1",
      // Days and weeks.
      pathOf(a1_[0]) + "/trends?days=+5", pathOf(a1_[0]) + "/trends?days=0", pathOf(a1_[0]) + "/trends?days=-1",
      pathOf(a1_[0]) + "/trends?days=731", pathOf(a1_[0]) + "/trends?days=1e3",
      pathOf(a1_[0]) + "/trends?days=99999999999999999999", "/api/v1/stats/alerts-weekly?weeks=%201",
      "/api/v1/stats/alerts-weekly?weeks=0", "/api/v1/stats/alerts-weekly?weeks=-3",
      "/api/v1/stats/alerts-weekly?weeks=%FF",
      // Limits, sorts, cursors.
      "/api/v1/devices?limit=-5", "/api/v1/devices?limit=abc",
      "/api/v1/devices?limit=99999999999999999999", "/api/v1/devices?sort=hostname;DROP%20TABLE%20devices",
      "/api/v1/devices?sort=d.id", "/api/v1/devices?sort=HOSTNAME", "/api/v1/devices?cursor=x",
      "/api/v1/devices?cursor=c2", "/api/v1/devices?cursor=c2%FF%00", "/api/v1/devices?cursor=" + std::string(5000, 'a'),
      "/api/v1/exports/interventions?format=csv&from=yesterday", "/api/v1/exports/interventions?format=csv&to=%00",
      "/api/v1/exports/interventions?format=csv&from=2026-02-30"};
  for (const auto& path : refused) {
    const auto answer = call("GET", path, tech_);
    EXPECT_EQ(answer.status, 400) << path << " " << answer.body.substr(0, 200);
  }
  // A cursor made for one sort is refused by another, and by the other direction.
  const json first = server_.getJson("/api/v1/devices?limit=1&sort=hostname", tech_);
  ASSERT_TRUE(first.contains("next_cursor"));
  const std::string cursor = first["next_cursor"];
  EXPECT_EQ(call("GET", "/api/v1/devices?limit=1&sort=-hostname&cursor=" + cursor, tech_).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/devices?limit=1&sort=age&cursor=" + cursor, tech_).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/devices?limit=1&sort=hostname&cursor=" + cursor, tech_).status, 200);
  // A cursor of A's list replayed by B reads nothing of A.
  const json replayed = server_.getJson("/api/v1/devices?limit=500&sort=hostname&cursor=" + cursor, b_tech_);
  EXPECT_EQ(idsOf(replayed["devices"]), std::set<std::string>{b_device_["id"]});
  // A forged age cursor with a value that is no number: still a 200 inside the scope.
  const std::string forged = "c2" + [] {
    const std::string payload = std::string("age:a") + '\x1f' + "zzz" + '\x1f' + "v1e999";
    std::string hex;
    for (unsigned char c : payload) {
      static constexpr char kDigits[] = "0123456789abcdef";
      hex += kDigits[c >> 4];
      hex += kDigits[c & 0xf];
    }
    return hex;
  }();
  const auto forged_answer = call("GET", "/api/v1/devices?limit=500&sort=age&cursor=" + forged, tech_);
  ASSERT_EQ(forged_answer.status, 200) << forged_answer.body;
  const json forged_body = json::parse(forged_answer.body);  // kept alive: the loop reads into it
  for (const auto& d : forged_body["devices"]) EXPECT_NE(d["id"], b_device_["id"]);
  // Garbage site ids, rooms and searches are only values: empty answers, and the server lives.
  for (const char* path :
       {"/api/v1/devices?site=%27%20OR%201=1--", "/api/v1/devices?q=%25%27%22%00%FF", "/api/v1/devices?room=%E2%80%AE",
        "/api/v1/devices/facets?site=%27%20OR%20%271%27=%271", "/api/v1/overview?site=%00"}) {
    const auto answer = call("GET", path, tech_);
    EXPECT_EQ(answer.status, 200) << path;
    const json body = json::parse(answer.body, nullptr, false);
    EXPECT_TRUE(body.value("devices", json::array()).empty()) << path;
    EXPECT_TRUE(body.value("manufacturers", json::array()).empty()) << path;
    EXPECT_EQ(body.value("total_devices", 0), 0) << path;
  }
  EXPECT_EQ(call("GET", "/api/v1/rooms?site=%27%20OR%201=1--", tech_).status, 404);
  EXPECT_EQ(server_.getJson("/api/v1/devices", tech_)["total"], a1_.size() + a2_.size());
}

TEST_F(ParkScopeTest, TextFieldsKeepUnicodeAndRefuseControlBytes) {
  // Unicode is kept as sent.
  const std::string name = "salle-\xC3\xA9t\xC3\xA9-\xE2\x9C\x93-\xF0\x9F\x96\xA5";
  const json device = create(tech_, {{"site", a_.site}, {"kind", "desktop"}, {"hostname", name}, {"room", name}});
  EXPECT_EQ(device["hostname"], name);
  EXPECT_EQ(server_.getJson(pathOf(device), tech_)["room"], name);
  // Control bytes would reach CSV cells, logs and the page: refused in every text field.
  const long before = server_.getJson("/api/v1/devices", tech_)["total"];
  for (const char* field : {"hostname", "room", "serial", "model", "manufacturer"}) {
    for (const std::string& bad : {std::string("a\0b", 3), std::string("line\nbreak"), std::string("\x1b[2J"),
                                   std::string("del\x7f")}) {
      json body = {{"site", a_.site}, {"kind", "desktop"}};
      body[field] = bad;
      const auto answer = call("POST", "/api/v1/devices", tech_, body.dump());
      EXPECT_EQ(answer.status, 400) << field << " " << answer.body;
    }
  }
  for (const std::string& bad : {std::string("r\0", 2), std::string("\r\n")}) {
    const auto answer = call("PATCH", pathOf(device), tech_, json{{"room", bad}}.dump());
    EXPECT_EQ(answer.status, 400) << answer.body;
  }
  EXPECT_EQ(server_.getJson("/api/v1/devices", tech_)["total"], before);
  EXPECT_EQ(server_.getJson(pathOf(device), tech_)["room"], name);
  // Invalid UTF-8 never reaches the store either.
  const auto invalid = call("POST", "/api/v1/devices", tech_,
                            "{\"site\":\"" + a_.site + "\",\"kind\":\"desktop\",\"hostname\":\"\xff\xfe\"}");
  EXPECT_EQ(invalid.status, 400);
}

}  // namespace
}  // namespace parc::testing
