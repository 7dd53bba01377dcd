// The SMBIOS container formats and the structure walk, on the real tables of
// tests/fixtures/smbios-raw (SOURCES.md) and on broken copies of them.

#include "agent/collectors/smbios_table.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/agent/collectors/smbios_builders.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

using testing::entryPoint32;
using testing::entryPoint64;
using testing::readFixture;

constexpr const char* kBareTables[] = {"ASRock-Single-Ryzen.dmi", "Dell-PowerEdge-R630-Dual-Xeon.dmi",
                                       "SuperMicro-Dual-Xeon.dmi", "SuperMicro-Quad-Opteron.dmi"};

std::string fixture(std::string_view name) { return readFixture(std::filesystem::path("smbios-raw") / name); }

// The Surface Laptop 3 table without its 8-byte RawSMBIOSData header.
std::string surfaceTable() { return fixture("jeffgerlap_3_2_0.dat").substr(8); }

TEST(SmbiosTable, BareTablesWalkToTheEnd) {
  for (const char* name : kBareTables) {
    const std::string bytes = fixture(name);
    const auto table = parseBareSmbiosTable(bytes, {3, 3, 0});
    ASSERT_TRUE(table.ok()) << name << ": " << table.error();
    EXPECT_EQ(table->structures.back().type, kSmbiosEndOfTable) << name;
    EXPECT_EQ(table->version.major, 3);
  }
}

TEST(SmbiosTable, DmidecodeDumpWithSm3EntryPoint) {
  const std::string file = fixture("Beelink-EQ12.dmi");
  const auto ep = parseSmbiosEntryPoint(file);
  ASSERT_TRUE(ep.ok()) << ep.error();
  EXPECT_TRUE(ep->is_64bit);
  EXPECT_EQ(ep->version.major, static_cast<unsigned char>(file[7]));
  EXPECT_EQ(ep->version.minor, static_cast<unsigned char>(file[8]));
  EXPECT_EQ(ep->table_address, 32u);
  const auto table = parseSmbiosDump(file);
  ASSERT_TRUE(table.ok()) << table.error();
  EXPECT_EQ(table->structures.front().type, 0);  // the BIOS structure right after the entry point
  EXPECT_EQ(table->structures.front().offset, 0u);
  // The SM3 length is a maximum: this table is shorter and has no type 127.
  EXPECT_LT(file.size() - 32, ep->table_length);
}

TEST(SmbiosTable, WindowsRawSmbiosData) {
  const std::string file = fixture("jeffgerlap_3_2_0.dat");
  const auto table = parseRawSmbiosData(file);
  ASSERT_TRUE(table.ok()) << table.error();
  EXPECT_EQ(table->version.major, file[1]);
  EXPECT_EQ(table->version.minor, file[2]);
  EXPECT_EQ(table->structures.back().type, kSmbiosEndOfTable);
  std::string cut = file;
  cut.resize(file.size() - 1);
  EXPECT_FALSE(parseRawSmbiosData(cut).ok());
  EXPECT_FALSE(parseRawSmbiosData(file.substr(0, 5)).ok());
}

TEST(SmbiosTable, SysfsWithEitherEntryPoint) {
  const std::string table = surfaceTable();
  const auto reference = parseBareSmbiosTable(table, {3, 2, 0});
  ASSERT_TRUE(reference.ok());
  const auto count = static_cast<std::uint16_t>(reference->structures.size());
  const auto with64 = parseSysfsSmbios(entryPoint64(3, 2, 0, static_cast<std::uint32_t>(table.size())), table);
  ASSERT_TRUE(with64.ok()) << with64.error();
  EXPECT_EQ(with64->structures.size(), reference->structures.size());
  EXPECT_EQ(with64->version.minor, 2);
  const auto with32 = parseSysfsSmbios(entryPoint32(2, 8, static_cast<std::uint16_t>(table.size()), count), table);
  ASSERT_TRUE(with32.ok()) << with32.error();
  EXPECT_EQ(with32->structures.size(), reference->structures.size());
  EXPECT_EQ(with32->version.major, 2);
  EXPECT_EQ(with32->version.minor, 8);
}

TEST(SmbiosTable, DumpWith32BitEntryPoint) {
  const std::string table = surfaceTable();
  const std::string dump = entryPoint32(3, 2, static_cast<std::uint16_t>(table.size()), 20, 32) +
                           std::string(1, '\0') + table;
  const auto parsed = parseSmbiosDump(dump);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->structures.back().type, kSmbiosEndOfTable);
  EXPECT_FALSE(parseSmbiosDump(dump.substr(0, dump.size() - 10)).ok());  // 32-bit length is exact
}

