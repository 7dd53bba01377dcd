#pragma once
// Schema of the alerts (migration 8, listed in migrations.cpp): alerts, their
// notes, interventions, rule settings per collectivity, school calendars.
// Times are RFC 3339 UTC text.

#include <string_view>

namespace parc::server::sqlite {

inline constexpr std::string_view kAlertsSchema = R"sql(
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  collectivity_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  "key" TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  level TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
  summary TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '',
  opened_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  clear_count INTEGER NOT NULL DEFAULT 0,
  held INTEGER NOT NULL DEFAULT 0,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution_note TEXT
);
CREATE UNIQUE INDEX alerts_one_active ON alerts(device_id, rule_id, "key") WHERE state <> 'resolved';
CREATE INDEX alerts_device ON alerts(device_id, state);
CREATE INDEX alerts_site ON alerts(site_id, state);
CREATE INDEX alerts_rule_key ON alerts(rule_id, "key") WHERE state <> 'resolved' OR held = 1;
CREATE INDEX alert_events_alert ON alert_events(alert_id, id);
CREATE TABLE alert_notes (
  id INTEGER PRIMARY KEY,
  alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX alert_notes_alert ON alert_notes(alert_id, id);
CREATE TABLE interventions (
  id TEXT PRIMARY KEY,
  collectivity_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  alert_id TEXT REFERENCES alerts(id) ON DELETE SET NULL,
  what TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes >= 0),
  by_actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX interventions_site_at ON interventions(site_id, at);
CREATE INDEX interventions_alert ON interventions(alert_id);
CREATE INDEX interventions_device ON interventions(device_id, at);
CREATE TABLE alert_rule_settings (
  collectivity_id TEXT NOT NULL REFERENCES collectivities(id),
  rule_id TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (collectivity_id, rule_id, name)
) WITHOUT ROWID;
CREATE TABLE school_holidays (
  id INTEGER PRIMARY KEY,
  zone TEXT NOT NULL CHECK (zone IN ('A', 'B', 'C')),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX school_holidays_zone ON school_holidays(zone, starts_at);
CREATE TABLE site_closures (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX site_closures_site ON site_closures(site_id, starts_at);
CREATE TABLE site_calendars (
  site_id TEXT PRIMARY KEY REFERENCES sites(id),
  wednesday_afternoon_off INTEGER NOT NULL DEFAULT 0
);
)sql";

}  // namespace parc::server::sqlite
