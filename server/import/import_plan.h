#pragma once
// An inventory CSV checked line by line against the collectivity's sites: the
// devices to import and every rejected line with its number and reason. Pure.
//
// Columns (header names, any order, case-insensitive): site (its id or exact
// name), kind, and optionally room, manufacturer, model, serial, status, and name
// (or hostname). Separator ',' or ';' (detected from the header), UTF-8 with or
// without BOM. A device needs a serial or a name: that is what a re-import matches on.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server/store/store.h"

namespace parc::server::imports {

inline constexpr std::size_t kMaxRecordBytes = 64 * 1024;
inline constexpr std::size_t kMaxFieldChars = 200;
inline constexpr std::size_t kMaxDevices = 100000;

struct Rejection {
  std::size_t line = 0;  // 1 is the header
  std::string reason;
};

struct ImportPlan {
  std::vector<ImportedDevice> devices;
  std::vector<Rejection> rejections;
  std::size_t records = 0;  // data lines read (blank lines aside)
};

// The kinds and statuses an import accepts.
const std::vector<std::string_view>& importKinds();
const std::vector<std::string_view>& importStatuses();

ImportPlan planImport(std::string_view text, const std::vector<Site>& sites);

}  // namespace parc::server::imports
