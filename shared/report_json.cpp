// The only place where the report schema meets nlohmann::json. Each schema
// object lists its fields once, in a `fields` function used in both directions.

#include "shared/report_json.h"

#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>

#include "shared/crypto.h"
#include "shared/strict_json.h"
#include "shared/time.h"

namespace parc {
namespace {

using nlohmann::json;

// ---- Field lists (one per schema object) ----

template <class V> void fields(V& v, Bios& o) {
  v("vendor", o.vendor); v("version", o.version); v("date", o.date); v.extra(o.extra);
}
template <class V> void fields(V& v, Baseboard& o) {
  v("manufacturer", o.manufacturer); v("product", o.product); v("version", o.version);
  v("serial", o.serial); v.extra(o.extra);
}
template <class V> void fields(V& v, SystemInfo& o) {
  v("manufacturer", o.manufacturer); v("model", o.model); v("version", o.version);
  v("serial", o.serial); v("uuid", o.uuid); v("sku", o.sku); v("family", o.family);
  v("asset_tag", o.asset_tag); v("chassis", o.chassis); v("bios", o.bios);
  v("baseboard", o.baseboard); v.extra(o.extra);
}
template <class V> void fields(V& v, OsInfo& o) {
  v("name", o.name); v("id", o.id); v("version_id", o.version_id); v("kernel", o.kernel);
  v("arch", o.arch); v("hostname", o.hostname); v("timezone", o.timezone); v.extra(o.extra);
}
template <class V> void fields(V& v, Cpu& o) {
  v("vendor", o.vendor); v("model", o.model); v("physical_id", o.physical_id);
  v("cores", o.cores); v("threads", o.threads); v("mhz", o.mhz); v.extra(o.extra);
}
template <class V> void fields(V& v, MemoryModule& o) {
  v("slot", o.slot); v("type", o.type); v("manufacturer", o.manufacturer); v("serial", o.serial);
  v("part_number", o.part_number); v("size_bytes", o.size_bytes); v("speed_mts", o.speed_mts);
  v.extra(o.extra);
}
template <class V> void fields(V& v, Memory& o) {
  v("total_bytes", o.total_bytes); v("swap_bytes", o.swap_bytes); v("modules", o.modules);
  v.extra(o.extra);
}
template <class V> void fields(V& v, Disk& o) {
  v.required("name", o.name); v("model", o.model); v("serial", o.serial); v("vendor", o.vendor);
  v("firmware", o.firmware); v("transport", o.transport); v("size_bytes", o.size_bytes);
  v("rotational", o.rotational); v("removable", o.removable); v.extra(o.extra);
}
template <class V> void fields(V& v, Filesystem& o) {
  v.required("mount", o.mount); v("device", o.device); v("type", o.type);
  v("size_bytes", o.size_bytes); v("free_bytes", o.free_bytes); v.extra(o.extra);
}
template <class V> void fields(V& v, NetInterface& o) {
  v.required("name", o.name); v("mac", o.mac); v("driver", o.driver); v("type", o.type);
  v("speed_mbps", o.speed_mbps); v("addresses", o.addresses); v.extra(o.extra);
}
template <class V> void fields(V& v, Battery& o) {
  v.required("name", o.name); v("manufacturer", o.manufacturer); v("model", o.model);
  v("serial", o.serial); v("technology", o.technology);
  v("design_capacity_uwh", o.design_capacity_uwh); v("full_capacity_uwh", o.full_capacity_uwh);
  v.extra(o.extra);
}
template <class V> void fields(V& v, UsbDevice& o) {
  v.required("vendor_id", o.vendor_id); v.required("product_id", o.product_id);
  v("manufacturer", o.manufacturer); v("product", o.product); v("serial", o.serial);
  v("class", o.device_class); v.extra(o.extra);
}
template <class V> void fields(V& v, Display& o) {
  v("connector", o.connector); v("manufacturer", o.manufacturer);
  v("manufacturer_code", o.manufacturer_code); v("model", o.model); v("serial", o.serial);
  v("product_code", o.product_code); v("year", o.year); v("week", o.week);
  v("width_cm", o.width_cm); v("height_cm", o.height_cm); v("kind", o.kind); v.extra(o.extra);
}
template <class V> void fields(V& v, Projector& o) {
  v.required("address", o.address); v("name", o.name); v("manufacturer", o.manufacturer);
  v("model", o.model); v("serial", o.serial); v("firmware", o.firmware);
  v("pjlink_class", o.pjlink_class); v("other_info", o.other_info);
  v("lamp_replacement", o.lamp_replacement); v("filter_replacement", o.filter_replacement);
  v.extra(o.extra);
}
template <class V> void fields(V& v, Package& o) {
  v.required("name", o.name); v("version", o.version); v("arch", o.arch); v.extra(o.extra);
}
template <class V> void fields(V& v, Inventory& o) {
  v("system", o.system); v("os", o.os); v("cpus", o.cpus); v("memory", o.memory);
  v("disks", o.disks); v("filesystems", o.filesystems); v("network", o.network);
  v("batteries", o.batteries); v("usb", o.usb); v("displays", o.displays);
  v("projectors", o.projectors); v("software", o.software); v.extra(o.extra);
}
template <class V> void fields(V& v, SmartHealth& o) {
  v("passed", o.passed); v("exit_status", o.exit_status); v("reallocated", o.reallocated);
  v("pending", o.pending); v("uncorrectable", o.uncorrectable);
  v("percentage_used", o.percentage_used); v("media_errors", o.media_errors);
  v("critical_warning", o.critical_warning); v("available_spare", o.available_spare);
  v("available_spare_threshold", o.available_spare_threshold);
  v("power_on_hours", o.power_on_hours); v("temperature_c", o.temperature_c);
  v("reported_uncorrectable", o.reported_uncorrectable); v("command_timeouts", o.command_timeouts);
  v("reallocation_events", o.reallocation_events); v("crc_errors", o.crc_errors);
  v("grown_defects", o.grown_defects); v.extra(o.extra);
}
template <class V> void fields(V& v, DiskState& o) {
  v.required("name", o.name); v("smart", o.smart); v.extra(o.extra);
}
template <class V> void fields(V& v, FilesystemState& o) {
  v.required("mount", o.mount); v("size_bytes", o.size_bytes); v("free_bytes", o.free_bytes);
  v.extra(o.extra);
}
template <class V> void fields(V& v, BatteryState& o) {
  v.required("name", o.name); v("health_pct", o.health_pct); v("charge_pct", o.charge_pct);
  v("cycles", o.cycles); v("status", o.status); v.extra(o.extra);
}
template <class V> void fields(V& v, Temperature& o) {
  v.required("label", o.label); v("celsius", o.celsius); v("critical_celsius", o.critical_celsius);
  v.extra(o.extra);
}
template <class V> void fields(V& v, ProjectorErrors& o) {
  v("fan", o.fan); v("lamp", o.lamp); v("temperature", o.temperature); v("cover", o.cover);
  v("filter", o.filter); v("other", o.other); v.extra(o.extra);
}
template <class V> void fields(V& v, ProjectorState& o) {
  v.required("address", o.address); v("reachable", o.reachable); v("power", o.power);
  v("errors", o.errors); v("lamp_hours", o.lamp_hours); v("filter_hours", o.filter_hours);
  v("lamp_states", o.lamp_states); v("lamp_life_hours", o.lamp_life_hours);
  v("poll_error", o.poll_error); v.extra(o.extra);
}
template <class V> void fields(V& v, Peripheral& o) {
  v.required("vendor_id", o.vendor_id); v.required("product_id", o.product_id);
  v("class", o.device_class); v.extra(o.extra);
}
template <class V> void fields(V& v, State& o) {
  v("uptime_s", o.uptime_s); v("disks", o.disks); v("filesystems", o.filesystems);
  v("batteries", o.batteries); v("temperatures", o.temperatures); v("projectors", o.projectors);
  v("peripherals", o.peripherals); v.extra(o.extra);
}
template <class V> void fields(V& v, CollectorRun& o) {
  v.required("name", o.name); v.required("status", o.status); v("ms", o.ms);
  v("detail", o.detail); v.extra(o.extra);
}
template <class V> void fields(V& v, AgentRef& o) {
  v.required("id", o.id); v("version", o.version); v.extra(o.extra);
}

template <class T>
concept SchemaObject = requires(T& t, int& v) { fields(v, t); };
// (`int&` stands in for any visitor: the field lists are templates on it.)

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};

// ---- Decoding ----

struct DecodeError {
  std::string path, what;
};

std::string join(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

class Decoder {
 public:
  Decoder(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) throw DecodeError{path_, "expected an object"};
  }

  template <class T> void operator()(const char* key, T& out) {
    seen_.insert(key);
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return;  // absent: stays empty
    read(*it, join(path_, key), out);
  }

  template <class T> void required(const char* key, T& out) {
    seen_.insert(key);
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) throw DecodeError{join(path_, key), "is required"};
    read(*it, join(path_, key), out);
  }

