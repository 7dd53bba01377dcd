#include "server/store/hardware_identity.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace parc::server {
namespace {

constexpr std::array<std::string_view, 4> kPlaceholderUuids{
    "03000200-0400-0500-0006-000700080009",  // AMI default, seen on many boards
    "00020003-0004-0005-0006-000700080009",  // the same, byte-swapped
    "12345678-1234-5678-90ab-cddeefaabbcc",
    "01234567-89ab-cdef-0123-456789abcdef",
};

// Compared case-insensitively, after trimming.
constexpr std::array<std::string_view, 30> kPlaceholderSerials{
    "to be filled by o.e.m.", "to be filled by oem", "default string", "system serial number",
    "chassis serial number", "base board serial number", "serial number", "0", "none",
    "not specified", "not applicable", "not available", "n/a", "na", "unknown", "invalid",
    "123456789", "1234567890", "0123456789", "12345678", "oem", "o.e.m.", "empty", "default",
    "sn12345678", "xxxxxxxxxxx", "no asset tag", "system product name", "not settable",
    "none specified",
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

bool oneRepeatedChar(std::string_view text) {
  return !text.empty() && text.find_first_not_of(text.front()) == std::string_view::npos;
}

bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::optional<std::string> usableUuid(std::string_view uuid) {
  const std::string text = lower(trim(uuid));
  std::string digits;
  for (char c : text) {
    if (c == '-') continue;
    if (!isHex(c)) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != 32 || oneRepeatedChar(digits)) return std::nullopt;
  if (std::find(kPlaceholderUuids.begin(), kPlaceholderUuids.end(), text) != kPlaceholderUuids.end()) {
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> usableSerial(std::string_view serial) {
  const std::string_view text = trim(serial);
  if (text.empty() || oneRepeatedChar(text)) return std::nullopt;
  const std::string folded = lower(text);
  if (std::find(kPlaceholderSerials.begin(), kPlaceholderSerials.end(), folded) !=
      kPlaceholderSerials.end()) {
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::string> normalizeMac(std::string_view mac) {
  std::string digits;
  for (char c : trim(mac)) {
    if (c == ':' || c == '-' || c == '.') continue;
    if (!isHex(c)) return std::nullopt;
    digits.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (digits.size() != 12 || digits == "000000000000" || digits == "ffffffffffff") {
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    if (!out.empty()) out.push_back(':');
    out.append(digits, i, 2);
  }
  return out;
}

}  // namespace parc::server
