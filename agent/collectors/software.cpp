#include "agent/collectors/software.h"

#include <algorithm>
#include <tuple>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kDpkgStatus = "/var/lib/dpkg/status";
constexpr std::size_t kMaxStatusBytes = 64 << 20;
constexpr std::string_view kInstalled = "install ok installed";

struct Stanza {
  std::string_view package, status, version, architecture;
  bool empty() const { return package.empty() && status.empty() && version.empty() && architecture.empty(); }
};

// One token of clean text: no spaces, no control bytes, valid UTF-8.
OptString token(std::string_view raw) {
  const std::string_view text = trim(raw);
  if (text.empty() || !isCleanText(text) || text.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(text);
}

void addField(std::string_view line, Stanza& stanza) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  const std::string_view key = line.substr(0, colon);
  const std::string_view value = trim(line.substr(colon + 1));
  if (key == "Package") stanza.package = value;
  else if (key == "Status") stanza.status = value;
  else if (key == "Version") stanza.version = value;
  else if (key == "Architecture") stanza.architecture = value;
}

void finish(const Stanza& stanza, std::vector<Package>& packages) {
  if (stanza.status != kInstalled) return;
  auto name = token(stanza.package);
  if (!name) return;
  Package package;
  package.name = std::move(*name);
  package.version = token(stanza.version);
  package.arch = token(stanza.architecture);
  if (!stanza.version.empty() && !package.version) return;  // a version, but garbled: skip, do not guess
  packages.push_back(std::move(package));
}

}  // namespace

std::vector<Package> parseDpkgStatus(std::string_view text) {
  if (const auto last_newline = text.rfind('\n'); last_newline == std::string_view::npos) {
    text = {};
  } else {
    text = text.substr(0, last_newline + 1);  // drop a last line that has no newline
  }
  std::vector<Package> packages;
  Stanza stanza;
  for (std::string_view line : splitLines(text)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) {
      if (!stanza.empty()) finish(stanza, packages);
      stanza = {};
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') continue;  // continuation of a field we ignore
    addField(line, stanza);
  }
  if (!stanza.empty()) finish(stanza, packages);
  std::sort(packages.begin(), packages.end(), [](const Package& a, const Package& b) {
    return std::tie(a.name, a.arch) < std::tie(b.name, b.arch);
  });
  return packages;
}

CollectOutcome SoftwareCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto text = root.readFile(kDpkgStatus, kMaxStatusBytes);
  if (!text) return CollectOutcome::noData(std::string(kDpkgStatus) + ": absent (not a dpkg system)");
  auto packages = parseDpkgStatus(*text);
  if (packages.empty()) return CollectOutcome::noData(std::string(kDpkgStatus) + ": no installed package");
  snapshot.inventory.software = std::move(packages);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
