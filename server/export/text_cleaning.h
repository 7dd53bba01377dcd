#pragma once
// Text made safe for the files we write: valid UTF-8 (invalid bytes become U+FFFD),
// no control characters that XML 1.0 forbids, and the spreadsheet formula guard.

#include <string>
#include <string_view>

namespace parc::server::exports {

std::string validUtf8(std::string_view text);
// validUtf8, then without the C0 controls XML refuses (all but tab, LF, CR).
std::string xmlSafe(std::string_view text);
// A cell a spreadsheet would run as a formula (starting with = + - @, or a tab or
// CR that hides one) gets a leading apostrophe, so it stays text.
std::string guardFormula(std::string text);

}  // namespace parc::server::exports
