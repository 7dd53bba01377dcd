// The floor of an inventory agent: reads the same kernel files as parc-agent's
// collectors (/proc/cpuinfo, /proc/meminfo, /etc/os-release, /sys/class/dmi/id,
// /sys/block, /sys/class/net, /sys/class/power_supply, /var/lib/dpkg/status) and prints
// them as one JSON object, with nothing else: no configuration, no logging, no
// parsing beyond "key: value". What no agent can go below on this machine.

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

// The whole file; empty when it cannot be opened or read (sysfs answers EINVAL for some
// attributes, such as the speed of a link that is down).
std::string readAll(const std::string& path) {
  std::string text;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[65536];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(got));
  ::close(fd);
  return text;
}

std::vector<std::string> listDir(const std::string& path) {
  std::vector<std::string> names;
  if (DIR* dir = ::opendir(path.c_str())) {
    while (const dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
    }
    ::closedir(dir);
  }
  return names;
}

void appendEscaped(std::string& out, const std::string& text) {
  out += '"';
  for (const unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// "key: value" or "key=value" lines as a JSON object (the last value of a key wins in readers).
void appendKeyValues(std::string& out, const std::string& text, char separator) {
  out += '{';
  bool first = true;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const auto at = line.find(separator);
    if (at == std::string::npos) continue;
    std::string key = trimmed(line.substr(0, at));
    while (!key.empty() && key.back() == '\t') key.pop_back();
    std::string value = line.substr(at + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (!first) out += ',';
    first = false;
    appendEscaped(out, key);
    out += ':';
    appendEscaped(out, value);
  }
  out += '}';
}

// Every attribute file of each entry of a sysfs class directory.
void appendSysfsClass(std::string& out, const std::string& dir, const std::vector<std::string>& attributes) {
  out += '{';
  bool first = true;
  for (const auto& name : listDir(dir)) {
    if (!first) out += ',';
    first = false;
    appendEscaped(out, name);
    out += ":{";
    bool first_attribute = true;
    for (const auto& attribute : attributes) {
      const std::string value = trimmed(readAll(dir + "/" + name + "/" + attribute));
      if (value.empty()) continue;
      if (!first_attribute) out += ',';
      first_attribute = false;
      appendEscaped(out, attribute);
      out += ':';
      appendEscaped(out, value);
    }
    out += '}';
  }
  out += '}';
}

// Package names and versions of the installed stanzas of the dpkg database.
void appendPackages(std::string& out, const std::string& text) {
  out += '{';
  bool first = true;
  std::string name, version;
  bool installed = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) {
      if (installed && !name.empty()) {
        if (!first) out += ',';
        first = false;
        appendEscaped(out, name);
        out += ':';
        appendEscaped(out, version);
      }
      name.clear();
      version.clear();
      installed = false;
      if (end == text.size()) break;
      continue;
    }
    if (line.rfind("Package: ", 0) == 0) name = line.substr(9);
    if (line.rfind("Version: ", 0) == 0) version = line.substr(9);
    if (line == "Status: install ok installed") installed = true;
  }
  out += '}';
}

}  // namespace

int main() {
  std::string out = "{\"cpuinfo\":";
  appendKeyValues(out, readAll("/proc/cpuinfo"), ':');
  out += ",\"meminfo\":";
  appendKeyValues(out, readAll("/proc/meminfo"), ':');
  out += ",\"os_release\":";
  appendKeyValues(out, readAll("/etc/os-release"), '=');
  out += ",\"dmi\":";
  appendSysfsClass(out, "/sys/class/dmi", {"id/sys_vendor", "id/product_name", "id/product_serial",
                                           "id/product_uuid", "id/bios_vendor", "id/bios_version",
                                           "id/bios_date", "id/chassis_type", "id/board_name"});
  out += ",\"block\":";
  appendSysfsClass(out, "/sys/block", {"size", "queue/rotational", "device/model", "device/serial"});
  out += ",\"net\":";
  appendSysfsClass(out, "/sys/class/net", {"address", "speed", "operstate"});
  out += ",\"power_supply\":";
  appendSysfsClass(out, "/sys/class/power_supply",
                   {"type", "energy_full_design", "energy_full", "cycle_count", "status"});
  out += ",\"packages\":";
  appendPackages(out, readAll("/var/lib/dpkg/status"));
  out += "}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
