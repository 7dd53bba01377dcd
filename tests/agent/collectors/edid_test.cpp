// The EDID decoder on every blob of tests/fixtures/edid. Expected values were read from
// the bytes with edid-decode (Debian package edid-decode, 0.1~git20220315), except the
// 129-byte blob that edid-decode refuses, read byte by byte (offsets 8-22, 54-125).

#include "agent/collectors/edid.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "agent/collectors/displays.h"
#include "agent/collectors/pnp_ids.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

struct EdidCase {
  const char* file;
  const char* code;
  int product;
  std::optional<std::uint32_t> serial_number;
  std::optional<int> week, year;
  bool model_year;
  std::optional<int> width_cm, height_cm;
  std::optional<std::string> name, serial_text;
  std::size_t size;
  const char* kind;  // from the fixture's name: projector-, ifp-, laptop-panel-, else monitor
};

const EdidCase kCases[] = {
    {"glpi-agent/crt-crt.dell-p790.bin", "DEL", 25333, 961631577, 33, 2000, false, 32, 24, "DELL P790", "8757RH9QUY80", 128, "monitor"},
    {"glpi-agent/laptop-panel-lcd.HP-Pavilion-ZV6000.bin", "QDS", 20, std::nullopt, 51, 2004, false, 33, 21, std::nullopt, std::nullopt, 128, "internal"},
    {"glpi-agent/laptop-panel-lcd.internal.bin", "TOS", 20625, 4, 14, 2006, false, 29, 17, "Internal LCD", std::nullopt, 128, "internal"},
    {"glpi-agent/monitor-129-bytes-malformed-lcd.regis.bin", "ENC", 5769, 16843009, 33, 2003, false, 34, 27, "L557", "82522083", 129, "monitor"},
    {"glpi-agent/monitor-EV2785.bin", "ENC", 10513, 68056070, 28, 2020, false, 60, 34, "EV2785", std::nullopt, 256, "monitor"},
    {"glpi-agent/monitor-benq-bl2420-tf.bin", "BNQ", 32807, 21573, 5, 2018, false, 53, 30, "BenQ LCD", "X1J08410019", 128, "monitor"},
    {"glpi-agent/monitor-iiyama-PL2779A.bin", "IVM", 26133, 16843009, std::nullopt, 2013, true, 60, 34, "PL2779Q", "0", 128, "monitor"},
    {"glpi-agent/monitor-lcd.dell-U2415.bin", "DEL", 41145, 859063637, 42, 2019, false, 52, 32, "DELL U2415", "7MT019AI34EU", 256, "monitor"},
    {"glpi-agent/monitor-lcd.philips-288p6-hdmi.bin", "PHL", 2263, 6456, 30, 2014, false, 62, 34, "Philips 288P6", std::nullopt, 256, "monitor"},
    {"glpi-agent/monitor-lenovo-T24v-10.bin", "LEN", 25020, std::nullopt, 51, 2019, false, 53, 30, "T24v-10", "V905BAYH", 256, "monitor"},
    {"glpi-agent/monitor-samsung-s22e390.bin", "SAM", 3096, 809585995, 33, 2016, false, 48, 27, "S22E390", std::nullopt, 256, "monitor"},
    {"glpi-agent/projector-acer-h6517abd.bin", "ACR", 8977, 1522, 11, 2019, false, std::nullopt, std::nullopt, "Acer H6517ABD", "JNB110015900", 128, "projector"},
    {"glpi-agent/projector-acer-p1203.bin", "ACR", 5889, 3339, 8, 2011, false, std::nullopt, std::nullopt, "ACER P1203", "K17010015901", 128, "projector"},
    {"glpi-agent/projector-acer-p1206p.bin", "ACR", 4648, 1278, 15, 2012, false, std::nullopt, std::nullopt, "ACER P1206P", "JCS010145901", 128, "projector"},
    {"glpi-agent/projector-acer-p1283.bin", "ACR", 5910, 5168, 23, 2015, false, std::nullopt, std::nullopt, "Acer P1283", "JHG110015900", 128, "projector"},
    {"glpi-agent/projector-acer-p5260i.bin", "ACR", 21505, 288, 32, 2008, false, std::nullopt, std::nullopt, "ACER P5260i", "J54010095911", 128, "projector"},
    {"glpi-agent/projector-acer-x125h.bin", "ACR", 8969, 3907, 10, 2017, false, std::nullopt, std::nullopt, "Acer X125H", "JN9110015900", 128, "projector"},
    {"glpi-agent/projector-acer-x128h.bin", "ACR", 9736, 4902, 46, 2017, false, std::nullopt, std::nullopt, "Acer X128H", "JQ8110015900", 128, "projector"},
    {"glpi-agent/projector-acer-xga-pj.bin", "ACR", 9992, 5239, 10, 2020, false, std::nullopt, std::nullopt, "Acer XGA PJ", "JR81100Y5910", 128, "projector"},
    {"glpi-agent/tv-lcd.lg.tv.22MT44DP-PZ.bin", "GSM", 22982, 16843009, 1, 2013, false, 51, 29, "2D FHD LG TV", std::nullopt, 256, "monitor"},
    {"linuxhw/ifp-iwb-smart-monitor-IWB0000-0C32D204EB88.bin", "IWB", 0, std::nullopt, 43, 2017, false, 144, 81, "SMART MONITOR", std::nullopt, 512, "flat-panel"},
    {"linuxhw/ifp-newline-NLE0032-2B82E0F4C744.bin", "NLE", 50, 1, 3, 2017, false, 115, 65, "Newline", std::nullopt, 256, "flat-panel"},
    {"linuxhw/ifp-promethean-ap7-nickel75-PRW5575-EF0C391FD6E8.bin", "PRW", 21877, 1, 47, 2018, false, 174, 98, "AP7Nickel75", std::nullopt, 256, "flat-panel"},
    {"linuxhw/ifp-promethean-ap7-titanium-PRW4200-49A115123082.bin", "PRW", 16896, std::nullopt, 1, 1990, false, 1, 1, "AP7_Titanium", std::nullopt, 256, "flat-panel"},
    {"linuxhw/projector-benq-pj-BNQ4102-5D751D140D32.bin", "BNQ", 16642, 1356, 47, 2014, false, std::nullopt, std::nullopt, "BenQ PJ", std::nullopt, 256, "projector"},
    {"linuxhw/projector-casio-pj-CAS8049-3AC550F47848.bin", "CAS", 32841, 16843009, 18, 2015, false, std::nullopt, std::nullopt, "CASIO-PJ", std::nullopt, 256, "projector"},
    {"linuxhw/projector-epson-pj-hdmi-SECA514-46FD547BEEF9.bin", "SEC", 42260, 16843009, 26, 2013, false, 160, 90, "EPSON PJ", std::nullopt, 256, "projector"},
    {"linuxhw/projector-epson-pj-vga-SECA00D-9C8BC92FD71F.bin", "SEC", 40973, 16843009, 13, 2012, false, std::nullopt, std::nullopt, "EPSON PJ", std::nullopt, 128, "projector"},
    {"linuxhw/projector-hitachi-HTC6645-F09CAFFCB16B.bin", "HTC", 26181, 16843009, 8, 2010, false, 120, 90, "Projector", std::nullopt, 256, "projector"},
    {"linuxhw/projector-infocus-IFS00B0-667A22530F44.bin", "IFS", 176, 516, 41, 2022, false, std::nullopt, std::nullopt, "Projector", "CRZJ24100516", 128, "projector"},
    {"linuxhw/projector-maxell-MXL6786-D9563EECF6B4.bin", "MXL", 26502, 16843009, 4, 2019, false, 160, 100, "Projector", std::nullopt, 256, "projector"},
    {"linuxhw/projector-optoma-wxga-OTM0550-734C02CDBACC.bin", "OTM", 1360, 20, 20, 2021, false, std::nullopt, std::nullopt, "Optoma WXGA", "Q8UA120A0020", 256, "projector"},
    {"linuxhw/projector-smart-u100w-SBI0047-109CAEE89A34.bin", "SBI", 71, 330, 19, 2015, false, std::nullopt, std::nullopt, "SMART U100w", "B012HE06V0330", 256, "projector"},
    {"linuxhw/projector-smart-uf70w-SBI0030-E0738FEC0FD9.bin", "SBI", 48, 149, 23, 2014, false, std::nullopt, std::nullopt, "SMART UF70w", "B012GF03R0149", 512, "projector"},
    {"linuxhw/projector-smart-v30-SBI003F-8E2AC9D74555.bin", "SBI", 63, 294, 40, 2014, false, std::nullopt, std::nullopt, "SMART V30", "B012GI29T0294", 128, "projector"},
    {"linuxhw/projector-viewsonic-pjd7820hd-VSC6D2C-BFBADA46EAB2.bin", "VSC", 27948, 16843009, 34, 2013, false, std::nullopt, std::nullopt, "PJD7820HD", "TBY133401365", 128, "projector"},
};

