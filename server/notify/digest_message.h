#pragma once
// The e-mail digest: the alert events of one window gathered in one French
// message, built without any I/O. Worst severity first, then in the order they
// happened; every line of data is kept on one line.

#include <string>
#include <vector>

#include "server/notify/notify_message.h"
#include "server/store/store.h"

namespace parc::server::notify {

// Events in the digest's order: severity, worst first; then time; then id.
std::vector<AlertEvent> digestOrder(std::vector<AlertEvent> events);

// "[Parc] Récapitulatif : 3 alertes, gravité maximale Critique – <site or "2 sites">".
std::string digestSubject(const std::vector<AlertEvent>& events);

// One numbered entry per event: severity, rule, site, room, device, state change,
// time, and the API path of the alert.
std::string digestBody(const std::vector<AlertEvent>& events);

// The full RFC 5322 message (composeMail) of the events, ordered by digestOrder.
std::string digestMessage(const std::vector<AlertEvent>& events, const MailEnvelope& envelope);

}  // namespace parc::server::notify
