#include "shared/strict_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace parc {
namespace {

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(StrictJson, AcceptsNestingUpToTheLimit) {
  EXPECT_TRUE(parseStrictJson(nested(kMaxJsonDepth)).ok());
}

TEST(StrictJson, RefusesNestingBeyondTheLimit) {
  auto parsed = parseStrictJson(nested(kMaxJsonDepth + 1));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("nesting deeper than 64"), std::string::npos) << parsed.error();
}

TEST(StrictJson, RefusesAHundredThousandLevelsWithoutCrashing) {
  EXPECT_FALSE(parseStrictJson(nested(100000)).ok());
}

TEST(StrictJson, RefusesDuplicateKeysAtAnyDepth) {
  EXPECT_FALSE(parseStrictJson(R"({"a":{"b":1,"b":2}})").ok());
  EXPECT_TRUE(parseStrictJson(R"({"a":{"b":1},"c":{"b":2}})").ok());
}

TEST(StrictJson, RefusesInvalidUtf8AndTrailingGarbage) {
  EXPECT_FALSE(parseStrictJson("{\"a\":\"\xc3\x28\"}").ok());
  EXPECT_FALSE(parseStrictJson(R"({"a":1} x)").ok());
  EXPECT_TRUE(parseStrictJson("{\"a\":\"\xc3\xa9\"}").ok());
}

}  // namespace
}  // namespace parc
