#include "agent/delivery/spool_names.h"

#include <charconv>
#include <cstdio>

namespace parc::agent {
namespace {

constexpr std::size_t kDigits = 20;
constexpr std::string_view kExtension = ".json";

}  // namespace

std::string_view kindName(ReportKind kind) { return kind == ReportKind::kFull ? "full" : "state"; }

std::string numberedName(std::uint64_t number, std::string_view rest) {
  char digits[kDigits + 1];
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(number));
  std::string name(digits, kDigits);
  name += '-';
  name += rest;
  return name;
}

std::optional<std::uint64_t> parseNumberPrefix(std::string_view name) {
  if (name.size() <= kDigits || name[kDigits] != '-') return std::nullopt;
  for (std::size_t i = 0; i < kDigits; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
  }
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + kDigits, number);
  if (ec != std::errc{} || end != name.data() + kDigits) return std::nullopt;
  return number;
}

std::string entryFileName(std::uint64_t seq, ReportKind kind) {
  return numberedName(seq, std::string(kindName(kind)) + std::string(kExtension));
}

std::optional<EntryName> parseEntryFileName(std::string_view name) {
  const std::optional<std::uint64_t> seq = parseNumberPrefix(name);
  if (!seq) return std::nullopt;
  const std::string_view rest = name.substr(kDigits + 1);
  for (const ReportKind kind : {ReportKind::kFull, ReportKind::kState}) {
    if (rest.size() == kindName(kind).size() + kExtension.size() &&
        rest.starts_with(kindName(kind)) && rest.ends_with(kExtension)) {
      return EntryName{*seq, kind};
    }
  }
  return std::nullopt;
}

}  // namespace parc::agent
