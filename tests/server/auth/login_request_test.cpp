#include "server/api/login_request.h"

#include <gtest/gtest.h>

namespace parc::server {
namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kForm = "application/x-www-form-urlencoded";

TEST(LoginRequest, ReadsJsonAndForms) {
  const auto json = parseCredentials(kJson, R"({"email":"a@x.fr","password":"p w"})");
  ASSERT_TRUE(json.ok()) << json.error();
  EXPECT_EQ(json->email, "a@x.fr");
  EXPECT_EQ(json->password, "p w");
  const auto form = parseCredentials(std::string(kForm) + "; charset=UTF-8",
                                     "email=a%40x.fr&password=p+w%26%3D&extra=1");
  ASSERT_TRUE(form.ok()) << form.error();
  EXPECT_EQ(form->email, "a@x.fr");
  EXPECT_EQ(form->password, "p w&=");
}

TEST(LoginRequest, RefusesHostileBodies) {
  const std::pair<const char*, std::string> hostile[] = {
      {kJson, ""},
      {kJson, "{"},
      {kJson, R"({"email":"a@x.fr"})"},
      {kJson, R"({"email":"a@x.fr","password":42})"},
      {kJson, R"({"email":["a@x.fr"],"password":"pw"})"},
      {kJson, R"(["a@x.fr","pw"])"},
      {kJson, R"({"email":"","password":"pw"})"},
      {kJson, R"({"email":"a@x.fr","password":""})"},
      {kJson, "{\"email\":\"" + std::string(300, 'a') + "\",\"password\":\"pw\"}"},
      {kJson, "{\"email\":\"a@x.fr\",\"password\":\"" + std::string(2000, 'p') + "\"}"},
      {kJson, std::string("\x00\xff\xfe garbage", 11)},
      {kForm, "email=a%4&password=pw"},
      {kForm, "email=a%40x.fr"},
      {kForm, "password=pw"},
  };
  for (const auto& [type, body] : hostile) {
    const auto parsed = parseCredentials(type, body);
    EXPECT_FALSE(parsed.ok()) << type << " " << body;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().find("pw"), std::string::npos) << parsed.error();
    }
  }
}

}  // namespace
}  // namespace parc::server
