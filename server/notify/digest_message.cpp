#include "server/notify/digest_message.h"

#include <algorithm>
#include <set>

#include "server/notify/alert_payload.h"

namespace parc::server::notify {
namespace {

using nlohmann::json;

constexpr std::string_view kAlertPathPrefix = "/api/v1/alerts/";

// Data from devices and people stays on its line: control characters become spaces.
std::string flat(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; },
                  ' ');
  return text;
}

std::string orDash(const std::string& text) { return text.empty() ? "—" : flat(text); }

std::string frenchChange(const AlertEvent& event) {
  if (event.type == "opened") return "ouverture";
  if (event.type == "updated") return "mise à jour";
  if (event.type == "acknowledged") return "prise en compte";
  if (event.type == "resolved") return "résolution";
  if (event.type == "note") return "note ajoutée";
  if (event.type == "intervention") return "intervention notée";
  return flat(event.type);
}

std::string countOf(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " alerte" : " alertes");
}

std::string siteName(const AlertEvent& event) {
  const std::string name = textAt(payloadOf(event), "site", "name");
  return name.empty() ? event.site_id : name;
}

std::string entry(std::size_t number, const AlertEvent& event) {
  const json payload = payloadOf(event);
  const std::string title = textAt(payload, "title");
  std::string out = std::to_string(number) + ". " + frenchSeverity(event.severity) + " – " +
                    (title.empty() ? flat(event.rule_id) : flat(title) + " (" + flat(event.rule_id) + ")") + "\n";
  out += "   Site : " + orDash(textAt(payload, "site", "name")) + "\n";
  out += "   Salle : " + orDash(textAt(payload, "device", "room")) + "\n";
  out += "   Poste : " + orDash(textAt(payload, "device", "name")) + " (" + flat(event.device_id) + ")\n";
  out += "   Changement : " + frenchChange(event) + ", alerte " + frenchState(event.state) + "\n";
  out += "   Date : " + flat(event.at) + "\n";
  out += "   Lien : " + std::string(kAlertPathPrefix) + flat(event.alert_id) + "\n";
  return out;
}

}  // namespace

std::vector<AlertEvent> digestOrder(std::vector<AlertEvent> events) {
  std::stable_sort(events.begin(), events.end(), [](const AlertEvent& a, const AlertEvent& b) {
    const int ra = severityRank(a.severity), rb = severityRank(b.severity);
    if (ra != rb) return ra > rb;
    if (a.at != b.at) return a.at < b.at;
    return a.id < b.id;
  });
  return events;
}

std::string digestSubject(const std::vector<AlertEvent>& events) {
  int worst = 0;
  std::set<std::string> sites;
  for (const AlertEvent& event : events) {
    worst = std::max(worst, severityRank(event.severity));
    sites.insert(siteName(event));
  }
  constexpr const char* kSeverities[] = {"info", "warning", "critical"};
  std::string subject = "[Parc] Récapitulatif : " + countOf(events.size()) + ", gravité maximale " +
                        frenchSeverity(kSeverities[worst]);
  if (sites.size() == 1) subject += " – " + orDash(*sites.begin());
  if (sites.size() > 1) subject += " – " + std::to_string(sites.size()) + " sites";
  return flat(subject);
}

std::string digestBody(const std::vector<AlertEvent>& events) {
  const std::vector<AlertEvent> ordered = digestOrder(events);
  std::string body = "Récapitulatif des alertes Parc : " + countOf(ordered.size()) + ".\n";
  if (!ordered.empty()) {
    const auto [first, last] = std::minmax_element(ordered.begin(), ordered.end(),
                                                   [](const AlertEvent& a, const AlertEvent& b) { return a.at < b.at; });
    body += "Du " + flat(first->at) + " au " + flat(last->at) + ", la plus grave d'abord.\n";
  }
  std::size_t number = 0;
  for (const AlertEvent& event : ordered) body += "\n" + entry(++number, event);
  body += "\nLes liens mènent à l'API de Parc (GET, avec un jeton d'accès).\n";
  return body;
}

std::string digestMessage(const std::vector<AlertEvent>& events, const MailEnvelope& envelope) {
  return composeMail(digestSubject(events), digestBody(events), envelope);
}

}  // namespace parc::server::notify
