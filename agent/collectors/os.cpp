#include "agent/collectors/os.h"

#include <sys/utsname.h>

#include <algorithm>
#include <map>
#include <system_error>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::size_t kMaxHostnameLength = 253;

bool isKeyCharacter(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// The value part of KEY=value, unquoted; nullopt for an unterminated quote.
std::optional<std::string> unquote(std::string_view raw) {
  std::string out;
  const char quote = !raw.empty() && (raw[0] == '"' || raw[0] == '\'') ? raw[0] : '\0';
  std::size_t i = quote ? 1 : 0;
  for (; i < raw.size(); ++i) {
    const char c = raw[i];
    if (quote && c == quote) return trim(raw.substr(i + 1)).empty() ? std::optional(out) : std::nullopt;
    if (c == '\\' && quote != '\'' && i + 1 < raw.size()) {
      const char next = raw[i + 1];
      if (quote == '\0' || next == '$' || next == '"' || next == '\\' || next == '`') {
        out += next;
        ++i;
        continue;
      }
    }
    out += c;
  }
  if (quote) return std::nullopt;
  return out;
}

std::map<std::string, std::string, std::less<>> parseAssignments(std::string_view text) {
  std::map<std::string, std::string, std::less<>> values;
  for (const auto raw_line : splitLines(text)) {
    const auto line = trim(raw_line);
    if (line.empty() || line.front() == '#') continue;
    const auto equals = line.find('=');
    if (equals == 0 || equals == std::string_view::npos) continue;
    const auto key = line.substr(0, equals);
    if (!std::all_of(key.begin(), key.end(), isKeyCharacter)) continue;
    auto value = unquote(line.substr(equals + 1));
    if (!value || value->empty() || !isCleanText(*value)) continue;
    values.insert_or_assign(std::string(key), std::move(*value));
  }
  return values;
}

OptString pick(const std::map<std::string, std::string, std::less<>>& values, std::string_view key) {
  const auto it = values.find(key);
  return it == values.end() ? OptString{} : OptString{it->second};
}

std::optional<std::string> readOsRelease(const FsRoot& root) {
  if (auto text = root.readFile("/etc/os-release", 64 * 1024)) return text;
  return root.readFile("/usr/lib/os-release", 64 * 1024);
}

std::optional<std::string> readTimezone(const FsRoot& root) {
  std::error_code error;
  const auto target = std::filesystem::read_symlink(root.resolve("/etc/localtime"), error);
  if (!error) {
    if (auto zone = timezoneFromLink(target.string())) return zone;
  }
  const auto text = root.readAttribute("/etc/timezone");
  if (!text) return std::nullopt;
  const auto zone = trim(*text);
  if (zone.empty() || !isCleanText(zone) || zone.find(' ') != std::string_view::npos) return std::nullopt;
  return std::string(zone);
}

void addKernelAndHost(const FsRoot& root, OsInfo& os) {
  if (auto kernel = root.readAttribute("/proc/sys/kernel/osrelease")) {
    const auto release = trim(*kernel);
    if (!release.empty() && isCleanText(release)) os.kernel = std::string(release);
  }
  if (auto host = root.readFile("/proc/sys/kernel/hostname", 4096)) os.hostname = parseHostname(*host);
  if (!os.hostname) {
    if (auto host = root.readFile("/etc/hostname", 4096)) os.hostname = parseHostname(*host);
  }
}

// uname() describes the running kernel, so only a live root may use it.
void addFromUname(OsInfo& os) {
  struct utsname names {};
  if (::uname(&names) != 0) return;
  if (isCleanText(names.machine) && names.machine[0] != '\0') os.arch = names.machine;
  if (!os.kernel && isCleanText(names.release)) os.kernel = names.release;
  if (!os.hostname) os.hostname = parseHostname(names.nodename);
}

}  // namespace

OsInfo parseOsRelease(std::string_view text) {
  const auto values = parseAssignments(text);
  OsInfo os;
  os.name = pick(values, "PRETTY_NAME");
  if (!os.name) {
    os.name = pick(values, "NAME");
    if (const auto version = pick(values, "VERSION"); os.name && version) *os.name += " " + *version;
  }
  os.id = pick(values, "ID");
  os.version_id = pick(values, "VERSION_ID");
  return os;
}

std::optional<std::string> timezoneFromLink(std::string_view target) {
  constexpr std::string_view kMarker = "zoneinfo/";
  const auto at = target.rfind(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view zone = target.substr(at + kMarker.size());
  for (const std::string_view prefix : {"posix/", "right/"}) {
    if (startsWith(zone, prefix)) zone.remove_prefix(prefix.size());
  }
  while (!zone.empty() && zone.back() == '/') zone.remove_suffix(1);
  if (zone.empty() || !isCleanText(zone) || zone.find("..") != std::string_view::npos ||
      zone.find(' ') != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(zone);
}

std::optional<std::string> parseHostname(std::string_view text) {
  for (const auto raw_line : splitLines(text)) {
    const auto line = trim(raw_line);
    if (line.empty() || line.front() == '#') continue;
    if (line.size() > kMaxHostnameLength || !isCleanText(line) || line == "(none)" ||
        line.find_first_of(" \t/") != std::string_view::npos) {
      return std::nullopt;
    }
    return std::string(line);
  }
  return std::nullopt;
}

CollectOutcome OsCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  OsInfo os;
  if (const auto text = readOsRelease(root)) os = parseOsRelease(*text);
  addKernelAndHost(root, os);
  if (root.isLiveSystem()) addFromUname(os);
  os.timezone = readTimezone(root);
  if (!os.name && !os.id && !os.kernel && !os.hostname && !os.arch && !os.timezone) {
    return CollectOutcome::noData(
        "no /etc/os-release, /usr/lib/os-release, /proc/sys/kernel/{osrelease,hostname}, "
        "/etc/hostname or time zone below " + root.root().string());
  }
  os.extra = std::move(snapshot.inventory.os.extra);
  snapshot.inventory.os = std::move(os);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
