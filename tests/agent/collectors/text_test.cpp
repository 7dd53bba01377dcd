#include "agent/collectors/text.h"

#include <gtest/gtest.h>

namespace parc::agent::collectors {
namespace {

TEST(CollectorText, Numbers) {
  EXPECT_EQ(parseInt64(" 42\n"), 42);
  EXPECT_EQ(parseInt64("+7"), 7);
  EXPECT_EQ(parseInt64("-1"), -1);
  EXPECT_EQ(parseInt64("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parseInt64("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parseInt64("12ab"), std::nullopt);
  EXPECT_EQ(parseInt64(""), std::nullopt);
  EXPECT_EQ(parseDouble("800.083"), 800.083);
  EXPECT_EQ(parseDouble("inf"), std::nullopt);
  EXPECT_EQ(parseDouble("1.5.2"), std::nullopt);
  EXPECT_EQ(multiplyChecked(3, 512), 1536);
  EXPECT_EQ(multiplyChecked(INT64_MAX / 2, 3), std::nullopt);
  EXPECT_EQ(multiplyChecked(-1, 512), std::nullopt);
}

TEST(CollectorText, Splitting) {
  EXPECT_EQ(splitFields(" a\t\tb  c "), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_EQ(splitLines("a\nb\n"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(splitLines("a\n\nb"), (std::vector<std::string_view>{"a", "", "b"}));
  const auto kv = splitKeyValue("model name\t: Intel(R) Core(TM) i7 @ 1.90GHz");
  ASSERT_TRUE(kv);
  EXPECT_EQ(kv->first, "model name");
  EXPECT_EQ(kv->second, "Intel(R) Core(TM) i7 @ 1.90GHz");
  EXPECT_FALSE(splitKeyValue("no separator"));
}

TEST(CollectorText, CleanText) {
  EXPECT_TRUE(isCleanText("École Jules Ferry"));
  EXPECT_TRUE(isCleanText(""));
  EXPECT_FALSE(isCleanText("tab\there"));
  EXPECT_FALSE(isCleanText("\xc3"));              // truncated sequence
  EXPECT_FALSE(isCleanText("\xc0\xaf"));          // overlong
  EXPECT_FALSE(isCleanText("lost \xef\xbf\xbd"));  // U+FFFD
  EXPECT_TRUE(isValidUtf8("tab\there"));
  EXPECT_FALSE(isValidUtf8("\xff"));
}

}  // namespace
}  // namespace parc::agent::collectors
