#pragma once
// The lookups enrollment runs to find a machine already in the park (same UUID,
// else serial, else a shared MAC), within one collectivity, oldest device first.
// Kept here, apart, so a test can check that each is an index search whatever the
// park's size (tests/server/store/sqlite_device_lookup_test.cpp).

namespace parc::server::sqlite {

// Parameters: the value sought, then the collectivity id.
inline constexpr const char* kDeviceByUuid =
    "SELECT d.id FROM devices d WHERE lower(d.uuid) = ? "
    "AND d.site_id IN (SELECT id FROM sites WHERE collectivity_id = ?) ORDER BY d.enrolled_at, d.id LIMIT 1";
inline constexpr const char* kDeviceBySerial =
    "SELECT d.id FROM devices d WHERE d.serial = ? "
    "AND d.site_id IN (SELECT id FROM sites WHERE collectivity_id = ?) ORDER BY d.enrolled_at, d.id LIMIT 1";
// CROSS JOIN keeps device_macs as the outer loop (a lookup by its mac index): left
// to itself, the planner walked every device of the collectivity's sites and probed
// each one's MACs, so each enrollment was slower than the last.
inline constexpr const char* kDeviceByMac =
    "SELECT d.id FROM device_macs m CROSS JOIN devices d ON d.id = m.device_id WHERE m.mac = ? "
    "AND d.site_id IN (SELECT id FROM sites WHERE collectivity_id = ?) ORDER BY d.enrolled_at, d.id LIMIT 1";

}  // namespace parc::server::sqlite