  void extra(Extra& out) {
    for (const auto& [key, value] : object_.items()) {
      if (!seen_.contains(key)) out[key] = value.dump();
    }
  }

  template <class T> static void read(const json& j, const std::string& path, T& out) {
    if constexpr (IsOptional<T>::value) {
      read(j, path, out.emplace());
    } else if constexpr (IsVector<T>::value) {
      if (!j.is_array()) throw DecodeError{path, "expected an array"};
      out.clear();
      out.reserve(j.size());
      for (std::size_t i = 0; i < j.size(); ++i) {
        read(j[i], path + "[" + std::to_string(i) + "]", out.emplace_back());
      }
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!j.is_string()) throw DecodeError{path, "expected a string"};
      out = j.get_ref<const std::string&>();
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!j.is_boolean()) throw DecodeError{path, "expected true or false"};
      out = j.get<bool>();
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      if (!j.is_number_integer() ||
          (j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(INT64_MAX))) {
        throw DecodeError{path, "expected an integer"};
      }
      out = j.get<std::int64_t>();
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
      if (!j.is_number_unsigned()) throw DecodeError{path, "expected a non-negative integer"};
      out = j.get<std::uint64_t>();
    } else if constexpr (std::is_same_v<T, double>) {
      if (!j.is_number()) throw DecodeError{path, "expected a number"};
      out = j.get<double>();
    } else {
      static_assert(SchemaObject<T>);
      Decoder sub(j, path);
      fields(sub, out);
    }
  }

 private:
  const json& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

