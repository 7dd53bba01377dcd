#include "agent/collectors/smart_json.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace parc::agent::collectors {
namespace {

using nlohmann::json;

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const json* path(const json& root, std::initializer_list<std::string_view> keys) {
  const json* node = &root;
  for (const auto key : keys) {
    node = member(*node, key);
    if (!node) return nullptr;
  }
  return node;
}

OptInt integerAt(const json& root, std::initializer_list<std::string_view> keys) {
  const json* node = path(root, keys);
  if (!node) return std::nullopt;
  if (node->is_number_unsigned()) {
    const auto value = node->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(value);
  }
  if (node->is_number_integer()) return node->get<std::int64_t>();
  return std::nullopt;
}

OptBool boolAt(const json& root, std::initializer_list<std::string_view> keys) {
  const json* node = path(root, keys);
  if (!node || !node->is_boolean()) return std::nullopt;
  return node->get<bool>();
}

OptDouble numberAt(const json& root, std::initializer_list<std::string_view> keys) {
  const json* node = path(root, keys);
  if (!node || !node->is_number()) return std::nullopt;
  return node->get<double>();
}

// The raw value of one ATA attribute, by id; nullopt when the table lacks it.
OptInt ataRaw(const json& root, std::int64_t id) {
  const json* table = path(root, {"ata_smart_attributes", "table"});
  if (!table || !table->is_array()) return std::nullopt;
  for (const auto& row : *table) {
    if (integerAt(row, {"id"}) == id) return integerAt(row, {"raw", "value"});
  }
  return std::nullopt;
}

void readAta(const json& root, SmartHealth& health) {
  health.reallocated = ataRaw(root, 5);
  health.reported_uncorrectable = ataRaw(root, 187);
  health.command_timeouts = ataRaw(root, 188);
  health.reallocation_events = ataRaw(root, 196);
  health.pending = ataRaw(root, 197);
  health.uncorrectable = ataRaw(root, 198);
  health.crc_errors = ataRaw(root, 199);
}

void readNvme(const json& root, SmartHealth& health) {
  const json* log = member(root, "nvme_smart_health_information_log");
  if (!log || !log->is_object()) return;
  health.critical_warning = integerAt(*log, {"critical_warning"});
  health.available_spare = integerAt(*log, {"available_spare"});
  health.available_spare_threshold = integerAt(*log, {"available_spare_threshold"});
  health.percentage_used = integerAt(*log, {"percentage_used"});
  health.media_errors = integerAt(*log, {"media_errors"});
  if (!health.power_on_hours) health.power_on_hours = integerAt(*log, {"power_on_hours"});
  if (!health.temperature_c) health.temperature_c = numberAt(*log, {"temperature"});
}

bool positive(const OptInt& value) { return value && *value > 0; }

}  // namespace

Result<SmartHealth> parseSmartctlJson(std::string_view text) {
  const json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) return makeError("smartctl output: not valid JSON");
  if (!root.is_object()) return makeError("smartctl output: not a JSON object");
  SmartHealth health;
  health.exit_status = integerAt(root, {"smartctl", "exit_status"});
  health.passed = boolAt(root, {"smart_status", "passed"});
  health.power_on_hours = integerAt(root, {"power_on_time", "hours"});
  health.temperature_c = numberAt(root, {"temperature", "current"});
  health.grown_defects = integerAt(root, {"scsi_grown_defect_list"});
  readAta(root, health);
  readNvme(root, health);
  const int bits = static_cast<int>(health.exit_status.value_or(0));
  const bool nothing = !health.passed && !health.power_on_hours && !health.temperature_c;
  if ((bits & (kSmartBitCommandLine | kSmartBitOpenFailed)) != 0 && nothing) {
    return makeError("smartctl could not read the device (exit status " +
                     std::to_string(bits) + ")");
  }
  return health;
}

bool smartLooksFailing(const SmartHealth& health) {
  if (health.passed == false) return true;
  const auto bits = health.exit_status.value_or(0);
  if ((bits & (kSmartBitDiskFailing | kSmartBitPrefailNow)) != 0) return true;
  if (positive(health.reallocated) || positive(health.pending) || positive(health.uncorrectable) ||
      positive(health.reported_uncorrectable) || positive(health.grown_defects)) {
    return true;
  }
  if (positive(health.critical_warning) || positive(health.media_errors)) return true;
  if (health.available_spare && health.available_spare_threshold &&
      *health.available_spare < *health.available_spare_threshold) {
    return true;
  }
  return health.percentage_used && *health.percentage_used >= 100;
}

}  // namespace parc::agent::collectors
