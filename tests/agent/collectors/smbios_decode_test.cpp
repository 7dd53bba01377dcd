// Decoding types 0-3, 17 and 22. The siderolabs tables are checked against the
// decode go-smbios expects for them (tests/fixtures/smbios-raw/*.expected.json);
// type 22 structures are built from what dmidecode printed for real batteries.

#include "agent/collectors/smbios_decode.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "agent/collectors/text.h"
#include "tests/agent/collectors/smbios_builders.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

using nlohmann::json;
using testing::readFixture;

std::string fixture(std::string_view name) { return readFixture(std::filesystem::path("smbios-raw") / name); }

// go-smbios trims, and turns invalid UTF-8 and "To Be Filled By O.E.M." into "".
std::string asGoSmbios(const OptString& raw) {
  if (!raw) return "";
  const std::string text(trim(*raw));
  if (!isValidUtf8(text) || toLower(text) == "to be filled by o.e.m.") return "";
  return text;
}

// The size in bytes go-smbios' Size / ExtendedSize fields stand for (0: empty slot).
std::int64_t expectedSize(const json& device) {
  const auto size = device["Size"].get<std::int64_t>();
  if (size == 0 || size == 0xffff) return 0;
  if (size == 0x7fff) return (device["ExtendedSize"].get<std::int64_t>() & 0x7fffffff) * 1024 * 1024;
  return (size & 0x8000) ? (size & 0x7fff) * 1024 : size * 1024 * 1024;
}

void expectSystem(const json& want, const SmbiosInfo& info) {
  ASSERT_TRUE(info.system);
  EXPECT_EQ(asGoSmbios(info.system->manufacturer), want["Manufacturer"]);
  EXPECT_EQ(asGoSmbios(info.system->product), want["ProductName"]);
  EXPECT_EQ(asGoSmbios(info.system->version), want["Version"]);
  EXPECT_EQ(asGoSmbios(info.system->serial), want["SerialNumber"]);
  EXPECT_EQ(asGoSmbios(info.system->sku), want["SKUNumber"]);
  EXPECT_EQ(asGoSmbios(info.system->family), want["Family"]);
  EXPECT_EQ(info.system->uuid.value_or(""), want["UUID"]);
}

void expectBoardAndChassis(const json& board, const json& chassis, const SmbiosInfo& info) {
  ASSERT_TRUE(info.baseboard);
  EXPECT_EQ(asGoSmbios(info.baseboard->manufacturer), board["Manufacturer"]);
  EXPECT_EQ(asGoSmbios(info.baseboard->product), board["Product"]);
  EXPECT_EQ(asGoSmbios(info.baseboard->version), board["Version"]);
  EXPECT_EQ(asGoSmbios(info.baseboard->serial), board["SerialNumber"]);
  EXPECT_EQ(asGoSmbios(info.baseboard->asset_tag), board["AssetTag"]);
  ASSERT_TRUE(info.chassis);
  EXPECT_EQ(asGoSmbios(info.chassis->manufacturer), chassis["Manufacturer"]);
  EXPECT_EQ(asGoSmbios(info.chassis->version), chassis["Version"]);
  EXPECT_EQ(asGoSmbios(info.chassis->serial), chassis["SerialNumber"]);
  // Not compared: go-smbios' AssetTagNumber is not the string at offset 0x08 the
  // specification names (its decode gives "" where the table says "Default string").
}

void expectMemory(const json& want, const SmbiosInfo& info) {
  ASSERT_EQ(info.memory_devices.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& d = info.memory_devices[i];
    const auto& w = want[i];
    SCOPED_TRACE(w["DeviceLocator"].get<std::string>());
    EXPECT_EQ(asGoSmbios(d.locator), w["DeviceLocator"]);
    EXPECT_EQ(asGoSmbios(d.bank_locator), w["BankLocator"]);
    EXPECT_EQ(asGoSmbios(d.manufacturer), w["Manufacturer"]);
    EXPECT_EQ(asGoSmbios(d.serial), w["SerialNumber"]);
    EXPECT_EQ(asGoSmbios(d.asset_tag), w["AssetTag"]);
    EXPECT_EQ(asGoSmbios(d.part_number), w["PartNumber"]);
    EXPECT_EQ(d.type_code.value_or(0), w["MemoryType"]);
    EXPECT_EQ(d.installed, w["Size"] != 0);
    EXPECT_EQ(d.size_bytes.value_or(0), expectedSize(w));
    EXPECT_EQ(d.speed_mts.value_or(0), w["Speed"]);
    EXPECT_EQ(d.configured_speed_mts.value_or(0), w["ConfiguredMemorySpeed"]);
  }
}

