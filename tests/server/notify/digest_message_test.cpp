// The e-mail digest, built without I/O: the subject (count, worst severity,
// where), the French body (one entry per event, worst first, then by time),
// line breaks from devices never reaching a header, hostile payloads.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/notify/digest_message.h"
#include "tests/integration/mail_text.h"

namespace parc::server::notify {
namespace {

using nlohmann::json;
using parc::testing::decodeBase64;
using parc::testing::subjectOf;

AlertEvent eventOf(std::int64_t id, const std::string& severity, const std::string& at, const std::string& device,
                   const std::string& site = "Collège Jean Moulin") {
  AlertEvent event;
  event.id = id;
  event.type = "opened";
  event.alert_id = "al-" + std::to_string(id);
  event.device_id = "dev-" + std::to_string(id);
  event.site_id = "site-" + site;
  event.collectivity_id = "col-1";
  event.rule_id = "disk_smart_failed";
  event.severity = severity;
  event.state = "open";
  event.at = at;
  event.payload_json = json{{"title", "Disque défaillant"},
                            {"device", {{"id", event.device_id}, {"name", device}, {"room", "B12"}}},
                            {"site", {{"id", event.site_id}, {"name", site}}}}
                           .dump();
  return event;
}

const MailEnvelope kEnvelope{"parc@college.example.org", "dsi@college.example.org", "digest-1@parc", {}};

TEST(DigestSubject, CountWorstSeverityAndWhere) {
  const std::vector<AlertEvent> three = {eventOf(1, "warning", "2026-11-23T08:00:00Z", "poste-01"),
                                         eventOf(2, "critical", "2026-11-23T08:01:00Z", "poste-02"),
                                         eventOf(3, "info", "2026-11-23T08:02:00Z", "poste-03")};
  EXPECT_EQ(digestSubject(three), "[Parc] Récapitulatif : 3 alertes, gravité maximale Critique – Collège Jean Moulin");
  EXPECT_EQ(digestSubject({three[0]}), "[Parc] Récapitulatif : 1 alerte, gravité maximale Avertissement – Collège Jean Moulin");
  EXPECT_EQ(digestSubject({three[2], eventOf(4, "info", "2026-11-23T08:03:00Z", "p", "École Jules Ferry")}),
            "[Parc] Récapitulatif : 2 alertes, gravité maximale Information – 2 sites");
}

TEST(DigestOrder, WorstFirstThenByTimeThenId) {
  const std::vector<AlertEvent> events = {eventOf(5, "info", "2026-11-23T08:00:00Z", "a"),
                                          eventOf(4, "critical", "2026-11-23T08:05:00Z", "b"),
                                          eventOf(3, "warning", "2026-11-23T08:01:00Z", "c"),
                                          eventOf(2, "critical", "2026-11-23T08:02:00Z", "d"),
                                          eventOf(1, "critical", "2026-11-23T08:02:00Z", "e")};
  std::vector<std::int64_t> ids;
  for (const AlertEvent& event : digestOrder(events)) ids.push_back(event.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 4, 3, 5}));

  // The body lists them in that order.
  const std::string body = digestBody(events);
  std::vector<std::size_t> positions;
  for (const char* device : {"Poste : e ", "Poste : d ", "Poste : b ", "Poste : c ", "Poste : a "}) {
    positions.push_back(body.find(device));
    ASSERT_NE(positions.back(), std::string::npos) << device << "\n" << body;
  }
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end())) << body;
}

TEST(DigestBody, EveryEventWithItsFrenchFields) {
  AlertEvent resolved = eventOf(8, "warning", "2026-11-23T09:30:00Z", "salle-b12-poste03");
  resolved.type = "resolved";
  resolved.state = "resolved";
  const std::vector<AlertEvent> events = {eventOf(7, "critical", "2026-11-23T08:15:05Z", "salle-b12-poste01"),
                                          resolved};
  const std::string body = digestBody(events);
  EXPECT_NE(body.find("Récapitulatif des alertes Parc : 2 alertes."), std::string::npos) << body;
  EXPECT_NE(body.find("Du 2026-11-23T08:15:05Z au 2026-11-23T09:30:00Z"), std::string::npos) << body;
  EXPECT_NE(body.find("1. Critique – Disque défaillant (disk_smart_failed)\n"), std::string::npos) << body;
  EXPECT_NE(body.find("2. Avertissement – Disque défaillant"), std::string::npos) << body;
  EXPECT_NE(body.find("   Site : Collège Jean Moulin\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Salle : B12\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Poste : salle-b12-poste01 (dev-7)\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Changement : ouverture, alerte ouverte\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Changement : résolution, alerte résolue\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Date : 2026-11-23T09:30:00Z\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Lien : /api/v1/alerts/al-7\n"), std::string::npos) << body;
  EXPECT_NE(body.find("   Lien : /api/v1/alerts/al-8\n"), std::string::npos) << body;
}

