#include "server/import/import_plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <variant>

#include "server/export/text_cleaning.h"
#include "server/import/csv_records.h"
#include "server/store/built_year.h"
#include "server/store/park_vocabulary.h"

namespace parc::server::imports {
namespace {

enum class Field { site, room, kind, manufacturer, model, serial, status, name, year };

struct HeaderName {
  std::string_view text;
  Field field;
};

constexpr HeaderName kHeaderNames[] = {
    {"site", Field::site},     {"room", Field::room},       {"kind", Field::kind},
    {"manufacturer", Field::manufacturer}, {"model", Field::model}, {"serial", Field::serial},
    {"status", Field::status}, {"name", Field::name},       {"hostname", Field::name},
    {"year", Field::year},     {"built_year", Field::year}, {"annee", Field::year}, {"année", Field::year},
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool contains(const std::vector<std::string_view>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The column index of each field, or the reason the header is refused.
struct Header {
  std::map<Field, std::size_t> columns;
  std::size_t count = 0;
  std::optional<std::string> error;
};

Header readHeader(const CsvRecord& record) {
  Header header;
  header.count = record.fields.size();
  if (record.error) return {.columns = {}, .count = 0, .error = *record.error};
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string name = lower(trim(record.fields[i]));
    const auto* known = std::find_if(std::begin(kHeaderNames), std::end(kHeaderNames),
                                     [&](const HeaderName& h) { return h.text == name; });
    if (known == std::end(kHeaderNames)) {
      header.error = "unknown column \"" + exports::validUtf8(name.substr(0, 40)) + "\"";
      return header;
    }
    if (!header.columns.emplace(known->field, i).second) {
      header.error = "column \"" + name + "\" given twice";
      return header;
    }
  }
  if (!header.columns.contains(Field::site) || !header.columns.contains(Field::kind)) {
    header.error = "the header needs at least the columns site and kind";
  }
  return header;
}

class SiteIndex {
 public:
  explicit SiteIndex(const std::vector<Site>& sites) {
    for (const Site& site : sites) {
      ids_.insert(site.id);
      names_.emplace(site.name, site.id);
    }
  }
  // The site id, or the reason it is refused.
  std::pair<std::string, std::string> resolve(const std::string& text) const {
    if (ids_.contains(text)) return {text, ""};
    const auto [first, last] = names_.equal_range(text);
    if (first == last) return {"", "unknown site \"" + text + "\""};
    if (std::next(first) != last) return {"", "site name \"" + text + "\" is ambiguous: give its id"};
    return {first->second, ""};
  }

 private:
  std::set<std::string> ids_;
  std::multimap<std::string, std::string> names_;
};

// Duplicates inside the file: by serial, or (site, room, kind, name) without one.
class Duplicates {
 public:
  std::optional<std::size_t> seen(const ImportedDevice& device) {
    if (device.serial) {
      const auto [it, fresh] = serials_.emplace(*device.serial, device.line);
      return fresh ? std::nullopt : std::optional(it->second);
    }
    const auto key = std::make_tuple(device.site_id, device.room.value_or(""), device.kind,
                                     device.hostname.value_or(""));
    const auto [it, fresh] = names_.emplace(key, device.line);
    return fresh ? std::nullopt : std::optional(it->second);
  }

 private:
  std::map<std::string, std::size_t> serials_;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::size_t> names_;
};

std::optional<std::string> checkBytes(const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    if (field.find('\0') != std::string::npos) return "NUL byte in the line";
    if (exports::validUtf8(field) != field) return "invalid UTF-8 (save the file as UTF-8)";
    if (field.size() > kMaxFieldChars * 4) return "a field longer than " + std::to_string(kMaxFieldChars) + " characters";
  }
  return std::nullopt;
}

// "2019": a year of manufacture in range, or nullopt.
OptInt builtYearFromText(const std::string& text) {
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const std::int64_t year = std::stoll(text);
  if (year < kEarliestBuiltYear || year > kLatestBuiltYear) return std::nullopt;
  return year;
}

OptString optionalField(const CsvRecord& record, const Header& header, Field field) {
  const auto it = header.columns.find(field);
  if (it == header.columns.end()) return std::nullopt;
  std::string value = trim(record.fields[it->second]);
  if (value.empty()) return std::nullopt;
  return value;
}

// The device of one data line, or the reason it is rejected.
std::variant<ImportedDevice, std::string> readDevice(const CsvRecord& record, const Header& header,
                                                     const SiteIndex& sites) {
  if (record.error) return *record.error;
  if (record.fields.size() != header.count) {
    return "expected " + std::to_string(header.count) + " fields, found " + std::to_string(record.fields.size());
  }
  if (auto bad = checkBytes(record.fields)) return *bad;
  ImportedDevice device;
  device.line = record.line;
  const auto site = optionalField(record, header, Field::site);
  if (!site) return std::string("no site");
  auto [site_id, site_error] = sites.resolve(*site);
  if (!site_error.empty()) return site_error;
  device.site_id = site_id;
  const auto kind = optionalField(record, header, Field::kind);
  if (!kind) return std::string("no kind");
  device.kind = canonicalKind(lower(*kind));
  if (!contains(importKinds(), device.kind)) return "unknown kind \"" + *kind + "\"";
  device.status = lower(optionalField(record, header, Field::status).value_or("in_service"));
  if (!contains(importStatuses(), device.status)) return "unknown status \"" + device.status + "\"";
  device.room = optionalField(record, header, Field::room);
  device.manufacturer = optionalField(record, header, Field::manufacturer);
  device.model = optionalField(record, header, Field::model);
  device.serial = optionalField(record, header, Field::serial);
  device.hostname = optionalField(record, header, Field::name);
  if (!device.serial && !device.hostname) return std::string("neither serial nor name: a device needs one");
  if (const auto year = optionalField(record, header, Field::year)) {
    device.built_year = builtYearFromText(*year);
    if (!device.built_year) return "year \"" + *year + "\": expected a year from 1980 to 2100";
  }
  return device;
}

std::string_view withoutBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

}  // namespace

const std::vector<std::string_view>& importKinds() {
  static const std::vector<std::string_view> kKinds = {
      "desktop", "laptop", "tablet", "convertible", "all_in_one", "mini_pc", "thin_client", "server", "vm",
      "other", "projector", "whiteboard", "flat_panel", "document_camera", "printer", "network"};
  return kKinds;
}

const std::vector<std::string_view>& importStatuses() {
  static const std::vector<std::string_view> kStatuses = {"in_service", "in_stock", "in_repair", "reusable",
                                                           "to_retire",  "retired",  "lost"};
  return kStatuses;
}

ImportPlan planImport(std::string_view text, const std::vector<Site>& sites) {
  ImportPlan plan;
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    plan.rejections.push_back({1, "the file is UTF-16: save it as UTF-8"});
    return plan;
  }
  text = withoutBom(text);
  CsvRecordReader reader(text, detectSeparator(text), kMaxRecordBytes);
  auto first = reader.next();
  if (!first || first->blank) {
    plan.rejections.push_back({1, "no header line"});
    return plan;
  }
  const Header header = readHeader(*first);
  if (header.error) {
    plan.rejections.push_back({1, *header.error});
    return plan;
  }
  const SiteIndex index(sites);
  Duplicates duplicates;
  while (auto record = reader.next()) {
    if (record->blank) continue;
    ++plan.records;
    if (plan.devices.size() >= kMaxDevices) {
      plan.rejections.push_back({record->line, "more than " + std::to_string(kMaxDevices) + " devices in one file"});
      continue;
    }
    auto device = readDevice(*record, header, index);
    if (auto* reason = std::get_if<std::string>(&device)) {
      plan.rejections.push_back({record->line, exports::validUtf8(*reason)});
    } else if (auto earlier = duplicates.seen(std::get<ImportedDevice>(device))) {
      const auto& d = std::get<ImportedDevice>(device);
      plan.rejections.push_back(
          {record->line, d.serial ? "duplicate serial \"" + *d.serial + "\" (line " + std::to_string(*earlier) + ")"
                                  : "duplicate device (line " + std::to_string(*earlier) + ")"});
    } else {
      plan.devices.push_back(std::move(std::get<ImportedDevice>(device)));
    }
  }
  return plan;
}

}  // namespace parc::server::imports
