#include "server/notify/alert_payload.h"

namespace parc::server::notify {

using nlohmann::json;

json payloadOf(const AlertEvent& event) {
  json payload = json::parse(event.payload_json, nullptr, /*allow_exceptions=*/false);
  return payload.is_object() ? payload : json::object();
}

std::string textAt(const json& object, const char* key, const char* inner) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (inner == nullptr) return it->is_string() ? it->get<std::string>() : std::string{};
  return it->is_object() ? textAt(*it, inner) : std::string{};
}

}  // namespace parc::server::notify
