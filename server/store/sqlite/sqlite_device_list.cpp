// SqliteStore::listDevices: filters, one of ten sort keys, keyset pagination and
// the total. The cursor carries the sort it was made for, the last row's sort
// value and its id; each page is one index range read (sqlite_park_schema.h), so
// a deep page costs what the first one does.
#include <algorithm>

#include "server/store/park_vocabulary.h"
#include "server/store/sqlite/sqlite_device_list.h"
#include "server/store/sqlite/sqlite_device_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Conditions;
using sqlite::SqlValue;
using sqlite::Statement;

constexpr std::int64_t kMaxPageSize = 1000;
constexpr std::string_view kCursorPrefix = "c2";  // format version of the cursor
constexpr char kSeparator = '\x1f';
constexpr const char* kDeviceFromInSortOrder = " FROM devices d CROSS JOIN sites s ON s.id = d.site_id";

struct SortColumn {
  const char* expression;
  bool integer;
  bool reversed;  // age ascending is built_year descending
};

SortColumn sortColumn(DeviceSort key) {
  switch (key) {
    case DeviceSort::hostname: return {"d.hostname", false, false};
    case DeviceSort::kind: return {"d.kind", false, false};
    case DeviceSort::status: return {"d.status", false, false};
    case DeviceSort::manufacturer: return {"d.manufacturer", false, false};
    case DeviceSort::model: return {"d.model", false, false};
    case DeviceSort::os: return {"d.os", false, false};
    case DeviceSort::last_seen_at: return {"d.last_seen_at", false, false};
    case DeviceSort::age: return {"d.built_year", true, true};
    case DeviceSort::site: return {"s.name", false, false};
    case DeviceSort::room: return {"d.room", false, false};
  }
  return {"d.hostname", false, false};
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
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

std::optional<std::string> unhex(std::string_view text) {
  if (text.empty() || text.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hexValue(text[i]);
    const int low = hexValue(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

std::string sortTag(const DeviceFilter& filter) {
  return std::string(sortName(filter.sort)) + (filter.descending ? ":d" : ":a");
}

// The sort value of a row: nullopt for NULL, else the text (integers in decimal).
OptString sortValue(const DeviceSummary& d, DeviceSort key) {
  switch (key) {
    case DeviceSort::hostname: return d.hostname;
    case DeviceSort::kind: return d.kind;
    case DeviceSort::status: return d.status;
    case DeviceSort::manufacturer: return d.manufacturer;
    case DeviceSort::model: return d.model;
    case DeviceSort::os: return d.os;
    case DeviceSort::last_seen_at: return d.last_seen_at;
    case DeviceSort::age: return d.built_year ? OptString(std::to_string(*d.built_year)) : std::nullopt;
    case DeviceSort::site: return d.site_name;
    case DeviceSort::room: return d.room;
  }
  return std::nullopt;
}

std::string encodeCursor(const DeviceFilter& filter, const DeviceSummary& last) {
  const OptString value = sortValue(last, filter.sort);
  std::string payload = sortTag(filter) + kSeparator + last.id + kSeparator + (value ? "v" + *value : "n");
  return std::string(kCursorPrefix) + hex(payload);
}

struct CursorPosition {
  std::string id;
  OptString value;
};

Result<CursorPosition> decodeCursor(const DeviceFilter& filter, std::string_view cursor) {
  if (!cursor.starts_with(kCursorPrefix)) return makeError("invalid cursor");
  const auto payload = unhex(cursor.substr(kCursorPrefix.size()));
  if (!payload) return makeError("invalid cursor");
  const auto first = payload->find(kSeparator);
  const auto second = first == std::string::npos ? first : payload->find(kSeparator, first + 1);
  if (second == std::string::npos) return makeError("invalid cursor");
  if (payload->substr(0, first) != sortTag(filter)) return makeError("cursor: made for another sort");
  CursorPosition position{payload->substr(first + 1, second - first - 1), std::nullopt};
  const std::string value = payload->substr(second + 1);
  if (value.empty() || (value[0] != 'v' && value != "n") || position.id.empty()) {
    return makeError("invalid cursor");
  }
  if (value[0] == 'v') position.value = value.substr(1);
  return position;
}

bool ascendingColumn(const DeviceFilter& filter) {
  return filter.descending == sortColumn(filter.sort).reversed;
}

SqlValue boundValue(const SortColumn& column, const std::string& value) {
  if (!column.integer) return value;
  try {
    return static_cast<std::int64_t>(std::stoll(value));
  } catch (const std::exception&) {
    return std::int64_t{0};
  }
}

// Rows after the cursor in (column, id) order; NULLs come first ascending.
void addAfter(const DeviceFilter& filter, const CursorPosition& position, Conditions& conditions) {
  const SortColumn column = sortColumn(filter.sort);
  const std::string expr = column.expression;
  const bool ascending = ascendingColumn(filter);
  if (!position.value) {
    if (ascending) {
      conditions.add("(" + expr + " IS NULL AND d.id > ?) OR " + expr + " IS NOT NULL", {position.id});
    } else {
      conditions.add(expr + " IS NULL AND d.id < ?", {position.id});
    }
    return;
  }
  const SqlValue value = boundValue(column, *position.value);
  if (ascending) {
    conditions.add("(" + expr + ", d.id) > (?, ?)", {value, position.id});
  } else {
    conditions.add("(" + expr + ", d.id) < (?, ?) OR " + expr + " IS NULL", {value, position.id});
  }
}

std::string orderBy(const DeviceFilter& filter) {
  const char* direction = ascendingColumn(filter) ? " ASC" : " DESC";
  return std::string(" ORDER BY ") + sortColumn(filter.sort).expression + direction + ", d.id" + direction;
}

std::int64_t countMatching(sqlite::Connection& db, const Conditions& conditions) {
  Statement query = db.prepare(std::string("SELECT COUNT(*)") + sqlite::kDeviceFrom + conditions.where(),
                               "count devices");
  query.bindAll(conditions.values());
  return query.step() ? query.integer(0) : 0;
}

}  // namespace

namespace sqlite {

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

void addDeviceFilters(const DeviceFilter& filter, std::int64_t current_year, Conditions& conditions) {
  if (filter.site_id) conditions.add("d.site_id = ?", {*filter.site_id});
  if (filter.room) conditions.add("d.room = ?", {*filter.room});
  if (filter.kind) conditions.add("d.kind = ?", {*filter.kind});
  if (filter.status) conditions.add("d.status = ?", {*filter.status});
  if (filter.manufacturer) conditions.add("d.manufacturer = ?", {*filter.manufacturer});
  if (filter.model) conditions.add("d.model = ?", {*filter.model});
  if (filter.os) conditions.add("d.os = ?", {*filter.os});
  if (filter.age_min) conditions.add("d.built_year <= ?", {current_year - *filter.age_min});
  if (filter.age_max) conditions.add("d.built_year >= ?", {current_year - *filter.age_max});
  if (filter.q && !filter.q->empty()) {
    const std::string pattern = containsPattern(*filter.q);
    conditions.add(
        "d.hostname LIKE ? ESCAPE '\\' OR d.serial LIKE ? ESCAPE '\\' OR d.model LIKE ? ESCAPE '\\' "
        "OR d.manufacturer LIKE ? ESCAPE '\\'",
        {pattern, pattern, pattern, pattern});
  }
}

std::int64_t yearOf(TimePoint now) {
  return static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
}

}  // namespace sqlite

Result<DevicePage> SqliteStore::listDevices(const Scope& scope, const DeviceFilter& filter) {
  const std::int64_t limit = std::clamp<std::int64_t>(filter.limit, 1, kMaxPageSize);
  Conditions matching;
  sqlite::addScope(scope, "s", matching);
  sqlite::addDeviceFilters(filter, sqlite::yearOf(clock_()), matching);
  Conditions page_conditions = matching;
  if (filter.cursor) {
    auto position = decodeCursor(filter, *filter.cursor);
    if (!position) return makeError(position.error());
    addAfter(filter, *position, page_conditions);
  }
  page_conditions.append(limit + 1);  // one more than the page: tells whether a next page exists
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<DevicePage> {
    // CROSS JOIN keeps devices the outer loop: the sort's index is read in order and
    // the scan stops at the page's end, instead of sorting every device in scope.
    Statement query = connection_->prepare(std::string(sqlite::kSummaryColumns) + kDeviceFromInSortOrder +
                                               page_conditions.where() + orderBy(filter) + " LIMIT ?",
                                           "list devices");
    query.bindAll(page_conditions.values());
    DevicePage page;
    while (query.step()) page.devices.push_back(sqlite::readSummary(query));
    if (static_cast<std::int64_t>(page.devices.size()) > limit) {
      page.devices.resize(static_cast<std::size_t>(limit));
      page.next_cursor = encodeCursor(filter, page.devices.back());
    }
    if (filter.count_total) page.total = countMatching(*connection_, matching);
    return page;
  });
}

}  // namespace parc::server
