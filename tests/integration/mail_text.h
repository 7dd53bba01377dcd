#pragma once
// Reading the e-mails the server sent (as aiosmtpd's Mailbox stores them):
// base64 bodies and RFC 2047 subjects.

#include <string>

namespace parc::testing {

// Standard base64 (line breaks ignored) decoded; garbage decodes to "".
std::string decodeBase64(const std::string& text);

// The Subject header of a whole message: its RFC 2047 words decoded and joined.
std::string subjectOf(const std::string& message);

}  // namespace parc::testing
