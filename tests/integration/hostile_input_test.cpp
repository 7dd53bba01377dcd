// Hostile input sent to a running server: each gets a clear 4xx (or a closed
// connection) and the database is byte-for-byte unchanged afterwards.
// The raw-socket cases run against a plain-HTTP server: the transport parses the
// same bytes behind TLS.

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <thread>

#include "tests/integration/db_dump.h"
#include "tests/integration/parc_fixture.h"
#include "tests/integration/raw_client.h"

namespace parc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::uint16_t portOf(const std::string& url) {
  return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

class HostileInputTest : public ::testing::Test {
 protected:
  HostileInputTest() : dir_("hostile"), server_(dir_.path()) {}

  void SetUp() override {
    park_ = server_.makePark("Hostile");
    server_.start({"--plain-http", "--body-limit", "4194304", "--request-timeout", "2s",
                   "--idle-timeout", "2s", "--max-connections", "300"});
    agent_ = std::make_unique<ParcAgent>(dir_.path(), "laptop");
    ASSERT_EQ(agent_->enroll(server_.url(), park_.token).exit_code, 0);
    ASSERT_EQ(agent_->once().exit_code, 0);
    secret_ = agent_->identity()["agent_secret"];
    agent_id_ = agent_->identity()["agent_id"];
  }

  std::string database() const { return dumpDatabase(server_.dataDir() / "parc.db"); }

  HttpAnswer postReport(const std::string& body, const std::string& secret) {
    return httpRequest("POST", server_.url() + "/api/v1/reports", body,
                       secret.empty() ? std::vector<std::string>{} : std::vector<std::string>{"Authorization: Bearer " + secret});
  }

