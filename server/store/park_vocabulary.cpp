#include "server/store/park_vocabulary.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

namespace parc::server {
namespace {

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

constexpr std::pair<std::string_view, std::string_view> kOlderKinds[] = {
    {"all-in-one", "all_in_one"},           {"mini-pc", "mini_pc"},
    {"document-camera", "document_camera"}, {"interactive-display", "flat_panel"},
    {"thin-client", "thin_client"},         {"flat-panel", "flat_panel"},
};

constexpr std::pair<std::string_view, DeviceSort> kSortNames[] = {
    {"hostname", DeviceSort::hostname}, {"kind", DeviceSort::kind},
    {"status", DeviceSort::status},     {"manufacturer", DeviceSort::manufacturer},
    {"model", DeviceSort::model},       {"os", DeviceSort::os},
    {"last_seen_at", DeviceSort::last_seen_at}, {"age", DeviceSort::age},
    {"site", DeviceSort::site},         {"room", DeviceSort::room},
};

}  // namespace

bool isDeviceKind(std::string_view kind) { return contains(kDeviceKinds, kind); }
bool isDeviceStatus(std::string_view status) { return contains(kDeviceStatuses, status); }
bool isSiteKind(std::string_view kind) { return contains(kSiteKinds, kind); }

std::string canonicalKind(std::string_view kind) {
  for (const auto& [older, current] : kOlderKinds) {
    if (kind == older) return std::string(current);
  }
  return std::string(kind);
}

std::optional<SortChoice> parseDeviceSort(std::string_view text) {
  SortChoice choice;
  if (text.starts_with('-')) {
    choice.descending = true;
    text.remove_prefix(1);
  }
  for (const auto& [name, key] : kSortNames) {
    if (text == name) {
      choice.key = key;
      return choice;
    }
  }
  return std::nullopt;
}

std::string_view sortName(DeviceSort key) {
  for (const auto& [name, value] : kSortNames) {
    if (value == key) return name;
  }
  return "hostname";
}

}  // namespace parc::server
