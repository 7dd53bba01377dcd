#pragma once
// What the notifier sends, built from an alert event without any I/O: which
// endpoints an event goes to, the webhook body and its signature, the French
// e-mail, and the back-off between attempts.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/store/notification_store.h"

namespace parc::server::notify {

// info 0, warning 1, critical 2; an unknown severity ranks as info.
int severityRank(std::string_view severity);

// True when `endpoint` wants `event`: same collectivity, severity at least its
// min_severity, and its site among the endpoint's sites (empty: every site).
bool endpointWants(const NotifyEndpoint& endpoint, const AlertEvent& event);

// {"event": type, "id": event id, "alert": the payload as an object}.
std::string webhookBody(const AlertEvent& event);

// "sha256=" + lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
std::string webhookSignature(std::string_view body, std::string_view secret);

// Header value encoded as RFC 2047 UTF-8 base64 words when not plain ASCII.
std::string encodeHeaderWord(std::string_view text);

struct MailEnvelope {
  std::string from, to;
  std::string message_id;  // without the angle brackets
  std::chrono::system_clock::time_point date;
};

// "Critique", "Avertissement", "Information" (an unknown severity: "Information").
std::string frenchSeverity(std::string_view severity);
// "ouverte", "prise en compte", "résolue"; another state as it is.
std::string frenchState(std::string_view state);

// The e-mail's subject: "[Parc] <sévérité> : <règle> – <poste/site>".
std::string mailSubject(const AlertEvent& event);
// The full RFC 5322 message, CRLF line ends, body base64 (text/plain UTF-8).
std::string mailMessage(const AlertEvent& event, const MailEnvelope& envelope);
// The message around any subject and plain-text body: line breaks in the subject
// become spaces (no header injection), the body goes base64.
std::string composeMail(const std::string& subject, const std::string& body, const MailEnvelope& envelope);

// base × 2^attempts, capped at `cap` (attempts: failures so far, before this one).
std::chrono::seconds retryDelay(std::int64_t attempts, std::chrono::seconds base, std::chrono::seconds cap);

}  // namespace parc::server::notify
