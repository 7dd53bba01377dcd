// The generated id tables as stored (one blob + offsets, fixed-width records): every
// entry reads back well-formed and in order, and lookups refuse hostile keys.

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "agent/collectors/pnp_ids.h"
#include "agent/collectors/usb_ids.h"

namespace parc::agent::collectors {
namespace {

TEST(PnpTable, EveryEntryIsThreeLettersSortedWithAName) {
  const PnpTable table = pnpTable();
  ASSERT_GT(table.size(), 2000u);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const PnpEntry entry = table[i];
    ASSERT_EQ(entry.code.size(), 3u) << i;
    for (const char c : entry.code) {  // pnp.ids has a few odd ones ("VQ@", "inu")
      EXPECT_TRUE(std::isgraph(static_cast<unsigned char>(c))) << entry.code;
    }
    EXPECT_FALSE(entry.name.empty()) << entry.code;
    EXPECT_EQ(entry.name.find('\n'), std::string_view::npos) << entry.code;
    if (i > 0) {
      EXPECT_LT(table.code(i - 1), entry.code) << i;
    }
    EXPECT_EQ(pnpManufacturerName(entry.code), entry.name);
  }
}

TEST(PnpTable, ReadsFromItsBlobs) {
  const char codes[] = "AAABBBCCC";
  const char names[] = "OneTwoThree";
  const std::uint32_t ends[] = {3, 6, 11};
  const PnpTable table(std::string_view(codes, 9), std::string_view(names, 11), ends);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0].code, "AAA");
  EXPECT_EQ(table[0].name, "One");
  EXPECT_EQ(table[1].name, "Two");
  EXPECT_EQ(table[2].code, "CCC");
  EXPECT_EQ(table[2].name, "Three");
}

TEST(PnpTable, HostileCodesFindNothing) {
  for (const std::string& code :
       {std::string(""), std::string("SE"), std::string("SECX"), std::string("sec"),
        std::string("\xff\xff\xff"), std::string("\0\0\0", 3), std::string("a\tb"),
        std::string("AA"), std::string(100000, 'A')}) {
    EXPECT_EQ(pnpManufacturerName(code), std::nullopt) << code.substr(0, 8);
  }
  EXPECT_EQ(pnpManufacturerName("AAA"), "Avolites Ltd");  // the first entry
}

TEST(UsbIdTable, EveryRecordIsWellFormed) {
  const UsbIdTable table = usbIdTable();
  ASSERT_GT(table.size(), 20u);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto entry = table[i];
    ASSERT_TRUE(entry.has_value()) << i;
    EXPECT_EQ(entry->vendor_id.size(), 4u);
    EXPECT_TRUE(entry->product_id.empty() || entry->product_id.size() == 4u);
    for (const char c : std::string(entry->vendor_id) + std::string(entry->product_id)) {
      EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c)) &&
                  !std::isupper(static_cast<unsigned char>(c)))
          << entry->vendor_id << ":" << entry->product_id;
    }
    EXPECT_TRUE(entry->device_class == "whiteboard" || entry->device_class == "pen" ||
                entry->device_class == "touch" || entry->device_class == "other")
        << entry->device_class;
    const auto found =
        findUsbId(entry->vendor_id, entry->product_id.empty() ? "ffff" : entry->product_id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->vendor_id, entry->vendor_id);
  }
}

TEST(UsbIdTable, ReadsRecordsAndRefusesMalformedOnes) {
  const UsbIdTable table("0b8c0001w-10c4eaeeog1926****t-abcd0001x-0000");
  ASSERT_EQ(table.size(), 4u);  // the trailing partial record is not one
  EXPECT_EQ(table[0]->device_class, "whiteboard");
  EXPECT_FALSE(table[0]->generic_bridge);
  EXPECT_TRUE(table[1]->generic_bridge);
  EXPECT_EQ(table[1]->device_class, "other");
  EXPECT_TRUE(table[2]->product_id.empty());
  EXPECT_EQ(table[2]->device_class, "touch");
  EXPECT_FALSE(table[3].has_value());  // unknown class letter
  EXPECT_FALSE(table[4].has_value());  // past the end
  EXPECT_EQ(usbClassName('d'), "document-camera");
  EXPECT_EQ(usbClassName('\0'), std::nullopt);
  EXPECT_EQ(usbClassName('W'), std::nullopt);
}

TEST(UsbIdTable, HostileIdsFindNothing) {
  for (const std::string& id :
       {std::string(""), std::string("0b8"), std::string("0B8C"), std::string("\xff\xff\xff\xff"),
        std::string("****"), std::string(10000, '0')}) {
    EXPECT_EQ(findUsbId(id, "0001"), std::nullopt) << id.substr(0, 8);
  }
  EXPECT_TRUE(findUsbId("0b8c", "0001").has_value());
  EXPECT_EQ(findUsbId("0b8c", "****"), std::nullopt);  // the wildcard is no product id
}

}  // namespace
}  // namespace parc::agent::collectors
