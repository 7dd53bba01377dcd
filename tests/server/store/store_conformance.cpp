#include "tests/server/store/store_conformance.h"

#include "shared/crypto.h"

namespace parc::server::testing {

Inventory sampleInventory(const std::string& hostname) {
  Inventory inventory;
  inventory.system.manufacturer = "Acer";
  inventory.system.model = "TravelMate B118-RN";
  inventory.system.serial = "NXVHPEF00112233";
  inventory.system.uuid = "3c1f8a52-1111-4a2b-9c3d-0123456789ab";
  inventory.system.chassis = "laptop";
  inventory.os.name = "Debian GNU/Linux 12 (bookworm)";
  inventory.os.hostname = hostname;
  Cpu cpu;
  cpu.model = "Intel(R) Pentium(R) Silver N5000";
  cpu.physical_id = 0;
  inventory.cpus.push_back(cpu);
  inventory.memory.total_bytes = 4294967296;
  MemoryModule module;
  module.slot = "DIMM A1";
  module.manufacturer = "Samsung";
  module.serial = "M0001";
  module.size_bytes = 4294967296;
  inventory.memory.modules.push_back(module);
  Disk disk;
  disk.name = "sda";
  disk.model = "Samsung SSD 860 EVO";
  disk.serial = "S3Z1NB0K";
  disk.size_bytes = 500107862016;
  inventory.disks.push_back(disk);
  NetInterface nic;
  nic.name = "eth0";
  nic.mac = "00:1B:21:3A:4F:01";
  nic.type = "wired";
  inventory.network.push_back(nic);
  Battery battery;
  battery.name = "BAT0";
  battery.model = "AP16L5J";
  battery.serial = "B123";
  inventory.batteries.push_back(battery);
  return inventory;
}

TimePoint at(const char* rfc3339) { return parseRfc3339(rfc3339).value(); }

void StoreConformance::SetUp() {
  dir_ = std::filesystem::temp_directory_path() / ("parc-store-test-" + randomHex(8));
  std::filesystem::create_directories(dir_);
  store_ = GetParam().make(dir_);
  ASSERT_NE(store_, nullptr);
  makePark();
}

void StoreConformance::TearDown() {
  store_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void StoreConformance::makePark() {
  a_ = store_->createCollectivity("Commune A").value();
  b_ = store_->createCollectivity("Commune B").value();
  a1_ = store_->createSite(a_.id, "École Jules Ferry", "C").value();
  a2_ = store_->createSite(a_.id, "Collège Jean Moulin", std::nullopt).value();
  b1_ = store_->createSite(b_.id, "Lycée Victor Hugo", "A").value();
}

std::string StoreConformance::token(const std::string& site_id, std::int64_t uses, OptString room,
                                    TimePoint expires) {
  auto created = store_->createEnrollmentToken(
      NewEnrollmentToken{.site_id = site_id, .room = std::move(room), .max_uses = uses, .expires_at = expires});
  EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error());
  return created.ok() ? created->secret : std::string();
}

Result<EnrollResult> StoreConformance::enroll(const std::string& token_secret, const Machine& machine) {
  EnrollRequest request;
  request.token = token_secret;
  request.machine.uuid = machine.uuid;
  request.machine.serial = machine.serial;
  request.machine.hostname = machine.hostname;
  request.machine.macs = machine.macs;
  request.agent_version = "0.3.0";
  return store_->enroll(request, now_);
}

EnrollResult StoreConformance::enrollOk(const std::string& token_secret, const Machine& machine) {
  auto result = enroll(token_secret, machine);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error());
  return result.ok() ? result.value() : EnrollResult{};
}

EnrollResult StoreConformance::enrollNew(const std::string& site_id, const std::string& hostname) {
  const std::string hex = randomHex(16);
  const std::string uuid = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
                           hex.substr(16, 4) + "-" + hex.substr(20);
  return enrollOk(token(site_id), Machine{uuid, "SN" + hex, hostname, {}});
}

AgentIdentity StoreConformance::agentOf(const EnrollResult& enrolled) {
  auto identity = store_->authenticateAgent(enrolled.agent_secret);
  EXPECT_TRUE(identity.has_value());
  return identity.value_or(AgentIdentity{});
}

Report StoreConformance::fullReport(std::uint64_t seq, const Inventory& inventory) const {
  Report report;
  report.kind = ReportKind::kFull;
  report.seq = seq;
  report.collected_at = "2026-11-23T08:00:03Z";
  report.inventory = inventory;
  report.inventory_hash = "sha256:not-what-the-agent-says";
  report.state.uptime_s = static_cast<std::int64_t>(seq) * 100;
  return report;
}

Report StoreConformance::stateReport(std::uint64_t seq, OptString inventory_hash) const {
  Report report;
  report.kind = ReportKind::kState;
  report.seq = seq;
  report.collected_at = "2026-11-23T08:15:03Z";
  report.inventory_hash = std::move(inventory_hash);
  report.state.uptime_s = static_cast<std::int64_t>(seq) * 100;
  return report;
}

IngestResult StoreConformance::ingestOk(const EnrollResult& enrolled, const Report& report,
                                        TimePoint received) {
  auto result = store_->ingest(agentOf(enrolled), report, received);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error());
  return result.ok() ? result.value() : IngestResult{};
}

std::vector<DeviceSummary> StoreConformance::allDevices(const Scope& scope, DeviceFilter filter) {
  std::vector<DeviceSummary> out;
  filter.limit = 1000;
  auto page = store_->listDevices(scope, filter);
  EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error());
  if (page.ok()) out = page->devices;
  return out;
}

std::size_t StoreConformance::deviceCount(const Scope& scope) { return allDevices(scope).size(); }

}  // namespace parc::server::testing
