#pragma once
// The JSON of an alert, as GET /api/v1/alerts shows it and as alert events carry
// it (AlertEvent::payload_json). One shape for both.

#include <string>

#include "server/store/store.h"

namespace parc::server::alerts {

std::string encodeAlert(const Alert& alert);

}  // namespace parc::server::alerts
