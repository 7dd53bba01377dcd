// Alert notifications through the real server: a real SMTP server (Debian's
// aiosmtpd) and a real HTTP receiver (a python3 http.server script) on
// 127.0.0.1. An alert raised by a report reaches both, signed; a SIGKILL in the
// middle of a delivery loses nothing and sends nothing twice; a receiver that
// keeps answering 500 ends in the dead state, visible to admins.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <map>
#include <set>

#include "tests/integration/alert_reports.h"
#include "tests/integration/mail_text.h"
#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

// Records every request as <dir>/req-<n>.json, once its answer is written to a
// client still connected: /ok answers 200, /fail 500, /slow 200 after 2 s (and
// writes <dir>/inflight on arrival). A request whose client went away while it
// waited is not recorded: the sender never learnt it was delivered.
constexpr const char* kReceiverScript = R"PY(
import http.server, json, os, select, socket, sys, time, itertools
out = sys.argv[1]
counter = itertools.count()
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        if self.path == '/slow':
            open(os.path.join(out, 'inflight'), 'w').close()
            time.sleep(2)
            readable, _, _ = select.select([self.connection], [], [], 0)
            if readable and self.connection.recv(1, socket.MSG_PEEK) == b'':
                return
        status = 500 if self.path == '/fail' else 200
        self.send_response(status)
        self.send_header('Content-Length', '0')
        self.end_headers()
        record = {'path': self.path, 'status': status, 'headers': dict(self.headers.items()),
                  'body': body.decode('utf-8', 'replace')}
        name = os.path.join(out, 'req-%d.json' % next(counter))
        with open(name + '.tmp', 'w') as f:
            json.dump(record, f)
        os.rename(name + '.tmp', name)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
with open(os.path.join(out, 'port.tmp'), 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(out, 'port.tmp'), os.path.join(out, 'port'))
server.serve_forever()
)PY";

std::string hmacHex(const std::string& body, const std::string& key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
       body.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += {kHex[digest[i] >> 4], kHex[digest[i] & 15]};
  return out;
}

std::vector<std::filesystem::path> filesIn(const std::filesystem::path& dir, const std::string& prefix) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() != ".tmp") files.push_back(entry.path());
  }
  return files;
}

class NotifyTest : public ::testing::Test {
 protected:
  NotifyTest()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    hooks_ = dir_.path() / "hooks";
    mail_ = dir_.path() / "mail";
    std::filesystem::create_directories(hooks_);
    std::filesystem::create_directories(mail_);
    std::ofstream(dir_.path() / "receiver.py") << kReceiverScript;
    receiver_ = std::make_unique<Process>("/usr/bin/python3",
                                          std::vector<std::string>{(dir_.path() / "receiver.py").string(), hooks_.string()},
                                          dir_.path() / "receiver");
    const std::uint16_t smtp_port = freePort();
    smtp_ = startSmtpSink(smtp_port, mail_ / "box", dir_.path() / "smtp");
    ASSERT_TRUE(waitUntil([&] { return std::filesystem::exists(hooks_ / "port"); })) << receiver_->stderrText();
    hook_url_ = "http://127.0.0.1:" + readFile(hooks_ / "port");
    std::ofstream(dir_.path() / "server.conf") << "smtp_url = smtp://127.0.0.1:" << smtp_port << "\n"
                                               << "smtp_from = parc@college.example.org\n"
                                               << "notify_max_attempts = 3\n"
                                               << "notify_retry_base = 1s\n"
                                               << "notify_period = 200ms\n";
    startServer();
    park_ = server_.makePark("Commune A");
  }

  void startServer() { server_.start({"--config", (dir_.path() / "server.conf").string()}); }

  DeviceCredentials enrolledDevice(const std::string& machine) {
    return testing::enrolledDevice(dir_.path(), server_.url(), park_.token, machine);
  }

  // A state report in which each of `disks` fails SMART: the engine opens alerts.
  long reportFailingDisks(const DeviceCredentials& device, std::uint64_t seq, const std::vector<std::string>& disks) {
    return testing::reportFailingDisks(server_.url(), device, seq, disks);
  }

  std::vector<json> received() {
    std::vector<json> requests;
    for (const auto& file : filesIn(hooks_, "req-")) requests.push_back(json::parse(readFile(file)));
    return requests;
  }

  std::string adminCookie() {
    const std::string password = server_.addUser(park_.collectivity, "admin", "admin@college.example.org");
    return loginSession(server_.url(), "admin@college.example.org", password).cookie;
  }

  json deliveries(const std::string& cookie, const std::string& query) {
    const auto answer = httpRequest("GET", server_.url() + "/api/v1/notifications" + query, "", {"Cookie: " + cookie});
    EXPECT_EQ(answer.status, 200) << answer.body;
    return json::parse(answer.body, nullptr, false).value("deliveries", json::array());
  }

  TempDir dir_;
  ParcServer server_;
  std::filesystem::path hooks_, mail_;
  std::unique_ptr<Process> receiver_, smtp_;
  std::string hook_url_;
  ParcServer::Park park_;
};

