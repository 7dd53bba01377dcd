#pragma once
// The Store conformance suite: every Store implementation runs these tests. An
// implementation joins with one INSTANTIATE_TEST_SUITE_P giving its factory (see
// sqlite_store_test.cpp).

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "server/store/store.h"
#include "shared/report.h"
#include "shared/time.h"

namespace parc::server::testing {

// Makes an empty store whose files, if any, live under `dir`.
using StoreFactory = std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)>;

struct StoreImplementation {
  std::string name;
  StoreFactory make;
};

inline void PrintTo(const StoreImplementation& implementation, std::ostream* os) {
  *os << implementation.name;
}

inline std::string implementationName(const ::testing::TestParamInfo<StoreImplementation>& info) {
  return info.param.name;
}

// Sample hardware, easy to vary per test.
struct Machine {
  OptString uuid, serial, hostname;
  std::vector<std::string> macs;
};

Inventory sampleInventory(const std::string& hostname = "salle-b12-poste03");
TimePoint at(const char* rfc3339);

class StoreConformance : public ::testing::TestWithParam<StoreImplementation> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Two collectivities: A with sites a1 and a2, B with site b1.
  void makePark();
  std::string token(const std::string& site_id, std::int64_t uses = 1, OptString room = std::nullopt,
                    TimePoint expires = at("2030-01-01T00:00:00Z"));
  EnrollResult enrollOk(const std::string& token_secret, const Machine& machine);
  Result<EnrollResult> enroll(const std::string& token_secret, const Machine& machine);
  // Enrolls a machine with fresh random identity into `site_id`.
  EnrollResult enrollNew(const std::string& site_id, const std::string& hostname = "pc");
  AgentIdentity agentOf(const EnrollResult& enrolled);

  Report fullReport(std::uint64_t seq, const Inventory& inventory) const;
  Report stateReport(std::uint64_t seq, OptString inventory_hash) const;
  IngestResult ingestOk(const EnrollResult& enrolled, const Report& report,
                        TimePoint received = at("2026-11-23T08:00:05Z"));

  std::size_t deviceCount(const Scope& scope = Scope::everything());
  std::vector<DeviceSummary> allDevices(const Scope& scope, DeviceFilter filter = {});

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  TimePoint now_ = at("2026-11-23T08:00:00Z");
  Collectivity a_, b_;
  Site a1_, a2_, b1_;
};

}  // namespace parc::server::testing
