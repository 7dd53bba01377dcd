#pragma once
// Small pure helpers shared by the collectors' parsers: trimming, splitting,
// strict number parsing and a check that a value is clean printable text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parc::agent::collectors {

std::string_view trim(std::string_view text);
std::vector<std::string_view> splitLines(std::string_view text);
// Whitespace-separated fields; runs of spaces and tabs count as one separator.
std::vector<std::string_view> splitFields(std::string_view line);
// "key<spaces>: value" -> {"key", "value"}, both trimmed; nullopt without a separator.
std::optional<std::pair<std::string_view, std::string_view>> splitKeyValue(std::string_view line,
                                                                           char separator = ':');

// The whole text must be the number (surrounding whitespace allowed).
std::optional<std::int64_t> parseInt64(std::string_view text);
std::optional<double> parseDouble(std::string_view text);
// a * b, nullopt on overflow or when either is negative.
std::optional<std::int64_t> multiplyChecked(std::int64_t a, std::int64_t b);

bool isValidUtf8(std::string_view text);
// Valid UTF-8 without control characters or U+FFFD (the mark of bytes already lost).
bool isCleanText(std::string_view text);
std::string toLower(std::string_view text);
bool startsWith(std::string_view text, std::string_view prefix);
bool containsIgnoreCase(std::string_view haystack, std::string_view needle);

}  // namespace parc::agent::collectors