SmbiosInfo decodeFixture(std::string_view name) {
  const std::string bytes = fixture(name);
  // go-smbios decodes these files with a dummy version 3.3; the dump carries its own.
  auto table = bytes.starts_with("_SM") ? parseSmbiosDump(bytes) : parseBareSmbiosTable(bytes, {3, 3, 0});
  EXPECT_TRUE(table.ok()) << name << ": " << table.error();
  return table.ok() ? decodeSmbios(*table) : SmbiosInfo{};
}

class SmbiosExpected : public ::testing::TestWithParam<std::string> {};

TEST_P(SmbiosExpected, MatchesTheGoSmbiosDecode) {
  const std::string name = GetParam();
  const json want = json::parse(fixture(name + ".expected.json"));
  const SmbiosInfo info = decodeFixture(name + ".dmi");
  expectSystem(want["SystemInformation"], info);
  expectBoardAndChassis(want["BaseboardInformation"], want["SystemEnclosure"], info);
  expectMemory(want["MemoryDevices"], info);
  // go-smbios reads the Beelink dump as a bare table, so the entry point swallows the
  // BIOS structure and its expected BIOS is empty; ours comes from the structure itself.
  if (name == "Beelink-EQ12") return;
  ASSERT_TRUE(info.bios);
  EXPECT_EQ(asGoSmbios(info.bios->vendor), want["BIOSInformation"]["Vendor"]);
  EXPECT_EQ(asGoSmbios(info.bios->version), want["BIOSInformation"]["Version"]);
  EXPECT_EQ(asGoSmbios(info.bios->release_date), want["BIOSInformation"]["ReleaseDate"]);
}

INSTANTIATE_TEST_SUITE_P(Siderolabs, SmbiosExpected,
                         ::testing::Values("ASRock-Single-Ryzen", "Beelink-EQ12", "Dell-PowerEdge-R630-Dual-Xeon",
                                           "SuperMicro-Dual-Xeon", "SuperMicro-Quad-Opteron"));

TEST(SmbiosDecode, BeelinkBiosFromTheDump) {
  const SmbiosInfo info = decodeFixture("Beelink-EQ12.dmi");
  ASSERT_TRUE(info.bios);
  // The strings of the structure at offset 32 (read with `strings -n 3` on the file).
  EXPECT_EQ(info.bios->vendor, "American Megatrends International, LLC.");
  EXPECT_EQ(info.bios->version, "N95V106");
  EXPECT_EQ(info.bios->release_date, "12/15/2023");
  EXPECT_EQ(info.version.major, 3);
  EXPECT_EQ(info.version.minor, 5);
}

TEST(SmbiosDecode, SurfaceLaptopFromWindows) {
  const auto table = parseRawSmbiosData(fixture("jeffgerlap_3_2_0.dat"));
  ASSERT_TRUE(table.ok());
  const SmbiosInfo info = decodeSmbios(*table);
  ASSERT_TRUE(info.system && info.chassis);
  EXPECT_EQ(info.system->product, "Surface Laptop 3");
  EXPECT_EQ(info.system->serial, "023078193757");
  EXPECT_EQ(info.system->family, "Surface");
  EXPECT_EQ(info.chassis->asset_tag, std::nullopt);  // its string index (3) is past the 2 strings
  ASSERT_EQ(info.memory_devices.size(), 2u);
  EXPECT_EQ(info.memory_devices[0].manufacturer, "Hynix");
}