  json validState(std::uint64_t seq) const {
    return {{"schema", "parc.report/1"}, {"kind", "state"}, {"agent", {{"id", agent_id_}}},
            {"seq", seq}, {"collected_at", "2026-11-23T08:00:00Z"}, {"state", {{"uptime_s", 5}}}};
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
  std::unique_ptr<ParcAgent> agent_;
  std::string secret_, agent_id_;
};

TEST_F(HostileInputTest, MalformedReportsAre400AndChangeNothing) {
  const std::string before = database();
  std::vector<std::pair<std::string, std::string>> bodies = {
      {"invalid JSON", "{\"schema\": \"parc.report/1\", "},
      {"invalid UTF-8", "{\"schema\":\"parc.report/1\",\"kind\":\"state\",\"x\":\"\xff\xfe\"}"},
      {"duplicate keys", R"({"schema":"parc.report/1","kind":"state","kind":"full"})"},
      {"nesting deeper than 64", std::string(65, '[') + std::string(65, ']')},
      {"a million items", "{\"schema\":\"parc.report/1\",\"collectors\":[" + [] {
         std::string items = "0";
         for (int i = 1; i < 1000000; ++i) items += ",0";
         return items;
       }() + "]}"},
      {"not an object", "\"report\""},
  };
  auto mutate = [&](const char* name, auto change) {
    json report = validState(1000);
    change(report);
    bodies.emplace_back(name, report.dump());
  };
  mutate("seq as text", [](json& r) { r["seq"] = "1000"; });
  mutate("negative seq", [](json& r) { r["seq"] = -4; });
  mutate("uptime as object", [](json& r) { r["state"]["uptime_s"] = json::object(); });
  mutate("far-future time", [](json& r) { r["collected_at"] = "2099-01-01T00:00:00Z"; });
  mutate("time before the epoch", [](json& r) { r["collected_at"] = "1901-01-01T00:00:00Z"; });
  mutate("another agent's id", [](json& r) { r["agent"]["id"] = "00000000-0000-4000-8000-000000000000"; });
  mutate("disks as a string", [](json& r) { r["state"]["disks"] = "sda"; });
  for (const auto& [name, body] : bodies) {
    const auto answer = postReport(body, secret_);
    EXPECT_EQ(answer.status, 400) << name << ": " << answer.body.substr(0, 200);
    const json error = json::parse(answer.body, nullptr, false);
    EXPECT_TRUE(error.contains("error") && error.contains("detail")) << name;
  }
  EXPECT_EQ(database(), before);
}

TEST_F(HostileInputTest, MissingWrongOrStaleCredentialsAre401AndChangeNothing) {
  const std::string before = database();
  EXPECT_EQ(postReport(validState(2000).dump(), "").status, 401);
  EXPECT_EQ(postReport(validState(2000).dump(), "pa_" + std::string(64, '0')).status, 401);
  EXPECT_EQ(postReport(validState(2000).dump(), secret_ + "x").status, 401);
  EXPECT_EQ(postReport(validState(2000).dump(), park_.api_token).status, 401) << "an API token is no agent";
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/devices", "", {"Authorization: Bearer " + secret_}).status,
            401) << "an agent secret is no API token";
  EXPECT_EQ(database(), before);
}

TEST_F(HostileInputTest, SqlMetacharactersAreStoredVerbatim) {
  const std::string evil = "Robert'); DROP TABLE devices; -- \" \\ % _ \x01 é";
  auto printed = agent_->command("inventory", {"--root", fixtureRoot("laptop").string()});
  json report = json::parse(printed.out);
  report["agent"]["id"] = agent_id_;
  report["seq"] = 50;
  // Every string of the inventory, at every depth, becomes hostile text.
  std::function<void(json&)> poison = [&](json& node) {
    if (node.is_string()) node = evil + " " + node.get<std::string>();
    if (node.is_object() || node.is_array()) {
      for (auto& child : node) poison(child);
    }
  };
  poison(report["inventory"]);
  report["inventory"]["system"]["model"] = evil;
  report["inventory"]["os"]["hostname"] = evil;
  report["inventory"]["disks"][0]["serial"] = evil;
  ASSERT_EQ(postReport(report.dump(), secret_).status, 202);
  const std::string device = agent_->identity()["device_id"];
  const json detail = server_.getJson("/api/v1/devices/" + device, park_.api_token);
  EXPECT_EQ(detail["inventory"], report["inventory"]) << "read back byte-equal, every field";
  EXPECT_EQ(detail["inventory"]["system"]["model"], evil);
  EXPECT_EQ(detail["inventory"]["disks"][0]["serial"], evil);
  EXPECT_EQ(detail["hostname"], evil);
  // Found by a search for the literal text, including % and _.
  const json found = server_.getJson("/api/v1/devices?q=%25%20_%20%01", park_.api_token);
  EXPECT_EQ(found["devices"].size(), 1u) << found.dump();
  const json none = server_.getJson("/api/v1/devices?q=%25%25%25", park_.api_token);
  EXPECT_TRUE(none["devices"].empty());
}

TEST_F(HostileInputTest, TraversalInPathsFindsNothing) {
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/devices/..%2f..%2fetc%2fpasswd",
                           "/api/v1/../../../etc/passwd", "/%00"}) {
    const auto answer = httpRequest("GET", server_.url() + path, "", {"Authorization: Bearer " + park_.api_token});
    EXPECT_TRUE(answer.status == 404 || answer.status == 400) << path << " -> " << answer.status;
    EXPECT_EQ(answer.body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(HostileInputTest, BrokenFramingIsRefusedAndChangesNothing) {
  const std::string before = database();
  const auto port = portOf(server_.url());
  {
    RawConnection raw("127.0.0.1", port);
    raw.send("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
    EXPECT_EQ(statusOf(raw.receive(3s)), 400);
  }
  {
    RawConnection raw("127.0.0.1", port);
    raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\nInjected: yes\r\n\r\n");
    EXPECT_EQ(statusOf(raw.receive(3s)), 400) << "a bare LF inside a header is not a header boundary";
  }
  {
    // Announces 1000 bytes, sends 10, then goes away: nothing is stored.
    RawConnection raw("127.0.0.1", port);
    raw.send("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret_ +
             "\r\nContent-Length: 1000\r\n\r\n{\"schema\":");
  }
  {
    RawConnection raw("127.0.0.1", port);
    raw.send("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n");
    const int status = statusOf(raw.receive(3s));
    EXPECT_TRUE(status == 400 || status == 413) << status;
  }
  EXPECT_EQ(httpRequest("GET", server_.url() + "/healthz").status, 200);
  EXPECT_EQ(database(), before);
}

TEST_F(HostileInputTest, ASlowClientIsClosedWithinTheTimeoutWithoutHurtingOthers) {
  RawConnection slow("127.0.0.1", portOf(server_.url()));
  ASSERT_TRUE(slow.connected());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  const auto start = std::chrono::steady_clock::now();
  bool closed = false;
  for (std::size_t i = 0; i < 40 && !closed; ++i) {
    if (!slow.send(std::string(1, request[i % request.size()]))) closed = true;
    EXPECT_EQ(httpRequest("GET", server_.url() + "/healthz").status, 200) << "others are still served";
    if (slow.closedByPeerWithin(200ms)) closed = true;
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 6s) << "closed within the request timeout (2 s)";
}

TEST_F(HostileInputTest, ThousandsOfIdleConnectionsDoNotTakeTheServiceDown) {
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
  const int count = files.rlim_cur >= 4096 ? 2000 : 700;
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < count; ++i) idle.push_back(std::make_unique<RawConnection>("127.0.0.1", portOf(server_.url())));
  // Past the limit (300) connections are refused at once; the idle ones are
  // closed after the idle timeout (2 s), and then everyone is served again.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  long status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    status = httpRequest("GET", server_.url() + "/healthz").status;
    if (status == 200) break;
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(server_.running());
}

}  // namespace
}  // namespace parc::testing