// ---- Encoding ----

class Encoder {
 public:
  explicit Encoder(json& out) : out_(out) { out_ = json::object(); }

  template <class T> void operator()(const char* key, const T& value) {
    if constexpr (IsOptional<T>::value) {
      if (value) out_[key] = write(*value);
    } else {
      out_[key] = write(value);
    }
  }
  template <class T> void required(const char* key, const T& value) { out_[key] = write(value); }

  void extra(const Extra& extra) {
    for (const auto& [key, text] : extra) {
      if (out_.contains(key)) continue;  // a known field always wins
      out_[key] = json::parse(text, nullptr, /*allow_exceptions=*/false);
    }
  }

  template <class T> static json write(const T& value) {
    if constexpr (IsOptional<T>::value) {
      return value ? write(*value) : json(nullptr);
    } else if constexpr (IsVector<T>::value) {
      json array = json::array();
      for (const auto& item : value) array.push_back(write(item));
      return array;
    } else if constexpr (SchemaObject<T>) {
      json object;
      Encoder sub(object);
      fields(sub, const_cast<T&>(value));  // the encoder only reads
      return object;
    } else {
      return json(value);
    }
  }

 private:
  json& out_;
};

// ---- The report envelope ----

ReportKind readKind(const json& envelope) {
  const auto it = envelope.find("kind");
  if (it == envelope.end() || it->is_null()) throw DecodeError{"kind", "is required"};
  if (!it->is_string()) throw DecodeError{"kind", "expected a string"};
  if (*it == "full") return ReportKind::kFull;
  if (*it == "state") return ReportKind::kState;
  throw DecodeError{"kind", "expected \"full\" or \"state\""};
}

