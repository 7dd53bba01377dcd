#include "agent/net/leftover_pages.h"

#include <sys/mman.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace parc::agent {
namespace {

constexpr unsigned kAnonymousSeen = 1;
constexpr unsigned kSwapSeen = 2;
constexpr unsigned kPrivateDirtySeen = 4;
constexpr unsigned kSharedDirtySeen = 8;
constexpr unsigned kAllSeen = kAnonymousSeen | kSwapSeen | kPrivateDirtySeen | kSharedDirtySeen;

std::string readProcFile(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool parseHex(std::string_view text, unsigned long& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// "7f12-7f34 r-xp 00000000 08:01 1234   /usr/lib/x.so" -> a mapping; false if not one.
bool parseRange(std::string_view line, Mapping& mapping) {
  std::istringstream in{std::string(line)};
  std::string range, perms, offset, device, inode;
  if (!(in >> range >> perms >> offset >> device >> inode)) return false;
  const auto dash = range.find('-');
  if (dash == std::string::npos || perms.size() != 4) return false;
  if (!parseHex(std::string_view(range).substr(0, dash), mapping.start) ||
      !parseHex(std::string_view(range).substr(dash + 1), mapping.end) ||
      mapping.end <= mapping.start) {
    return false;
  }
  mapping.writable = perms[1] == 'w';
  mapping.shared = perms[3] == 's';
  std::getline(in >> std::ws, mapping.path);
  return true;
}

// "Anonymous:   12 kB" into the matching counter of `mapping`; false if not one of them.
bool parseCounter(std::string_view line, Mapping& mapping) {
  struct Field {
    std::string_view key;
    unsigned long Mapping::*counter;
    unsigned seen;
  };
  static constexpr Field kFields[] = {
      {"Rss:", &Mapping::rss_kib, 0},
      {"Anonymous:", &Mapping::anonymous_kib, kAnonymousSeen},
      {"Swap:", &Mapping::swap_kib, kSwapSeen},
      {"Private_Dirty:", &Mapping::private_dirty_kib, kPrivateDirtySeen},
      {"Shared_Dirty:", &Mapping::shared_dirty_kib, kSharedDirtySeen},
  };
  for (const auto& field : kFields) {
    if (!line.starts_with(field.key)) continue;
    std::istringstream in{std::string(line.substr(field.key.size()))};
    unsigned long kib = 0;
    std::string unit;
    if (!(in >> kib >> unit) || unit != "kB") return false;
    mapping.*field.counter = kib;
    mapping.fields_seen |= field.seen;
    return true;
  }
  return false;
}

}  // namespace

std::vector<Mapping> parseSmaps(std::string_view text) {
  std::vector<Mapping> mappings;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    Mapping mapping;
    if (parseRange(line, mapping)) {
      mappings.push_back(std::move(mapping));
    } else if (!mappings.empty()) {
      parseCounter(line, mappings.back());
    }
  }
  return mappings;
}

bool isCleanFileCopy(const Mapping& mapping) {
  return mapping.path.starts_with("/") && !mapping.writable && !mapping.shared &&
         mapping.fields_seen == kAllSeen && mapping.anonymous_kib == 0 && mapping.swap_kib == 0 &&
         mapping.private_dirty_kib == 0 && mapping.shared_dirty_kib == 0;
}

std::set<std::string> mappedFiles() {
  std::set<std::string> files;
  for (const auto& mapping : parseSmaps(readProcFile("/proc/self/maps"))) {
    if (mapping.path.starts_with("/")) files.insert(mapping.path);
  }
  return files;
}

std::string ownExecutable() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.string();
}

unsigned long releaseCleanPages(const std::set<std::string>& files) {
  unsigned long released = 0;
  for (const auto& mapping : parseSmaps(readProcFile("/proc/self/smaps"))) {
    if (!files.contains(mapping.path) || !isCleanFileCopy(mapping) || mapping.rss_kib == 0)
      continue;
    if (madvise(reinterpret_cast<void*>(mapping.start), mapping.end - mapping.start,
                MADV_DONTNEED) == 0) {
      released += mapping.rss_kib;
    }
  }
  return released;
}

}  // namespace parc::agent