std::string connectorFor(const EdidCase& c) {
  return std::string(c.kind) == "internal" ? "eDP-1" : "HDMI-A-1";
}

TEST(Edid, DecodesEveryFixtureBlob) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.file);
    const std::string blob = testing::readFixture(std::filesystem::path("edid") / c.file);
    ASSERT_EQ(blob.size(), c.size);
    const auto edid = parseEdid(blob);
    ASSERT_TRUE(edid.ok()) << edid.error();
    EXPECT_EQ(edid->manufacturer_code, c.code);
    EXPECT_EQ(edid->product_code, c.product);
    EXPECT_EQ(edid->serial_number, c.serial_number);
    EXPECT_EQ(edid->week, c.week);
    EXPECT_EQ(edid->year, c.year);
    EXPECT_EQ(edid->model_year, c.model_year);
    EXPECT_EQ(edid->width_cm, c.width_cm);
    EXPECT_EQ(edid->height_cm, c.height_cm);
    EXPECT_EQ(edid->name, c.name);
    EXPECT_EQ(edid->serial_text, c.serial_text);
    EXPECT_TRUE(edid->checksum_ok);
    EXPECT_EQ(edid->extension_blocks_read, static_cast<int>((c.size - 128) / 128));
    EXPECT_EQ(displayKind(*edid, connectorFor(c)), c.kind);
  }
}

