#pragma once
// What the dashboard's room, trend, weekly-alert and activity-export reads return
// (server/store/sqlite/sqlite_rooms.cpp, sqlite_trends.cpp, sqlite_activity.cpp).
// Included by store.h, in its middle, after the types used here (Site,
// DeviceSummary, Intervention): include store.h, never this file directly.

#include <cstdint>
#include <string>
#include <vector>

namespace parc::server {

// ---- Rooms ----

struct RoomCount {
  OptString room;  // nullopt: the devices without a room
  std::int64_t device_count = 0;
  std::int64_t open_alerts = 0;  // alerts not resolved
};

struct RoomList {
  Site site;
  std::vector<RoomCount> rooms;  // by room name, devices without a room last
};

// An alert not resolved, as the room view lists it.
struct OpenAlertRef {
  std::string id, rule_id, severity, summary;
};

struct RoomDevice {
  DeviceSummary summary;
  bool has_agent = false;  // reports by itself (else: added by hand, imported, or a projector)
  std::vector<OpenAlertRef> open_alerts;  // most severe first
};

struct RoomView {
  Site site;
  OptString room;
  std::vector<RoomDevice> devices;  // by hostname, then id
};

// ---- Trends ----

// One stored state: a device's own report (a full State as shared/report_json.h
// encodes it), or for a projector a report of the PC that polls it.
struct StateSample {
  std::string collected_at;  // RFC 3339
  std::string state_json;
};

// Where a device's states come from: its own agents' reports, or, for a projector
// polled over PJLink, the reports of its poller, read at `projector_address`.
struct StateSource {
  OptString projector_address;  // set: read state.projectors[address == this]
};

// ---- Weekly alerts ----

// Alerts opened on one UTC day with one severity.
struct DailyAlertCount {
  std::string day;  // YYYY-MM-DD
  std::string severity;
  std::int64_t count = 0;
};

// ---- Activity exports ----

struct InterventionFilter {
  OptString site_id;
  OptString from, to;  // RFC 3339 UTC bounds on `at`: [from, to)
  std::int64_t limit = 1000;
  OptString cursor;  // opaque, from InterventionPage::next_cursor
};

struct InterventionRow {
  Intervention intervention;
  OptString device_name, room, site_name;
};

struct InterventionPage {
  std::vector<InterventionRow> rows;  // oldest first
  OptString next_cursor;
};

}  // namespace parc::server
