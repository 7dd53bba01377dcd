#pragma once
// network: /sys/class/net/* -> inventory.network (MAC, driver, wired / wireless /
// virtual, link speed); addresses from getifaddrs() on a live system only.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"

namespace parc::agent::collectors {

// Interface name -> its addresses ("192.0.2.10", "2001:db8::1").
using InterfaceAddresses = std::map<std::string, std::vector<std::string>>;
using AddressSource = std::function<InterfaceAddresses()>;

// "A4:BB:6D:01:02:03" -> "a4:bb:6d:01:02:03"; nullopt for malformed and all-zero addresses.
std::optional<std::string> normaliseMac(std::string_view raw);
// The addresses of every interface, by getifaddrs(); empty when it fails.
InterfaceAddresses systemAddresses();

class NetworkCollector final : public Collector {
 public:
  // Without a source, addresses are read with systemAddresses() when the root is live.
  explicit NetworkCollector(AddressSource addresses = {}) : addresses_(std::move(addresses)) {}
  std::string_view name() const override { return "network"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;

 private:
  AddressSource addresses_;
};

}  // namespace parc::agent::collectors