TEST(Edid, EveryFixtureBlobIsInTheTable) {
  std::set<std::string> listed;
  for (const auto& c : kCases) listed.insert(c.file);
  std::size_t blobs = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::fixturesDir() / "edid")) {
    if (entry.path().extension() != ".bin") continue;
    ++blobs;
    const auto relative = std::filesystem::relative(entry.path(), testing::fixturesDir() / "edid");
    EXPECT_TRUE(listed.count(relative.string())) << relative;
  }
  EXPECT_EQ(blobs, std::size(kCases));
}

TEST(Edid, ExtensionCounts) {
  const auto blob129 = testing::readFixture("edid/glpi-agent/monitor-129-bytes-malformed-lcd.regis.bin");
  const auto edid = parseEdid(blob129);
  ASSERT_TRUE(edid.ok());
  EXPECT_EQ(edid->extension_count, static_cast<unsigned char>(blob129[126]));
  EXPECT_EQ(edid->extension_blocks_read, 0);  // one byte of an extension: not a block
  const auto blob512 = testing::readFixture("edid/linuxhw/projector-smart-uf70w-SBI0030-E0738FEC0FD9.bin");
  const auto uf70 = parseEdid(blob512);
  ASSERT_TRUE(uf70.ok());
  EXPECT_EQ(uf70->extension_blocks_read, 3);
  EXPECT_EQ(uf70->extension_count, static_cast<unsigned char>(blob512[126]));
}

