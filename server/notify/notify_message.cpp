#include "server/notify/notify_message.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>

#include "server/notify/alert_payload.h"

namespace parc::server::notify {
namespace {

using nlohmann::json;

constexpr char kHex[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(chunk >> 18) & 63];
    out += kBase64[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64[chunk & 63] : '=';
  }
  return out;
}

// Lines of at most 76 characters, CRLF-terminated.
std::string wrapLines(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 76) out += text.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace

std::string frenchSeverity(std::string_view severity) {
  if (severity == "critical") return "Critique";
  if (severity == "warning") return "Avertissement";
  return "Information";
}

std::string frenchState(std::string_view state) {
  if (state == "open") return "ouverte";
  if (state == "acknowledged") return "prise en compte";
  if (state == "resolved") return "résolue";
  return std::string(state);
}

namespace {

std::string orDash(const std::string& text) { return text.empty() ? "—" : text; }

// Header values never carry a line break from the data.
std::string oneLine(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return text;
}

std::string rfc5322Date(std::chrono::system_clock::time_point at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string mailBody(const AlertEvent& event) {
  const json payload = payloadOf(event);
  const std::string title = textAt(payload, "title");
  std::string body = "Alerte Parc (" + event.type + ")\n\n";
  body += "Site : " + orDash(textAt(payload, "site", "name")) + "\n";
  body += "Salle : " + orDash(textAt(payload, "device", "room")) + "\n";
  body += "Poste : " + orDash(textAt(payload, "device", "name")) + " (" + event.device_id + ")\n";
  body += "Règle : " + (title.empty() ? event.rule_id : title + " (" + event.rule_id + ")") + "\n";
  body += "Sévérité : " + frenchSeverity(event.severity) + "\n";
  body += "État : " + frenchState(event.state) + "\n";
  body += "Date : " + event.at + "\n";
  const std::string summary = textAt(payload, "summary");
  if (!summary.empty()) body += "\n" + summary + "\n";
  const std::string details = textAt(payload, "details");
  if (!details.empty()) body += details + "\n";
  body += "\nAlerte " + event.alert_id + ", événement " + std::to_string(event.id) + ".\n";
  return body;
}

}  // namespace

int severityRank(std::string_view severity) {
  if (severity == "critical") return 2;
  if (severity == "warning") return 1;
  return 0;
}

bool endpointWants(const NotifyEndpoint& endpoint, const AlertEvent& event) {
  if (endpoint.collectivity_id != event.collectivity_id) return false;
  if (severityRank(event.severity) < severityRank(endpoint.min_severity)) return false;
  return endpoint.site_ids.empty() ||
         std::find(endpoint.site_ids.begin(), endpoint.site_ids.end(), event.site_id) != endpoint.site_ids.end();
}

std::string webhookBody(const AlertEvent& event) {
  return json{{"event", event.type}, {"id", event.id}, {"alert", payloadOf(event)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::string webhookSignature(std::string_view body, std::string_view secret) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
  std::string out = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string encodeHeaderWord(std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
  if (plain) return std::string(text);
  // Words of at most 45 input bytes, cut between UTF-8 characters.
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + 45);
    while (end < text.size() && end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string mailSubject(const AlertEvent& event) {
  const json payload = payloadOf(event);
  std::string rule = textAt(payload, "title");
  if (rule.empty()) rule = event.rule_id;
  std::string where = textAt(payload, "device", "name");
  const std::string site = textAt(payload, "site", "name");
  if (where.empty()) where = site;
  else if (!site.empty()) where += " / " + site;
  return oneLine("[Parc] " + frenchSeverity(event.severity) + " : " + rule + " – " + orDash(where));
}

std::string mailMessage(const AlertEvent& event, const MailEnvelope& envelope) {
  return composeMail(mailSubject(event), mailBody(event), envelope);
}

std::string composeMail(const std::string& subject, const std::string& body, const MailEnvelope& envelope) {
  std::string message;
  message += "Date: " + rfc5322Date(envelope.date) + "\r\n";
  message += "From: " + oneLine(envelope.from) + "\r\n";
  message += "To: " + oneLine(envelope.to) + "\r\n";
  message += "Subject: " + encodeHeaderWord(oneLine(subject)) + "\r\n";
  message += "Message-ID: <" + oneLine(envelope.message_id) + ">\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=UTF-8\r\n";
  message += "Content-Transfer-Encoding: base64\r\n";
  message += "\r\n";
  message += wrapLines(base64(body));
  return message;
}

std::chrono::seconds retryDelay(std::int64_t attempts, std::chrono::seconds base, std::chrono::seconds cap) {
  std::chrono::seconds delay = base;
  for (std::int64_t i = 0; i < attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

}  // namespace parc::server::notify
