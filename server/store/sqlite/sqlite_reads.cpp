// SqliteStore reads: device list with filters and keyset pagination, device detail,
// report log. Every query joins the site and applies the caller's scope.
#include <algorithm>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_projectors.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Conditions;
using sqlite::Connection;
using sqlite::Statement;

constexpr std::int64_t kMaxPageSize = 1000;
constexpr std::string_view kCursorPrefix = "c1";  // format version of the cursor

constexpr const char* kSummaryColumns =
    "SELECT d.id, d.site_id, s.name, s.collectivity_id, d.room, d.kind, d.status, d.hostname, "
    "d.manufacturer, d.model, d.serial, d.os, d.enrolled_at, d.last_seen_at, d.last_seq";
constexpr int kSummaryColumnCount = 15;

DeviceSummary readSummary(const Statement& row) {
  return DeviceSummary{.id = row.text(0), .site_id = row.text(1), .site_name = row.text(2),
                       .collectivity_id = row.text(3), .room = row.optText(4),
                       .kind = row.optText(5), .status = row.optText(6),
                       .hostname = row.optText(7), .manufacturer = row.optText(8),
                       .model = row.optText(9), .serial = row.optText(10), .os = row.optText(11),
                       .enrolled_at = row.optText(12), .last_seen_at = row.optText(13),
                       .last_seq = static_cast<std::uint64_t>(row.integer(14))};
}

// The cursor is the last device id of the page, hex-encoded behind a version tag.
std::string encodeCursor(const std::string& last_id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(kCursorPrefix);
  for (unsigned char c : last_id) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<std::string> decodeCursor(std::string_view cursor) {
  if (!cursor.starts_with(kCursorPrefix)) return std::nullopt;
  cursor.remove_prefix(kCursorPrefix.size());
  if (cursor.empty() || cursor.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < cursor.size(); i += 2) {
    const int high = hexValue(cursor[i]);
    const int low = hexValue(cursor[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

// q as a LIKE pattern that matches it literally, anywhere in the text.
std::string containsPattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

void addFilters(const DeviceFilter& filter, Conditions& conditions) {
  if (filter.site_id) conditions.add("d.site_id = ?", {*filter.site_id});
  if (filter.room) conditions.add("d.room = ?", {*filter.room});
  if (filter.kind) conditions.add("d.kind = ?", {*filter.kind});
  if (filter.status) conditions.add("d.status = ?", {*filter.status});
  if (filter.q && !filter.q->empty()) {
    const std::string pattern = containsPattern(*filter.q);
    conditions.add(
        "d.hostname LIKE ? ESCAPE '\\' OR d.serial LIKE ? ESCAPE '\\' OR d.model LIKE ? ESCAPE '\\' "
        "OR d.manufacturer LIKE ? ESCAPE '\\'",
        {pattern, pattern, pattern, pattern});
  }
}

// Devices in scope with this id (at most one).
Conditions deviceInScope(const Scope& scope, const std::string& device_id) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  conditions.add("d.id = ?", {device_id});
  return conditions;
}

OptString deviceFromScope(Connection& db, const Scope& scope, const std::string& device_id) {
  const Conditions conditions = deviceInScope(scope, device_id);
  Statement query = db.prepare(
      "SELECT d.id FROM devices d JOIN sites s ON s.id = d.site_id" + conditions.where(),
      "check device scope");
  query.bindAll(conditions.values());
  return query.step() ? OptString(query.text(0)) : std::nullopt;
}

void readLatestState(Connection& db, DeviceDetail& detail) {
  Statement query = db.prepare(
      "SELECT r.state_json, r.collected_at FROM reports r JOIN agents a ON a.id = r.agent_id "
      "WHERE a.device_id = ? ORDER BY r.enrollment DESC, r.seq DESC LIMIT 1",
      "read latest state");
  query.bind(1, detail.summary.id);
  if (!query.step()) {
    if (auto projector = sqlite::readProjectorState(db, detail.summary.id)) {  // no agent of its own
      detail.state_json = projector->first;
      detail.state_collected_at = projector->second;
    }
    return;
  }
  detail.state_json = query.text(0);
  detail.state_collected_at = query.text(1);
}

std::vector<ComponentChange> readHistory(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT component, change, \"key\", \"before\", \"after\", at FROM component_changes "
      "WHERE device_id = ? ORDER BY at DESC, id DESC",
      "read component history");
  query.bind(1, device_id);
  std::vector<ComponentChange> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.optText(3), query.optText(4),
                   query.text(5)});
  }
  return out;
}

}  // namespace

Result<DevicePage> SqliteStore::listDevices(const Scope& scope, const DeviceFilter& filter) {
  const std::int64_t limit = std::clamp<std::int64_t>(filter.limit, 1, kMaxPageSize);
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  addFilters(filter, conditions);
  if (filter.cursor) {
    const auto after = decodeCursor(*filter.cursor);
    if (!after) return makeError("invalid cursor");
    conditions.add("d.id > ?", {*after});
  }
  conditions.append(limit + 1);  // one more than the page: tells whether a next page exists
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<DevicePage> {
    Statement query = connection_->prepare(std::string(kSummaryColumns) +
                                               " FROM devices d JOIN sites s ON s.id = d.site_id" +
                                               conditions.where() + " ORDER BY d.id LIMIT ?",
                                           "list devices");
    query.bindAll(conditions.values());
    DevicePage page;
    while (query.step()) page.devices.push_back(readSummary(query));
    if (static_cast<std::int64_t>(page.devices.size()) > limit) {
      page.devices.resize(static_cast<std::size_t>(limit));
      page.next_cursor = encodeCursor(page.devices.back().id);
    }
    return page;
  });
}

std::optional<DeviceDetail> SqliteStore::getDevice(const Scope& scope, const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<DeviceDetail> {
    const Conditions conditions = deviceInScope(scope, device_id);
    Statement query = connection_->prepare(
        std::string(kSummaryColumns) + ", d.inventory_json, d.inventory_hash "
            "FROM devices d JOIN sites s ON s.id = d.site_id" + conditions.where(),
        "read device");
    query.bindAll(conditions.values());
    if (!query.step()) return std::nullopt;
    DeviceDetail detail;
    detail.summary = readSummary(query);
    detail.inventory_json = query.optText(kSummaryColumnCount);
    detail.inventory_hash = query.optText(kSummaryColumnCount + 1);
    readLatestState(*connection_, detail);
    detail.history = readHistory(*connection_, device_id);
    detail.kit = sqlite::readKit(*connection_, device_id);
    return detail;
  });
}

std::vector<std::pair<std::uint64_t, std::string>> SqliteStore::reportLog(const Scope& scope,
                                                                          const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    std::vector<std::pair<std::uint64_t, std::string>> out;
    if (!deviceFromScope(*connection_, scope, device_id)) return out;
    Statement query = connection_->prepare(
        "SELECT r.seq, r.kind FROM reports r JOIN agents a ON a.id = r.agent_id "
        "WHERE a.device_id = ? ORDER BY r.enrollment, r.seq",
        "read report log");
    query.bind(1, device_id);
    while (query.step()) out.emplace_back(static_cast<std::uint64_t>(query.integer(0)), query.text(1));
    return out;
  });
}

}  // namespace parc::server
