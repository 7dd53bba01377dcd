#include "server/cli/notify_commands.h"

#include <ostream>
#include <stdexcept>

#include "server/store/notification_store.h"
#include "shared/time.h"

namespace parc::server {
namespace {

NotificationStore& queueOf(Store& store) {
  auto* queue = dynamic_cast<NotificationStore*>(&store);
  if (queue == nullptr) throw std::runtime_error("this store keeps no notifications");
  return *queue;
}

std::string severityOf(const NotifyCommand& command) {
  const std::string level = command.min_severity.value_or("info");
  if (level != "info" && level != "warning" && level != "critical") {
    throw std::invalid_argument("--min-severity must be info, warning or critical");
  }
  return level;
}

// A digest window of 0 (one message per alert) up to one week.
std::chrono::seconds digestOf(const std::string& text) {
  auto window = parseDuration(text);
  if (!window || window->count() < 0 || *window > std::chrono::hours(24 * 7)) {
    throw std::invalid_argument("--digest: expected a duration from 0 to 7d, such as 15m or 1h");
  }
  return *window;
}

void checkTarget(const std::string& kind, const std::string& target) {
  if (kind == "webhook" && target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0) {
    throw std::invalid_argument("the webhook URL must start with http:// or https://");
  }
  const auto at = target.find('@');
  const bool address_ok = at != std::string::npos && at > 0 && at + 1 < target.size() &&
                          target.find_first_of(" <>\r\n,;") == std::string::npos;
  if (kind == "email" && !address_ok) throw std::invalid_argument("expected one e-mail ADDRESS");
}

void addEndpoint(NotificationStore& queue, const NotifyCommand& command, std::ostream& out) {
  const std::string& kind = command.words[0];
  if (command.words.size() != 3) throw std::invalid_argument(kind == "webhook" ? "expected one URL" : "expected one ADDRESS");
  if (!command.collectivity) throw std::invalid_argument("--collectivity is required");
  NotifyEndpoint endpoint;
  endpoint.collectivity_id = *command.collectivity;
  endpoint.kind = kind;
  endpoint.target = command.words[2];
  checkTarget(kind, endpoint.target);
  if (kind == "webhook") {
    if (!command.secret || command.secret->size() < 16) {
      throw std::invalid_argument("--secret of at least 16 characters is required for a webhook");
    }
    endpoint.secret = *command.secret;
  } else if (command.secret) {
    throw std::invalid_argument("--secret is for webhooks only");
  }
  if (command.digest && kind != "email") throw std::invalid_argument("--digest is for e-mail only");
  if (command.digest) endpoint.digest = digestOf(*command.digest);
  endpoint.min_severity = severityOf(command);
  endpoint.site_ids = command.sites;
  auto added = queue.addNotifyEndpoint(endpoint);
  if (!added) {
    throw std::runtime_error(added.error() == "not_found" ? "unknown collectivity, or a site outside it"
                                                          : added.error());
  }
  out << added->id << "\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out.empty() ? "*" : out;
}

void setDigest(NotificationStore& queue, const NotifyCommand& command) {
  if (command.words.size() != 4) throw std::invalid_argument("expected notify email digest ENDPOINT_ID DURATION");
  if (auto status = queue.setNotifyDigest(command.words[2], digestOf(command.words[3])); !status) {
    throw std::runtime_error(status.error() == "not_found" ? "no e-mail endpoint " + command.words[2]
                                                           : status.error());
  }
}

std::string digestText(const NotifyEndpoint& endpoint) {
  if (endpoint.kind != "email") return "-";
  return endpoint.digest.count() == 0 ? "per-alert" : "digest " + std::to_string(endpoint.digest.count()) + "s";
}

// Secrets are never printed.
void list(NotificationStore& queue, const NotifyCommand& command, std::ostream& out) {
  if (command.words.size() != 1) throw std::invalid_argument("notify list takes no argument");
  const Scope scope = command.collectivity ? Scope::collectivity(*command.collectivity) : Scope::everything();
  out << "endpoints:\n";
  for (const NotifyEndpoint& e : queue.listNotifyEndpoints(scope)) {
    out << e.id << "\t" << e.collectivity_id << "\t" << e.kind << "\t" << e.target << "\t" << e.min_severity
        << "\t" << joined(e.site_ids) << "\t" << digestText(e) << "\n";
  }
  out << "dead deliveries:\n";
  for (const Delivery& d : queue.listDeliveries(scope, std::string("dead"), 1000)) {
    out << d.id << "\t" << d.endpoint_id << "\tevent " << d.event_id << "\t" << d.attempts << " attempts\t"
        << d.last_error.value_or("") << "\n";
  }
}

}  // namespace

void runNotifyCommand(Store& store, const NotifyCommand& command, std::ostream& out) {
  const auto& words = command.words;
  NotificationStore& queue = queueOf(store);
  if (words.size() >= 2 && (words[0] == "webhook" || words[0] == "email") && words[1] == "add") {
    addEndpoint(queue, command, out);
  } else if (words.size() >= 2 && words[0] == "email" && words[1] == "digest") {
    setDigest(queue, command);
  } else if (!words.empty() && words[0] == "list") {
    list(queue, command, out);
  } else {
    throw std::invalid_argument("expected notify webhook add, notify email add, notify email digest or notify list");
  }
}

}  // namespace parc::server