TEST(Edid, BadChecksumIsReportedButDecoded) {
  std::string blob = testing::readFixture("edid/linuxhw/projector-epson-pj-vga-SECA00D-9C8BC92FD71F.bin");
  blob[127] = static_cast<char>(static_cast<unsigned char>(blob[127]) ^ 0x01);
  const auto edid = parseEdid(blob);
  ASSERT_TRUE(edid.ok());
  EXPECT_FALSE(edid->checksum_ok);
  EXPECT_EQ(edid->manufacturer_code, "SEC");
  EXPECT_EQ(toDisplay(*edid, "VGA-1").extra.at("edid_checksum_ok"), "false");
}

TEST(Edid, HostileBlobs) {
  const std::string good = testing::readFixture("edid/glpi-agent/monitor-lcd.dell-U2415.bin");
  EXPECT_FALSE(parseEdid("").ok());
  EXPECT_FALSE(parseEdid(good.substr(0, 127)).ok());   // truncated base block
  EXPECT_FALSE(parseEdid(std::string(128, '\0')).ok()); // no header
  EXPECT_FALSE(parseEdid(std::string(256, '\xff')).ok());
  std::string bad_id = good;
  bad_id[8] = 0;  // letters of value 0 are outside A-Z
  bad_id[9] = 0;
  EXPECT_FALSE(parseEdid(bad_id).ok());
  std::string garbage_text = good;
  for (std::size_t i = 54; i < 126; ++i) garbage_text[i] = (i % 18 < 3) ? '\0' : '\x07';
  const auto decoded = parseEdid(garbage_text);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->name, std::nullopt);  // control bytes are not a name
  std::string huge = good + std::string(1 << 20, '\x5a');  // oversized: base block still read
  ASSERT_TRUE(parseEdid(huge).ok());
  EXPECT_EQ(parseEdid(huge)->name, "DELL U2415");
}

TEST(Edid, KindRules) {
  const auto blob = testing::readFixture("edid/glpi-agent/monitor-lcd.dell-U2415.bin");
  const auto edid = parseEdid(blob);
  ASSERT_TRUE(edid.ok());
  EXPECT_EQ(displayKind(*edid, "DP-1"), "monitor");
  for (const char* connector : {"eDP-1", "LVDS-1", "DSI-1"}) EXPECT_EQ(displayKind(*edid, connector), "internal");
  auto renamed = *edid;
  renamed.name = "PJD5155";  // ViewSonic projector model naming
  EXPECT_EQ(displayKind(renamed, "HDMI-A-1"), "projector");
  auto sizeless_acer = *edid;
  sizeless_acer.manufacturer_code = "ACR";
  sizeless_acer.width_cm.reset();
  sizeless_acer.height_cm.reset();
  EXPECT_EQ(displayKind(sizeless_acer, "HDMI-A-1"), "projector");
  sizeless_acer.manufacturer_code = "DEL";  // a maker of monitors only: stays a monitor
  EXPECT_EQ(displayKind(sizeless_acer, "HDMI-A-1"), "monitor");
}

TEST(PnpIds, NamesFromTheTable) {
  EXPECT_EQ(pnpManufacturerName("SEC"), "Seiko Epson Corporation");
  EXPECT_EQ(pnpManufacturerName("ACR"), "Acer Technologies");
  EXPECT_EQ(pnpManufacturerName("SBI"), "SMART Technologies Inc.");
  EXPECT_EQ(pnpManufacturerName("PRW"), std::nullopt);
  EXPECT_EQ(pnpManufacturerName(""), std::nullopt);
  EXPECT_EQ(pnpManufacturerName("ZZZZ"), std::nullopt);
}

TEST(PnpIds, TableHoldsEveryLineOfPnpIds) {
  const std::string text = testing::readFixture("edid/pnp.ids");
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const auto tab = line.find('\t');
    if (tab != 3) continue;
    ++lines;
    EXPECT_EQ(pnpManufacturerName(line.substr(0, 3)), line.substr(4)) << line;
  }
  EXPECT_EQ(pnpTable().size(), lines);
}

}  // namespace
}  // namespace parc::agent::collectors
