#pragma once
// The body of POST /api/v1/me/password, JSON {"current_password", "new_password"},
// and the policy a new password must meet. Pure: no I/O, no logging.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::server {

struct PasswordChange {
  std::string current_password, new_password;
};

inline constexpr std::size_t kMinPasswordChars = 12;  // characters (UTF-8 code points)

// Errors name the field and the reason; a password never appears in them.
Result<PasswordChange> parsePasswordChange(std::string_view body);

// The error code when `new_password` is refused, nullopt when it is accepted:
// "weak_password" (fewer than kMinPasswordChars characters), "password_is_email"
// (the email, ignoring ASCII case) or "password_unchanged" (the current password).
std::optional<std::string_view> refusedPasswordCode(std::string_view new_password, std::string_view email,
                                                    std::string_view current_password);

// Code points in `text`, counting every byte that does not continue a UTF-8 sequence.
std::size_t utf8Length(std::string_view text);

}  // namespace parc::server