TEST(SmbiosTable, BrokenEntryPointsAreNamed) {
  const std::string table = surfaceTable();
  const auto size = static_cast<std::uint32_t>(table.size());
  std::string bad_sum = entryPoint64(3, 2, 0, size);
  bad_sum[12] ^= 1;
  EXPECT_NE(parseSysfsSmbios(bad_sum, table).error().find("checksum"), std::string::npos);
  std::string bad_dmi = entryPoint32(2, 7, static_cast<std::uint16_t>(size), 20);
  bad_dmi[0x17] ^= 1;  // inside the _DMI_ part
  EXPECT_NE(parseSmbiosEntryPoint(bad_dmi).error().find("checksum"), std::string::npos);
  std::string no_anchor = entryPoint32(2, 7, static_cast<std::uint16_t>(size), 20);
  no_anchor[0x11] = 'X';
  EXPECT_FALSE(parseSmbiosEntryPoint(no_anchor).ok());
  std::string long_length = entryPoint64(3, 2, 0, size);
  long_length[6] = 0x40;
  EXPECT_NE(parseSmbiosEntryPoint(long_length).error().find("length"), std::string::npos);
  EXPECT_FALSE(parseSmbiosEntryPoint("_SM3_").ok());
  EXPECT_FALSE(parseSmbiosEntryPoint("_SM_").ok());
  EXPECT_FALSE(parseSmbiosEntryPoint("").ok());
  EXPECT_NE(parseSmbiosEntryPoint("_DMI_ legacy").error().find("anchor"), std::string::npos);
  // A 32-bit table shorter than it claims.
  const auto truncated = parseSysfsSmbios(entryPoint32(2, 7, static_cast<std::uint16_t>(size), 20),
                                          std::string_view(table).substr(0, size / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().find("truncated"), std::string::npos);
  // A dump naming a table offset past its end.
  EXPECT_FALSE(parseSmbiosDump(entryPoint64(3, 2, 0, size, 4096)).ok());
}

// HyperV.dmi is the broken table of the collection: at offset 478 a structure header
// says type 0, length 0. It is rejected with that reason, not walked past.
TEST(SmbiosTable, HyperVTableIsRejectedWithTheReason) {
  const auto table = parseBareSmbiosTable(fixture("HyperV.dmi"), {3, 3, 0});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().find("offset 478"), std::string::npos) << table.error();
  EXPECT_NE(table.error().find("length 0"), std::string::npos) << table.error();
}

TEST(SmbiosTable, StructuralFaults) {
  const std::string good = fixture("ASRock-Single-Ryzen.dmi");
  std::string overrun = good.substr(0, 30);  // first structure (26 bytes) cut in its strings
  EXPECT_NE(parseSmbiosStructures(overrun).error().find("double NUL"), std::string::npos);
  std::string header_cut = good.substr(0, 2);
  EXPECT_NE(parseSmbiosStructures(header_cut).error().find("truncated"), std::string::npos);
  std::string too_long = good;
  too_long[1] = static_cast<char>(0xff);
  const auto result = parseSmbiosStructures(too_long.substr(0, 200));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("past the end"), std::string::npos) << result.error();
  EXPECT_FALSE(parseSmbiosStructures("").ok());
  EXPECT_FALSE(parseSmbiosStructures(std::string(64, '\0')).ok());  // only padding: no structure
  // Zero padding after the last structure is accepted.
  EXPECT_TRUE(parseSmbiosStructures(good + std::string(16, '\0')).ok());
}

TEST(SmbiosTable, StringIndexesAreBoundsChecked) {
  const auto table = parseRawSmbiosData(fixture("jeffgerlap_3_2_0.dat"));
  ASSERT_TRUE(table.ok());
  for (const auto& s : table->structures) {
    for (std::size_t at = 0; at < s.formatted.size() + 4; ++at) {
      const auto text = s.stringAt(at);
      const auto index = s.byteAt(at);
      if (!index || *index == 0 || *index > s.strings.size()) EXPECT_EQ(text, std::nullopt);
    }
    EXPECT_EQ(s.wordAt(s.formatted.size() - 1), std::nullopt);
    EXPECT_EQ(s.dwordAt(s.formatted.size() - 3), std::nullopt);
  }
}

// Every prefix of every table, and random bytes: an answer (table or error), never a crash.
TEST(SmbiosTable, HostilePrefixesAndGarbage) {
  std::vector<std::string> inputs;
  for (const char* name : kBareTables) inputs.push_back(fixture(name));
  inputs.push_back(fixture("HyperV.dmi").substr(0, 2048));
  inputs.push_back(fixture("Beelink-EQ12.dmi"));
  std::size_t rejected = 0;
  for (const auto& bytes : inputs) {
    for (std::size_t n = 0; n <= bytes.size(); n += 7) {
      const std::string_view prefix(bytes.data(), n);
      if (!parseBareSmbiosTable(prefix, {3, 3, 0}).ok()) ++rejected;
      (void)parseSmbiosDump(prefix);
      (void)parseRawSmbiosData(prefix);
    }
  }
  EXPECT_GT(rejected, 0u);
  std::mt19937 random(20240611);
  for (int round = 0; round < 300; ++round) {
    std::string garbage(static_cast<std::size_t>(random() % 600), '\0');
    for (auto& c : garbage) c = static_cast<char>(random());
    if (round % 3 == 0) garbage.replace(0, std::min<std::size_t>(5, garbage.size()), "_SM3_");
    (void)parseSmbiosDump(garbage);
    (void)parseSysfsSmbios(garbage, garbage);
    const auto bare = parseBareSmbiosTable(garbage, {2, 4, 0});
    if (bare.ok()) {
      for (const auto& s : bare->structures) EXPECT_GE(s.formatted.size(), 4u);
    }
  }
}

}  // namespace
}  // namespace parc::agent::collectors
