#include "server/api/password_change.h"

#include <gtest/gtest.h>

namespace parc::server {
namespace {

TEST(PasswordChange, ReadsBothFields) {
  const auto change = parsePasswordChange(R"({"current_password":"old one","new_password":"n\u00e9w","x":1})");
  ASSERT_TRUE(change.ok()) << change.error();
  EXPECT_EQ(change->current_password, "old one");
  EXPECT_EQ(change->new_password, "n\xc3\xa9w");
}

TEST(PasswordChange, RefusesHostileBodiesNamingTheField) {
  const std::pair<std::string, std::string> hostile[] = {
      {"", "body"},
      {"{", "body"},
      {"[]", "body"},
      {"null", "body"},
      {std::string("\x00\xff\xfe garbage", 11), "body"},
      {R"({"new_password":"a new password"})", "current_password"},
      {R"({"current_password":"pw"})", "new_password"},
      {R"({"current_password":42,"new_password":"a new password"})", "current_password"},
      {R"({"current_password":"pw","new_password":["a new password"]})", "new_password"},
      {R"({"current_password":"pw","new_password":null})", "new_password"},
      {R"({"current_password":"","new_password":"a new password"})", "current_password"},
      {"{\"current_password\":\"pw\",\"new_password\":\"" + std::string(1025, 'p') + "\"}", "new_password"},
      {"{\"current_password\":\"" + std::string(100 * 1024, 'p') + "\",\"new_password\":\"x\"}",
       "current_password"},
  };
  for (const auto& [body, field] : hostile) {
    const auto change = parsePasswordChange(body);
    ASSERT_FALSE(change.ok()) << body.substr(0, 60);
    EXPECT_TRUE(change.error().starts_with(field)) << change.error();
    EXPECT_EQ(change.error().find("pw\""), std::string::npos);
  }
}

TEST(PasswordChange, PolicyNamesWhatIsWrong) {
  const std::string email = "Tech@Commune-A.fr", current = "the current password";
  const struct {
    std::string next;
    std::optional<std::string_view> code;
  } cases[] = {
      {"", "weak_password"},
      {"eleven char", "weak_password"},
      {"twelve chars", std::nullopt},
      {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "weak_password"},
      {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", std::nullopt},
      {"tech@commune-a.fr", "password_is_email"},
      {"TECH@COMMUNE-A.FR", "password_is_email"},
      {"tech@commune-a.fr!", std::nullopt},
      {current, "password_unchanged"},
      {"The current password", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(refusedPasswordCode(c.next, email, current), c.code) << c.next;
  }
}

TEST(PasswordChange, CountsCodePoints) {
  EXPECT_EQ(utf8Length(""), 0u);
  EXPECT_EQ(utf8Length("abc"), 3u);
  EXPECT_EQ(utf8Length("d\xc3\xa9j\xc3\xa0"), 4u);
  EXPECT_EQ(utf8Length("\xf0\x9f\x94\x91"), 1u);  // one 4-byte character
}

}  // namespace
}  // namespace parc::server
