#pragma once
// The park's fixed vocabularies (docs/dashboard-api.md): device kinds, lifecycle
// statuses, site kinds and the device list's sort keys. Pure.

#include <optional>
#include <string>
#include <string_view>

#include "server/store/store.h"

namespace parc::server {

inline constexpr std::string_view kDeviceKinds[] = {
    "desktop",  "laptop",    "tablet",     "convertible", "all_in_one",      "mini_pc", "thin_client", "server",
    "vm",       "projector", "whiteboard", "flat_panel",  "document_camera", "printer", "other"};

inline constexpr std::string_view kDeviceStatuses[] = {"in_service", "in_repair",  "in_stock",
                                                       "reusable",   "to_retire", "retired"};

inline constexpr std::string_view kSiteKinds[] = {"school", "college", "lycee", "annex"};

bool isDeviceKind(std::string_view kind);
bool isDeviceStatus(std::string_view status);
bool isSiteKind(std::string_view kind);

// A kind as the contract spells it: older spellings ("all-in-one", "mini-pc",
// "document-camera", "interactive-display") map to theirs; unknown text is kept.
std::string canonicalKind(std::string_view kind);

// "hostname", "-age", ...: the sort key and whether it is descending.
struct SortChoice {
  DeviceSort key = DeviceSort::hostname;
  bool descending = false;
};
std::optional<SortChoice> parseDeviceSort(std::string_view text);
std::string_view sortName(DeviceSort key);

}  // namespace parc::server
