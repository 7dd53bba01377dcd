#include "server/api/password_change.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "server/api/login_request.h"

namespace parc::server {
namespace {

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) {
           return lower(static_cast<unsigned char>(x)) == lower(static_cast<unsigned char>(y));
         });
}

Result<std::string> passwordField(const nlohmann::json& object, const char* name) {
  const auto field = object.find(name);
  if (field == object.end() || !field->is_string()) return makeError(std::string(name) + ": expected a string");
  std::string value = field->get<std::string>();
  if (value.empty() || value.size() > kMaxPasswordBytes) {
    return makeError(std::string(name) + ": expected 1 to 1024 bytes");
  }
  return value;
}

}  // namespace

Result<PasswordChange> parsePasswordChange(std::string_view body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return makeError("body: expected a JSON object");
  auto current = passwordField(parsed, "current_password");
  if (!current) return makeError(current.error());
  auto next = passwordField(parsed, "new_password");
  if (!next) return makeError(next.error());
  return PasswordChange{std::move(*current), std::move(*next)};
}

std::size_t utf8Length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<std::string_view> refusedPasswordCode(std::string_view new_password, std::string_view email,
                                                    std::string_view current_password) {
  if (utf8Length(new_password) < kMinPasswordChars) return "weak_password";
  if (equalsIgnoringAsciiCase(new_password, email)) return "password_is_email";
  if (new_password == current_password) return "password_unchanged";
  return std::nullopt;
}

}  // namespace parc::server
