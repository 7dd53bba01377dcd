#pragma once
// Schema of the park as the dashboard reads it (migration 10, listed in
// migrations.cpp): site kind and address; a device's year of manufacture and
// where it came from (agent, manual, import); kinds spelled as the API spells
// them; indexes for the device list's filters and keyset sorts at 100,000 devices.

#include <string_view>

namespace parc::server::sqlite {

inline constexpr std::string_view kParkSchema = R"sql(
ALTER TABLE sites ADD COLUMN kind TEXT CHECK (kind IN ('school', 'college', 'lycee', 'annex'));
ALTER TABLE sites ADD COLUMN address TEXT;
ALTER TABLE devices ADD COLUMN built_year INTEGER;
ALTER TABLE devices ADD COLUMN source TEXT NOT NULL DEFAULT 'agent'
  CHECK (source IN ('agent', 'manual', 'import'));
UPDATE devices SET source = 'import'
  WHERE enrolled_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.device_id = devices.id)
    AND NOT EXISTS (SELECT 1 FROM projector_links p WHERE p.device_id = devices.id);
UPDATE devices SET built_year = CAST(substr(json_extract(inventory_json, '$.system.bios.date'), 1, 4) AS INTEGER)
  WHERE inventory_json IS NOT NULL
    AND json_extract(inventory_json, '$.system.bios.date') GLOB '[12][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
UPDATE devices SET kind = CASE kind
    WHEN 'all-in-one' THEN 'all_in_one' WHEN 'mini-pc' THEN 'mini_pc'
    WHEN 'document-camera' THEN 'document_camera' WHEN 'interactive-display' THEN 'flat_panel'
    ELSE kind END
  WHERE kind IN ('all-in-one', 'mini-pc', 'document-camera', 'interactive-display');
CREATE INDEX devices_by_hostname ON devices(hostname, id);
CREATE INDEX devices_by_kind ON devices(kind, id);
CREATE INDEX devices_by_status ON devices(status, id);
CREATE INDEX devices_by_manufacturer ON devices(manufacturer, id);
CREATE INDEX devices_by_model ON devices(model, id);
CREATE INDEX devices_by_os ON devices(os, id);
CREATE INDEX devices_by_last_seen ON devices(last_seen_at, id);
CREATE INDEX devices_by_built_year ON devices(built_year, id);
CREATE INDEX devices_by_room ON devices(room, id);
CREATE INDEX devices_by_site ON devices(site_id, id);
)sql";

}  // namespace parc::server::sqlite
