#pragma once
// What makes two enrollments the same machine. Firmware often ships placeholder
// values (an all-zero UUID, "To be filled by O.E.M."): those are shared by
// thousands of machines and must never match one machine to another.
// Pure functions; the stores use them when enrolling and ingesting.

#include <optional>
#include <string>
#include <string_view>

namespace parc::server {

// Lowercase UUID text, or nullopt when missing, malformed or a known placeholder
// (all zeros, all F, one repeated digit, "03000200-0400-0500-0006-000700080009", ...).
std::optional<std::string> usableUuid(std::string_view uuid);

// The serial with surrounding blanks removed, or nullopt when it is a placeholder
// ("To be filled by O.E.M.", "Default string", "System Serial Number", "0", "None",
// "Not Specified", "123456789", empty, one repeated character, ...).
std::optional<std::string> usableSerial(std::string_view serial);

// "aa:bb:cc:dd:ee:ff" from any of AA:BB.., aa-bb-.., aabb.ccdd.eeff, aabbccddeeff;
// nullopt when malformed, all zeros or broadcast.
std::optional<std::string> normalizeMac(std::string_view mac);

}  // namespace parc::server