TEST_F(NotifyTest, AnAlertReachesTheWebhookSignedAndTheMailbox) {
  const std::string secret = "a-webhook-secret-of-some-length";
  server_.admin({"notify", "webhook", "add", "--collectivity", park_.collectivity, hook_url_ + "/ok", "--secret", secret,
                 "--min-severity", "critical"});
  server_.admin({"notify", "email", "add", "--collectivity", park_.collectivity, "dsi@college.example.org",
                 "--min-severity", "critical"});
  const auto device = enrolledDevice("dell-optiplex-3080");
  ASSERT_EQ(reportFailingDisks(device, 1000, {"sda"}), 202);

  ASSERT_TRUE(waitUntil([&] { return !received().empty() && !filesIn(mail_ / "box" / "new", "").empty(); }))
      << server_.dataDir();
  for (const json& request : received()) {
    const std::string body = request["body"];
    const json headers = request["headers"];
    EXPECT_EQ(headers.value("X-Parc-Signature", ""), "sha256=" + hmacHex(body, secret));
    EXPECT_NE(headers.value("X-Parc-Signature", ""), "sha256=" + hmacHex(body, secret + "x"));
    EXPECT_FALSE(headers.value("X-Parc-Delivery", "").empty());
    const json event = json::parse(body);
    EXPECT_EQ(event["event"], "opened");
    EXPECT_GT(event["id"].get<std::int64_t>(), 0);
    EXPECT_EQ(event["alert"]["severity"], "critical");
    EXPECT_EQ(event["alert"]["site"]["id"], park_.site);
  }
  const std::string message = readFile(filesIn(mail_ / "box" / "new", "").front());
  EXPECT_NE(message.find("To: dsi@college.example.org"), std::string::npos) << message;
  EXPECT_NE(message.find("From: parc@college.example.org"), std::string::npos);
  EXPECT_NE(message.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(message.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  const auto split = message.find("\n\n") != std::string::npos ? message.find("\n\n") + 2 : message.find("\r\n\r\n") + 4;
  const std::string text = decodeBase64(message.substr(split));
  EXPECT_NE(text.find("Site : École Commune A"), std::string::npos) << text;
  EXPECT_NE(text.find("Sévérité : Critique"), std::string::npos) << text;
  EXPECT_NE(text.find("État : ouverte"), std::string::npos) << text;
}

TEST_F(NotifyTest, ASigkillDuringDeliveryLosesNothingAndSendsNothingTwice) {
  server_.admin({"notify", "webhook", "add", "--collectivity", park_.collectivity, hook_url_ + "/slow", "--secret",
                 "another-secret-0123456789"});
  const auto device = enrolledDevice("dell-optiplex-3080");
  ASSERT_EQ(reportFailingDisks(device, 1000, {"sda", "sdb", "sdc"}), 202);
  ASSERT_TRUE(waitUntil([&] { return std::filesystem::exists(hooks_ / "inflight"); }));
  server_.stop(SIGKILL);  // while the receiver holds the first delivery
  startServer();

  const std::string cookie = adminCookie();
  const std::size_t total = deliveries(cookie, "").size();
  ASSERT_GE(total, 3u);
  ASSERT_TRUE(waitUntil([&] { return deliveries(cookie, "?state=sent").size() == total; },
                        std::chrono::seconds(60)));
  std::this_thread::sleep_for(std::chrono::seconds(3));  // a duplicate would have arrived by now
  std::multiset<std::string> ids;
  for (const json& request : received()) ids.insert(request["headers"].value("X-Parc-Delivery", ""));
  std::set<std::string> expected;
  for (const json& d : deliveries(cookie, "")) expected.insert(d["id"].get<std::string>());
  EXPECT_EQ(ids.size(), total);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);
  for (const auto& id : expected) EXPECT_EQ(ids.count(id), 1u) << id;
}

TEST_F(NotifyTest, AReceiverAnswering500EndsDeadAfterTheLastAttempt) {
  server_.admin({"notify", "webhook", "add", "--collectivity", park_.collectivity, hook_url_ + "/fail", "--secret",
                 "failing-secret-0123456789", "--min-severity", "critical"});
  const auto device = enrolledDevice("dell-optiplex-3080");
  ASSERT_EQ(reportFailingDisks(device, 1000, {"sda"}), 202);
  const std::string cookie = adminCookie();
  ASSERT_TRUE(waitUntil([&] {
    const auto all = deliveries(cookie, "");
    return !all.empty() && deliveries(cookie, "?state=dead").size() == all.size();
  }));
  const json dead = deliveries(cookie, "?state=dead");
  for (const json& d : dead) {
    EXPECT_EQ(d["attempts"], 3);
    EXPECT_NE(d["last_error"].get<std::string>().find("HTTP 500"), std::string::npos);
  }
  // Three attempts per delivery reached the receiver, each with the same id.
  std::map<std::string, int> attempts;
  for (const json& request : received()) ++attempts[request["headers"].value("X-Parc-Delivery", "")];
  EXPECT_EQ(attempts.size(), dead.size());
  for (const auto& [id, count] : attempts) EXPECT_EQ(count, 3) << id;
  const std::string listed = server_.admin({"notify", "list"});
  for (const json& d : dead) EXPECT_NE(listed.find(d["id"].get<std::string>()), std::string::npos) << listed;
  EXPECT_NE(listed.find("3 attempts"), std::string::npos);
  EXPECT_EQ(listed.find("failing-secret"), std::string::npos);  // secrets never printed

  // Another collectivity's admin sees none of them; a bad state is refused.
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/notifications?state=bogus", "", {"Cookie: " + cookie}).status,
            400);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/notifications").status, 401);
}

}  // namespace
}  // namespace parc::testing