Report readReport(const json& envelope) {
  Report report;
  Decoder top(envelope, "");
  top.required("schema", report.schema);
  if (report.schema != kSchemaVersion) {
    throw DecodeError{"schema", "unsupported schema \"" + report.schema.substr(0, 40) +
                                    "\" (this server reads " + std::string(kSchemaVersion) + ")"};
  }
  std::string kind_text;
  top.required("kind", kind_text);
  report.kind = readKind(envelope);
  top.required("agent", report.agent);
  top.required("seq", report.seq);
  if (report.seq == 0) throw DecodeError{"seq", "must be at least 1"};
  top.required("collected_at", report.collected_at);
  if (auto t = parseRfc3339(report.collected_at); !t) throw DecodeError{"collected_at", t.error()};
  top("inventory_hash", report.inventory_hash);
  if (report.kind == ReportKind::kFull) {
    report.inventory.emplace();
    top.required("inventory", *report.inventory);
  } else if (envelope.contains("inventory")) {
    throw DecodeError{"inventory", "not allowed in a state report"};
  }
  top("state", report.state);
  top("collectors", report.collectors);
  top.extra(report.extra);
  return report;
}

template <class T>
Result<T> decodeText(std::string_view text, const std::function<T(const json&)>& read) {
  auto parsed = parseStrictJson(text);
  if (!parsed) return makeError(parsed.error());
  try {
    return read(*parsed);
  } catch (const DecodeError& e) {
    return makeError(e.path.empty() ? e.what : e.path + ": " + e.what);
  } catch (const json::exception& e) {
    return makeError(std::string("invalid report: ") + e.what());
  }
}

template <class T> T readObject(const json& j) {
  T out;
  Decoder::read(j, "", out);
  return out;
}

}  // namespace

std::string_view toString(ReportKind kind) {
  return kind == ReportKind::kFull ? "full" : "state";
}

Result<Report> decodeReport(std::string_view json_text) {
  return decodeText<Report>(json_text, readReport);
}

std::string encodeReport(const Report& report) {
  json out = json::object();
  Encoder top(out);
  top.required("schema", report.schema);
  top.required("kind", std::string(toString(report.kind)));
  top.required("agent", report.agent);
  top.required("seq", report.seq);
  top.required("collected_at", report.collected_at);
  top("inventory_hash", report.inventory_hash);
  if (report.kind == ReportKind::kFull && report.inventory) top.required("inventory", *report.inventory);
  top.required("state", report.state);
  top.required("collectors", report.collectors);
  top.extra(report.extra);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encodeInventory(const Inventory& inventory) {
  return Encoder::write(inventory).dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Inventory> decodeInventory(std::string_view json_text) {
  return decodeText<Inventory>(json_text, readObject<Inventory>);
}

std::string encodeState(const State& state) {
  return Encoder::write(state).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encodeProjectorState(const ProjectorState& projector, std::string_view source) {
  json out = Encoder::write(projector);
  out["source"] = source;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<State> decodeState(std::string_view json_text) {
  return decodeText<State>(json_text, readObject<State>);
}

std::string inventoryHash(const Inventory& inventory) {
  return "sha256:" + sha256Hex(encodeInventory(inventory));
}

}  // namespace parc