TEST(SmbiosDecode, UuidByteOrderFollowsTheVersion) {
  const std::string bytes("\x33\x22\x11\x00\x55\x44\x77\x66\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16);
  EXPECT_EQ(formatSmbiosUuid(bytes, {2, 6, 0}), "00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(formatSmbiosUuid(bytes, {2, 5, 0}), "33221100-5544-7766-8899-aabbccddeeff");
  EXPECT_EQ(formatSmbiosUuid(std::string(16, '\0'), {3, 0, 0}), std::nullopt);
  EXPECT_EQ(formatSmbiosUuid(std::string(16, '\xff'), {3, 0, 0}), std::nullopt);
  EXPECT_EQ(formatSmbiosUuid("short", {3, 0, 0}), std::nullopt);
}

TEST(SmbiosDecode, MemoryTypeNames) {
  EXPECT_EQ(memoryTypeName(0x1a), "DDR4");
  EXPECT_EQ(memoryTypeName(0x22), "DDR5");
  EXPECT_EQ(memoryTypeName(0x1e), "LPDDR4");
  EXPECT_EQ(memoryTypeName(0x18), "DDR3");
  EXPECT_EQ(memoryTypeName(0x02), std::nullopt);  // unknown
  EXPECT_EQ(memoryTypeName(0x16), std::nullopt);  // reserved
  EXPECT_EQ(memoryTypeName(-1), std::nullopt);
}

// A type 22 structure as dmidecode described it (battery-type22/ in the shared fixtures).
std::string batteryStructure(std::uint8_t chemistry, std::uint16_t capacity, std::uint8_t multiplier,
                             std::uint16_t voltage, std::uint16_t sbds_serial) {
  std::string f(0x1a, '\0');
  f[0] = 22;
  f[4] = 1; f[5] = 2; f[6] = 3; f[7] = sbds_serial ? 0 : 4; f[8] = 5;
  f[9] = static_cast<char>(chemistry);
  testing::putLittleEndian(f, 0x0a, capacity, 2);
  testing::putLittleEndian(f, 0x0c, voltage, 2);
  f[0x0e] = 6;
  f[0x0f] = 2;
  testing::putLittleEndian(f, 0x10, sbds_serial, 2);
  f[0x14] = 7;
  f[0x15] = static_cast<char>(multiplier);
  return f;
}

TEST(SmbiosDecode, PortableBatteriesCrossCheckedWithDmidecode) {
  // glpi-agent-upower-dmidecode_4.txt: Battery Bay, SMP-COS3.66, serial 3829, DELL XDY9K16,
  // Lithium Ion, 54000 mWh, 15000 mV.
  const std::string dell = testing::structure(batteryStructure(0x06, 54000, 1, 15000, 0),
                                              {"Battery Bay", "SMP-COS3.66", "0", "3829", "DELL XDY9K16", "49", "LION"});
  // glpi-agent-win10-dell-xps.txt: Sys. Battery Bay, SMP, DELL JHXPY53, 57530 mWh, 7600 mV,
  // SBDS chemistry LiP (chemistry byte "unknown"); the capacity as 5753 x 10.
  const std::string xps = testing::structure(batteryStructure(0x02, 5753, 10, 7600, 0x0a75),
                                             {"Sys. Battery Bay", "SMP", "09/15/2017", "unused", "DELL JHXPY53", "1.0", "LiP"});
  const auto table = parseBareSmbiosTable(dell + xps + testing::endOfTable(), {3, 3, 0});
  ASSERT_TRUE(table.ok()) << table.error();
  const SmbiosInfo info = decodeSmbios(*table);
  ASSERT_EQ(info.batteries.size(), 2u);
  EXPECT_EQ(info.batteries[0].location, "Battery Bay");
  EXPECT_EQ(info.batteries[0].manufacturer, "SMP-COS3.66");
  EXPECT_EQ(info.batteries[0].serial, "3829");
  EXPECT_EQ(info.batteries[0].name, "DELL XDY9K16");
  EXPECT_EQ(info.batteries[0].chemistry, "Li-ion");
  EXPECT_EQ(info.batteries[0].design_capacity_mwh, 54000);
  EXPECT_EQ(info.batteries[0].design_voltage_mv, 15000);
  EXPECT_EQ(info.batteries[1].serial, "0A75");  // SBDS serial word, as dmidecode prints it
  EXPECT_EQ(info.batteries[1].chemistry, "Li-poly");
  EXPECT_EQ(info.batteries[1].design_capacity_mwh, 57530);
}

TEST(SmbiosDecode, ShortStructuresLeaveFieldsAbsent) {
  std::string memory(0x15, '\0');  // an SMBIOS 2.1 type 17: no speed, no manufacturer
  memory[0] = 17;
  testing::putLittleEndian(memory, 0x0c, 0x8000 | 512, 2);  // 512 KiB
  memory[0x10] = 1;
  memory[0x12] = 0x0f;
  std::string battery(0x0a, '\0');
  battery[0] = 22;
  battery[4] = 9;  // a string index past the set
  const auto table = parseBareSmbiosTable(testing::structure(memory, {"SIMM1"}) + testing::structure(battery, {"x"}),
                                          {2, 1, 0});
  ASSERT_TRUE(table.ok()) << table.error();
  const SmbiosInfo info = decodeSmbios(*table);
  ASSERT_EQ(info.memory_devices.size(), 1u);
  EXPECT_EQ(info.memory_devices[0].size_bytes, 512 * 1024);
  EXPECT_EQ(info.memory_devices[0].type, "SDRAM");
  EXPECT_EQ(info.memory_devices[0].speed_mts, std::nullopt);
  EXPECT_EQ(info.memory_devices[0].manufacturer, std::nullopt);
  ASSERT_EQ(info.batteries.size(), 1u);
  EXPECT_EQ(info.batteries[0].location, std::nullopt);
  EXPECT_EQ(info.batteries[0].design_capacity_mwh, std::nullopt);
}

}  // namespace
}  // namespace parc::agent::collectors
