#include "agent/collectors/network.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <cctype>
#include <filesystem>
#include <system_error>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kNetDir = "/sys/class/net";
constexpr std::int64_t kArphrdLoopback = 772;
constexpr std::int64_t kMaxSpeedMbps = 1'000'000;  // 1 Tb/s; drivers say 4294967295 for "unknown"

bool isDirectory(const FsRoot& root, const std::string& path) {
  std::error_code error;
  return std::filesystem::is_directory(root.resolve(path), error);
}

std::string interfaceType(const FsRoot& root, const std::string& dir) {
  if (!root.exists(dir + "/device")) return "virtual";
  if (root.exists(dir + "/wireless") || root.exists(dir + "/phy80211")) return "wireless";
  return "wired";
}

NetInterface describeInterface(const FsRoot& root, const std::string& name) {
  const std::string dir = std::string(kNetDir) + "/" + name;
  NetInterface nic;
  nic.name = name;
  if (const auto address = root.readAttribute(dir + "/address")) nic.mac = normaliseMac(*address);
  nic.driver = root.linkTargetName(dir + "/device/driver");
  nic.type = interfaceType(root, dir);
  if (const auto speed = root.readInteger(dir + "/speed"); speed && *speed > 0 && *speed <= kMaxSpeedMbps) {
    nic.speed_mbps = speed;
  }
  return nic;
}

std::optional<std::string> formatAddress(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(address);
    if (::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) return std::string(text);
  } else if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    if (::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text)) return std::string(text);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> normaliseMac(std::string_view raw) {
  const std::string mac = toLower(trim(raw));
  // Ethernet and Wi-Fi: 6 octets; InfiniBand: 20. Each "xx", separated by ':'.
  if (mac.size() % 3 != 2 || mac.size() < 17 || mac.size() > 59) return std::nullopt;
  bool all_zero = true;
  for (std::size_t i = 0; i < mac.size(); ++i) {
    const char c = mac[i];
    if (i % 3 == 2 ? c != ':' : !std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (i % 3 != 2 && c != '0') all_zero = false;
  }
  if (all_zero) return std::nullopt;
  return mac;
}

InterfaceAddresses systemAddresses() {
  InterfaceAddresses result;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return result;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || entry->ifa_name == nullptr) continue;
    if (auto text = formatAddress(entry->ifa_addr)) result[entry->ifa_name].push_back(std::move(*text));
  }
  ::freeifaddrs(list);
  return result;
}

CollectOutcome NetworkCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  if (!root.exists(kNetDir)) return CollectOutcome::noData(std::string(kNetDir) + ": absent");
  InterfaceAddresses addresses;
  if (addresses_) addresses = addresses_();
  else if (root.isLiveSystem()) addresses = systemAddresses();
  std::vector<NetInterface> interfaces;
  for (const auto& name : root.list(kNetDir)) {
    const std::string dir = std::string(kNetDir) + "/" + name;
    if (name == "lo" || !isCleanText(name) || !isDirectory(root, dir)) continue;  // bonding_masters is a file
    if (root.readInteger(dir + "/type") == kArphrdLoopback) continue;
    NetInterface nic = describeInterface(root, name);
    if (const auto it = addresses.find(name); it != addresses.end()) nic.addresses = it->second;
    interfaces.push_back(std::move(nic));
  }
  if (interfaces.empty()) return CollectOutcome::noData(std::string(kNetDir) + ": no interface but lo");
  snapshot.inventory.network = std::move(interfaces);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
