#include "server/auth/cookies.h"

namespace parc::server::auth {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

constexpr std::string_view kAttributes = "; Path=/; HttpOnly; Secure; SameSite=Strict";

}  // namespace

std::optional<std::string> cookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    const std::string_view pair = trim(header.substr(0, semicolon));
    header = semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

std::string sessionCookie(std::string_view value, std::chrono::seconds max_age) {
  return std::string(kSessionCookie) + "=" + std::string(value) + std::string(kAttributes) +
         "; Max-Age=" + std::to_string(max_age.count());
}

std::string clearedSessionCookie() {
  return std::string(kSessionCookie) + "=" + std::string(kAttributes) + "; Max-Age=0";
}

}  // namespace parc::server::auth
