#pragma once
// Reading an alert event's JSON payload, shared by the single alert mail, the
// webhook and the digest. Included by those .cpp files only (it brings
// nlohmann/json along).

#include <nlohmann/json.hpp>
#include <string>

#include "server/store/notification_store.h"

namespace parc::server::notify {

// The payload as an object; garbage or a non-object becomes an empty object.
nlohmann::json payloadOf(const AlertEvent& event);

// A string member (of `inner` inside `key` when given); anything else: empty.
std::string textAt(const nlohmann::json& object, const char* key, const char* inner = nullptr);

}  // namespace parc::server::notify