TEST(DigestMessage, LineBreaksFromDevicesNeverReachAHeader) {
  const std::string evil = "poste\r\nBcc: victim@example.org\r\n\r\nInjected";
  const std::vector<AlertEvent> events = {eventOf(1, "critical", "2026-11-23T08:00:00Z", evil, "Site\r\nX-Evil: 1"),
                                          eventOf(2, "warning", "2026-11-23T08:00:01Z", "ok", "Site\r\nX-Evil: 1")};
  const std::string subject = digestSubject(events);
  EXPECT_EQ(subject.find_first_of("\r\n"), std::string::npos) << subject;
  EXPECT_NE(subject.find("Site  X-Evil: 1"), std::string::npos) << subject;

  const std::string message = digestMessage(events, kEnvelope);
  const auto split = message.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  const std::string headers = message.substr(0, split + 2);
  EXPECT_EQ(headers.find("\nBcc:"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("\nX-Evil"), std::string::npos) << headers;
  EXPECT_EQ(subjectOf(headers), subject);
  // The body is base64: nothing in it can end the headers; its lines stay whole.
  const std::string body = decodeBase64(message.substr(split + 4));
  EXPECT_EQ(body, digestBody(events));
  EXPECT_NE(body.find("Poste : poste  Bcc: victim@example.org    Injected (dev-1)\n"), std::string::npos) << body;
  EXPECT_EQ(body.find('\r'), std::string::npos);
}

TEST(DigestMessage, HeadersOfTheEnvelope) {
  const std::string message = digestMessage({eventOf(1, "critical", "2026-11-23T08:00:00Z", "p")}, kEnvelope);
  EXPECT_EQ(message.rfind("Date: ", 0), 0u) << message;
  EXPECT_NE(message.find("\r\nFrom: parc@college.example.org\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nTo: dsi@college.example.org\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nMessage-ID: <digest-1@parc>\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nContent-Transfer-Encoding: base64\r\n"), std::string::npos);
}

TEST(DigestBody, HostilePayloadsBecomeDashes) {
  const char* payloads[] = {"", "garbage \xff\xfe", "[1,2,3]", "{\"device\": 7, \"site\": {\"name\": [1]}}",
                            "{\"title\": {\"x\": 1}, \"device\": {\"name\": null, \"room\": 12}}",
                            "{\"device\": {\"name\": \"trunc"};
  for (const char* payload : payloads) {
    AlertEvent event = eventOf(1, "bogus-severity", "2026-11-23T08:00:00Z", "p");
    event.payload_json = payload;
    const std::string body = digestBody({event});
    EXPECT_NE(body.find("1. Information – disk_smart_failed\n"), std::string::npos) << payload << "\n" << body;
    EXPECT_NE(body.find("   Site : —\n"), std::string::npos) << payload;
    EXPECT_NE(body.find("   Poste : — (dev-1)\n"), std::string::npos) << payload;
    EXPECT_EQ(digestSubject({event}), "[Parc] Récapitulatif : 1 alerte, gravité maximale Information – site-Collège Jean Moulin");
  }
}

TEST(DigestBody, ManyEventsStayOneMessage) {
  std::vector<AlertEvent> events;
  for (int i = 0; i < 500; ++i) events.push_back(eventOf(i + 1, i % 7 == 0 ? "critical" : "warning",
                                                         "2026-11-23T08:00:00Z", "poste-" + std::to_string(i)));
  const std::string body = digestBody(events);
  EXPECT_NE(body.find("\n500. Avertissement"), std::string::npos);
  EXPECT_EQ(body.find("\n501. "), std::string::npos);
  EXPECT_NE(digestSubject(events).find("500 alertes"), std::string::npos);
}

}  // namespace
}  // namespace parc::server::notify
