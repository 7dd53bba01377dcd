// The notifier's pure parts: who wants an event, the webhook body and its
// signature, the French e-mail, the back-off.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/notify/notify_message.h"
#include "tests/integration/mail_text.h"

namespace parc::server::notify {
namespace {

using nlohmann::json;
using parc::testing::decodeBase64;

AlertEvent sampleEvent() {
  AlertEvent event;
  event.id = 42;
  event.type = "opened";
  event.alert_id = "al-1";
  event.device_id = "dev-1";
  event.site_id = "site-1";
  event.collectivity_id = "col-1";
  event.rule_id = "disk_smart_failed";
  event.severity = "critical";
  event.state = "open";
  event.at = "2026-11-23T08:15:05Z";
  event.payload_json = json{{"id", "al-1"}, {"rule", "disk_smart_failed"}, {"title", "Disque défaillant"},
                            {"summary", "Le disque sda signale une panne SMART."},
                            {"device", {{"id", "dev-1"}, {"name", "salle-b12-poste03"}, {"room", "B12"}}},
                            {"site", {{"id", "site-1"}, {"name", "Collège Jean Moulin"}}}}
                           .dump();
  return event;
}

TEST(EndpointWants, SeverityCollectivityAndSites) {
  const AlertEvent event = sampleEvent();
  struct Case {
    const char* collectivity;
    const char* min_severity;
    std::vector<std::string> sites;
    const char* severity;
    bool wanted;
  };
  const Case cases[] = {
      {"col-1", "info", {}, "critical", true},      {"col-1", "critical", {}, "critical", true},
      {"col-1", "critical", {}, "warning", false},  {"col-1", "warning", {}, "info", false},
      {"col-1", "warning", {}, "warning", true},    {"col-2", "info", {}, "critical", false},
      {"col-1", "info", {"site-1"}, "info", true},  {"col-1", "info", {"site-9"}, "info", false},
      {"col-1", "info", {"site-9", "site-1"}, "info", true}, {"col-1", "info", {}, "bogus", true},
      {"col-1", "warning", {}, "bogus", false},
  };
  for (const Case& c : cases) {
    NotifyEndpoint endpoint;
    endpoint.collectivity_id = c.collectivity;
    endpoint.min_severity = c.min_severity;
    endpoint.site_ids = c.sites;
    AlertEvent e = event;
    e.severity = c.severity;
    EXPECT_EQ(endpointWants(endpoint, e), c.wanted) << c.collectivity << " " << c.min_severity << " " << c.severity;
  }
}

TEST(WebhookBody, CarriesTypeIdAndThePayload) {
  const AlertEvent event = sampleEvent();
  const json body = json::parse(webhookBody(event));
  EXPECT_EQ(body["event"], "opened");
  EXPECT_EQ(body["id"], 42);
  EXPECT_EQ(body["alert"], json::parse(event.payload_json));
}

TEST(WebhookBody, HostilePayloadsStillGiveValidJson) {
  for (const std::string& payload : {std::string(""), std::string("{\"truncated\": "), std::string("[1,2]"),
                                    std::string("\"text\""), std::string("\xff\xfe garbage"),
                                    std::string(1 << 16, '{')}) {
    AlertEvent event = sampleEvent();
    event.payload_json = payload;
    event.type = "bad\xff";
    const json body = json::parse(webhookBody(event));
    EXPECT_TRUE(body["alert"].is_object()) << payload.substr(0, 20);
    EXPECT_TRUE(body["alert"].empty());
  }
}

TEST(WebhookSignature, IsTheRfc4231HmacSha256) {
  // RFC 4231 test case 2.
  EXPECT_EQ(webhookSignature("what do ya want for nothing?", "Jefe"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_NE(webhookSignature("what do ya want for nothing?", "Jefe2"),
            webhookSignature("what do ya want for nothing?", "Jefe"));
}

TEST(MailMessage, FrenchSubjectEncodedAndTheFactsInTheBody) {
  const AlertEvent event = sampleEvent();
  EXPECT_EQ(mailSubject(event), "[Parc] Critique : Disque défaillant – salle-b12-poste03 / Collège Jean Moulin");
  const MailEnvelope envelope{"parc@example.org", "dsi@example.org", "d-1@parc",
                              std::chrono::system_clock::from_time_t(1795421705)};
  const std::string message = mailMessage(event, envelope);
  const auto split = message.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  const std::string headers = message.substr(0, split + 2), body = message.substr(split + 4);
  for (const char* header : {"Date: ", "From: parc@example.org\r\n", "To: dsi@example.org\r\n",
                             "Subject: =?UTF-8?B?", "Message-ID: <d-1@parc>\r\n", "MIME-Version: 1.0\r\n",
                             "Content-Type: text/plain; charset=UTF-8\r\n",
                             "Content-Transfer-Encoding: base64\r\n"}) {
    EXPECT_NE(headers.find(header), std::string::npos) << header;
  }
  EXPECT_EQ(headers.find('\n', 0) - 1, headers.find("\r\n"));
  const std::string text = decodeBase64(body);
  for (const char* fact : {"Site : Collège Jean Moulin", "Salle : B12", "Poste : salle-b12-poste03",
                           "Règle : Disque défaillant (disk_smart_failed)", "Sévérité : Critique",
                           "État : ouverte", "Date : 2026-11-23T08:15:05Z"}) {
    EXPECT_NE(text.find(fact), std::string::npos) << fact << "\n" << text;
  }
}

TEST(MailMessage, HeaderInjectionIsFlattened) {
  AlertEvent event = sampleEvent();
  event.payload_json = json{{"title", "x\r\nBcc: victim@example.org"}}.dump();
  const MailEnvelope envelope{"parc@example.org", "a@example.org\r\nBcc: b@example.org", "id", {}};
  const std::string message = mailMessage(event, envelope);
  EXPECT_EQ(message.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(mailSubject(event).find('\n'), std::string::npos);
}

TEST(EncodeHeaderWord, AsciiStaysAndUtf8IsSplitBetweenCharacters) {
  EXPECT_EQ(encodeHeaderWord("plain subject"), "plain subject");
  const std::string long_text(30, 'a');
  const std::string encoded = encodeHeaderWord(long_text + "é" + long_text + "ééé");
  std::string decoded;
  std::size_t at = 0;
  while ((at = encoded.find("=?UTF-8?B?", at)) != std::string::npos) {
    const auto end = encoded.find("?=", at);
    decoded += decodeBase64(encoded.substr(at + 10, end - at - 10));
    at = end;
  }
  EXPECT_EQ(decoded, long_text + "é" + long_text + "ééé");
}

TEST(RetryDelay, DoublesFromTheBaseUpToTheCap) {
  using std::chrono::seconds;
  EXPECT_EQ(retryDelay(0, seconds(30), seconds(3600)), seconds(30));
  EXPECT_EQ(retryDelay(1, seconds(30), seconds(3600)), seconds(60));
  EXPECT_EQ(retryDelay(5, seconds(30), seconds(3600)), seconds(960));
  EXPECT_EQ(retryDelay(7, seconds(30), seconds(3600)), seconds(3600));
  EXPECT_EQ(retryDelay(1000000, seconds(30), seconds(3600)), seconds(3600));
}

}  // namespace
}  // namespace parc::server::notify
