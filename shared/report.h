#pragma once
// The report schema parc.report/1, as plain types. Agents build it, the server
// reads it; report_json.cpp is its only JSON (de)serialiser. Every object keeps
// the keys this version does not know in `extra`, so a newer agent's fields
// survive a round trip through an older server or tool.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parc {

inline constexpr std::string_view kSchemaVersion = "parc.report/1";

// Unknown key -> its value as compact JSON text.
using Extra = std::map<std::string, std::string>;

using OptString = std::optional<std::string>;
using OptInt = std::optional<std::int64_t>;
using OptDouble = std::optional<double>;
using OptBool = std::optional<bool>;

// ---- Inventory: what the machine is made of (changes rarely) ----

struct Bios {
  OptString vendor, version, date;  // date as YYYY-MM-DD
  Extra extra;
};

struct Baseboard {
  OptString manufacturer, product, version, serial;
  Extra extra;
};

struct SystemInfo {
  OptString manufacturer, model, version, serial, uuid, sku, family, asset_tag;
  // desktop, laptop, tablet, convertible, all-in-one, mini-pc, server, vm, other
  OptString chassis;
  std::optional<Bios> bios;
  std::optional<Baseboard> baseboard;
  Extra extra;
};

struct OsInfo {
  OptString name, id, version_id, kernel, arch, hostname, timezone;
  Extra extra;
};

struct Cpu {
  OptString vendor, model;
  OptInt physical_id, cores, threads;
  OptDouble mhz;
  Extra extra;
};

struct MemoryModule {
  OptString slot, type, manufacturer, serial, part_number;
  OptInt size_bytes, speed_mts;
  Extra extra;
};

struct Memory {
  OptInt total_bytes, swap_bytes;
  std::vector<MemoryModule> modules;
  Extra extra;
};

struct Disk {
  std::string name;  // kernel name: sda, nvme0n1
  OptString model, serial, vendor, firmware, transport;  // transport: sata, nvme, usb, virtio, ...
  OptInt size_bytes;
  OptBool rotational, removable;
  Extra extra;
};

struct Filesystem {
  std::string mount;
  OptString device, type;
  OptInt size_bytes, free_bytes;
  Extra extra;
};

struct NetInterface {
  std::string name;
  OptString mac, driver, type;  // type: wired, wireless, virtual
  OptInt speed_mbps;
  std::vector<std::string> addresses;
  Extra extra;
};

struct Battery {
  std::string name;
  OptString manufacturer, model, serial, technology;
  OptInt design_capacity_uwh, full_capacity_uwh;
  Extra extra;
};

struct UsbDevice {
  std::string vendor_id, product_id;  // four lowercase hex digits
  OptString manufacturer, product, serial;
  OptString device_class;  // whiteboard, pen, touch, document-camera, printer, storage, other
  Extra extra;
};

struct Display {
  OptString connector, manufacturer, manufacturer_code, model, serial;
  OptInt product_code, year, week, width_cm, height_cm;
  OptString kind;  // monitor, projector, flat-panel, internal
  Extra extra;
};

struct Projector {
  std::string address;
  OptString name, manufacturer, model, serial, firmware, pjlink_class;
  OptString other_info, lamp_replacement, filter_replacement;  // INFO, RLMP, RFIL
  Extra extra;
};

struct Package {
  std::string name;
  OptString version, arch;
  Extra extra;
};

struct Inventory {
  SystemInfo system;
  OsInfo os;
  std::vector<Cpu> cpus;
  Memory memory;
  std::vector<Disk> disks;
  std::vector<Filesystem> filesystems;
  std::vector<NetInterface> network;
  std::vector<Battery> batteries;
  std::vector<UsbDevice> usb;
  std::vector<Display> displays;
  std::vector<Projector> projectors;
  std::vector<Package> software;
  Extra extra;
};

// ---- State: health figures, sent every interval ----

struct SmartHealth {
  OptBool passed;
  OptInt exit_status, reallocated, pending, uncorrectable, percentage_used, media_errors,
      critical_warning, available_spare, available_spare_threshold, power_on_hours;
  // ATA 187, 188, 196, 199 raw values; SCSI grown defect list (uncorrectable is ATA 198).
  OptInt reported_uncorrectable, command_timeouts, reallocation_events, crc_errors, grown_defects;
  OptDouble temperature_c;
  Extra extra;
};

struct DiskState {
  std::string name;
  std::optional<SmartHealth> smart;
  Extra extra;
};

struct FilesystemState {
  std::string mount;
  OptInt size_bytes, free_bytes;
  Extra extra;
};

struct BatteryState {
  std::string name;
  OptDouble health_pct, charge_pct;
  OptInt cycles;
  OptString status;
  Extra extra;
};

struct Temperature {
  std::string label;
  OptDouble celsius, critical_celsius;
  Extra extra;
};

struct ProjectorErrors {
  OptString fan, lamp, temperature, cover, filter, other;  // ok, warning, error
  Extra extra;
};

struct ProjectorState {
  std::string address;
  OptBool reachable;
  OptString power;  // off, on, cooling, warming
  std::optional<ProjectorErrors> errors;
  std::vector<std::int64_t> lamp_hours;
  std::vector<std::string> lamp_states;  // per lamp: on, off
  OptInt filter_hours;
  OptInt lamp_life_hours;  // rated lamp life, from the agent's configuration
  OptString poll_error;    // why the poll failed or stopped early
  Extra extra;
};

struct Peripheral {
  std::string vendor_id, product_id;
  OptString device_class;
  Extra extra;
};

struct State {
  OptInt uptime_s;
  std::vector<DiskState> disks;
  std::vector<FilesystemState> filesystems;
  std::vector<BatteryState> batteries;
  std::vector<Temperature> temperatures;
  std::vector<ProjectorState> projectors;
  std::vector<Peripheral> peripherals;
  Extra extra;
};

struct CollectorRun {
  std::string name;
  std::string status;  // ok, no_data, error
  OptInt ms;
  OptString detail;
  Extra extra;
};

struct AgentRef {
  std::string id;
  OptString version;
  Extra extra;
};

enum class ReportKind { kFull, kState };

struct Report {
  std::string schema{kSchemaVersion};
  ReportKind kind = ReportKind::kState;
  AgentRef agent;
  std::uint64_t seq = 0;
  std::string collected_at;  // RFC 3339 UTC
  OptString inventory_hash;  // "sha256:<hex>" of the canonical inventory JSON
  std::optional<Inventory> inventory;  // present exactly when kind == kFull
  State state;
  std::vector<CollectorRun> collectors;
  Extra extra;
};

std::string_view toString(ReportKind kind);

}  // namespace parc
