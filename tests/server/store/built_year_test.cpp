// builtYearFromInventory over the golden inventories of captured machines
// (tests/golden/), and hostile BIOS dates.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/store/built_year.h"
#include "shared/report_json.h"

namespace parc::server {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class GoldenBuiltYear : public ::testing::TestWithParam<const char*> {};

TEST_P(GoldenBuiltYear, IsTheYearOfTheBiosDate) {
  const std::string text = readFile(std::string(PARC_SOURCE_DIR) + "/tests/golden/" + GetParam() + ".json");
  ASSERT_FALSE(text.empty()) << GetParam();
  const auto report = nlohmann::json::parse(text);
  const std::string bios_date = report.at("inventory").at("system").at("bios").at("date");
  auto inventory = decodeInventory(report.at("inventory").dump());
  ASSERT_TRUE(inventory.ok()) << inventory.error();
  const OptInt year = builtYearFromInventory(*inventory);
  ASSERT_TRUE(year.has_value()) << bios_date;
  EXPECT_EQ(*year, std::stoll(bios_date.substr(0, 4)));

  inventory->system.bios->date.reset();  // no BIOS date: nothing
  EXPECT_FALSE(builtYearFromInventory(*inventory).has_value());
  inventory->system.bios.reset();
  EXPECT_FALSE(builtYearFromInventory(*inventory).has_value());
}

INSTANTIATE_TEST_SUITE_P(Captured, GoldenBuiltYear, ::testing::Values("desktop", "laptop", "server", "vm"));

struct DateCase {
  const char* date;
  OptInt year;
};

TEST(BuiltYear, ReadsBothFormsAndRefusesTheRest) {
  const DateCase cases[] = {
      {"2021-07-06", 2021}, {"07/06/2021", 2021}, {"1980-01-01", 1980}, {"2100-12-31", 2100},
      {"1979-12-31", std::nullopt}, {"2101-01-01", std::nullopt}, {"", std::nullopt},
      {"2021", std::nullopt}, {"2021-07", std::nullopt}, {"20x1-07-06", std::nullopt},
      {"2021-07-06T00:00", std::nullopt}, {"-021-07-06", std::nullopt}, {"\xff\xfe" "01-07-06", std::nullopt},
      {"99/99/99", std::nullopt}, {"07/06/21xx", std::nullopt},
  };
  for (const DateCase& c : cases) {
    EXPECT_EQ(builtYearFromBiosDate(c.date), c.year) << c.date;
  }
  EXPECT_FALSE(builtYearFromBiosDate(std::string(100000, '2')).has_value());
}

TEST(BuiltYearFromDisplay, TakesTheEdidYearWhenPlausible) {
  Display display;
  EXPECT_FALSE(builtYearFromDisplay(display).has_value());
  display.year = 2016;
  EXPECT_EQ(builtYearFromDisplay(display), 2016);
  for (const std::int64_t hostile : {std::int64_t{0}, std::int64_t{1979}, std::int64_t{2101}, std::int64_t{-5},
                                     std::int64_t{255 + 1990}}) {
    display.year = hostile;
    EXPECT_FALSE(builtYearFromDisplay(display).has_value()) << hostile;
  }
}

}  // namespace
}  // namespace parc::server
