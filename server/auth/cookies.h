#pragma once
// The session cookie: reading it from a Cookie header, writing its Set-Cookie.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace parc::server::auth {

inline constexpr std::string_view kSessionCookie = "parc_session";

// The value of cookie `name` in a Cookie request header ("a=1; b=2"); nullopt
// when absent. The first occurrence wins.
std::optional<std::string> cookieValue(std::string_view header, std::string_view name);

// Set-Cookie for a session: HttpOnly, Secure, SameSite=Strict, Path=/, Max-Age.
std::string sessionCookie(std::string_view value, std::chrono::seconds max_age);
// Set-Cookie that makes the browser forget the session cookie.
std::string clearedSessionCookie();

}  // namespace parc::server::auth
