// E-mail digests through the real server and a real SMTP server (Debian's
// aiosmtpd) on 127.0.0.1: several alerts in one window arrive as one French
// message listing them all; a server restart in the middle of the window loses
// none of them, and restarts after it was sent send nothing again.

#include <gtest/gtest.h>

#include <fstream>

#include "tests/integration/alert_reports.h"
#include "tests/integration/mail_text.h"
#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

std::size_t countOf(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

class NotifyDigestTest : public ::testing::Test {
 protected:
  NotifyDigestTest()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    mail_ = dir_.path() / "mail";
    std::filesystem::create_directories(mail_);
    const std::uint16_t smtp_port = freePort();
    smtp_ = startSmtpSink(smtp_port, mail_ / "box", dir_.path() / "smtp");
    std::ofstream(dir_.path() / "server.conf") << "smtp_url = smtp://127.0.0.1:" << smtp_port << "\n"
                                               << "smtp_from = parc@college.example.org\n"
                                               << "notify_retry_base = 1s\n"
                                               << "notify_period = 200ms\n";
    startServer();
    park_ = server_.makePark("Commune A");
  }

  void startServer() { server_.start({"--config", (dir_.path() / "server.conf").string()}); }

  DeviceCredentials enrolledDevice(const std::string& machine) {
    return testing::enrolledDevice(dir_.path(), server_.url(), park_.token, machine);
  }

  long reportFailingDisks(const DeviceCredentials& device, std::uint64_t seq, const std::vector<std::string>& disks) {
    return testing::reportFailingDisks(server_.url(), device, seq, disks);
  }

  std::vector<std::string> messages() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(mail_ / "box" / "new", ec)) {
      out.push_back(readFile(entry.path()));
    }
    return out;
  }

  std::string bodyOf(const std::string& message) {
    const auto split = message.find("\n\n") != std::string::npos ? message.find("\n\n") + 2
                                                                  : message.find("\r\n\r\n") + 4;
    return decodeBase64(message.substr(split));
  }

  TempDir dir_;
  ParcServer server_;
  std::filesystem::path mail_;
  std::unique_ptr<Process> smtp_;
  ParcServer::Park park_;
};

TEST_F(NotifyDigestTest, SeveralAlertsInOneWindowAreOneMessageAndARestartSendsItOnce) {
  const std::string endpoint = server_.admin({"notify", "email", "add", "--collectivity", park_.collectivity,
                                              "dsi@college.example.org", "--min-severity", "critical",
                                              "--digest", "6s"});
  EXPECT_NE(server_.admin({"notify", "list"}).find("digest 6s"), std::string::npos);
  const auto first = enrolledDevice("dell-optiplex-3080");
  ASSERT_EQ(reportFailingDisks(first, 1000, {"sda", "sdb"}), 202);
  // A restart while the window is open: its deliveries wait in the store.
  server_.stop();
  startServer();
  // sda and sdb are seen again (no new event), sdc fails now.
  ASSERT_EQ(reportFailingDisks(first, 1001, {"sda", "sdb", "sdc"}), 202);

  ASSERT_TRUE(waitUntil([&] { return !messages().empty(); })) << server_.dataDir();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // a second message would have come by now
  auto received = messages();
  ASSERT_EQ(received.size(), 1u);
  const std::string message = received.front();
  const std::string body = bodyOf(message);
  // One entry per critical alert opened: sda and sdb, then sdc.
  const std::size_t entries = countOf(body, "\n   Lien : /api/v1/alerts/");
  EXPECT_EQ(entries, 3u) << body;
  EXPECT_NE(message.find("To: dsi@college.example.org"), std::string::npos) << message;
  EXPECT_NE(message.find("Message-ID: <digest-"), std::string::npos) << message;
  EXPECT_EQ(subjectOf(message), "[Parc] Récapitulatif : " + std::to_string(entries) +
                                    " alertes, gravité maximale Critique – École Commune A")
      << message;
  EXPECT_EQ(countOf(body, "   Site : École Commune A\n"), entries) << body;
  EXPECT_EQ(countOf(body, "   Changement : ouverture, alerte ouverte\n"), entries) << body;
  EXPECT_NE(body.find("Récapitulatif des alertes Parc : 3 alertes."), std::string::npos) << body;

  // Restarts after the digest went: nothing is sent again.
  for (int restart = 0; restart < 2; ++restart) {
    server_.stop(restart == 0 ? SIGTERM : SIGKILL);
    startServer();
  }
  std::this_thread::sleep_for(std::chrono::seconds(8));  // longer than a window and many notifier passes
  EXPECT_EQ(messages().size(), 1u);
  const std::string listed = server_.admin({"notify", "list"});
  EXPECT_TRUE(listed.ends_with("dead deliveries:")) << listed;  // none dead
  EXPECT_NE(listed.find(endpoint), std::string::npos) << listed;
}

TEST_F(NotifyDigestTest, TheWindowIsSetFromTheCommandLine) {
  const std::string endpoint = server_.admin({"notify", "email", "add", "--collectivity", park_.collectivity,
                                              "dsi@college.example.org"});
  EXPECT_NE(server_.admin({"notify", "list"}).find("per-alert"), std::string::npos);
  server_.admin({"notify", "email", "digest", endpoint, "15m"});
  EXPECT_NE(server_.admin({"notify", "list"}).find("digest 900s"), std::string::npos);
  server_.admin({"notify", "email", "digest", endpoint, "0"});
  EXPECT_NE(server_.admin({"notify", "list"}).find("per-alert"), std::string::npos);
}

}  // namespace
}  // namespace parc::testing
