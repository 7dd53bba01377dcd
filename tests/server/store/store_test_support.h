#pragma once
// What the store, stats and notify suites repeat around the conformance
// fixture: the SQLite implementation they instantiate on, the one-disk states
// that raise or clear the SMART alert, and a store with one reporting computer.

#include <cstdint>
#include <filesystem>
#include <memory>

#include "server/store/store.h"
#include "shared/report.h"
#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {

// A SqliteStore on `dir`/parc.db (EXPECTs it opens; nullptr when it does not).
std::unique_ptr<Store> openSqliteStore(const std::filesystem::path& dir);

// A state whose only disk, sda, fails SMART with `reallocated` sectors.
State failingSdaState(std::int64_t reallocated);
// A state whose only disk, sda, passes SMART with no reallocated sector.
State healthySdaState();

// A park with one computer (salle-b12-poste03 on site a1_) past its full report
// of 08:00:05; send() adds its next state reports.
class OneDeviceStore : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    makePark();
    device_ = enrollNew(a1_.id, "salle-b12-poste03");
    ingestOk(device_, fullReport(1, sampleInventory()), at("2026-11-23T08:00:05Z"));
  }

  // The next state report, `state`, received at `when`.
  IngestResult send(const State& state, const char* when) {
    Report report = stateReport(++seq_, std::nullopt);
    report.state = state;
    return ingestOk(device_, report, at(when));
  }

  EnrollResult device_;
  std::uint64_t seq_ = 1;
};

}  // namespace parc::server::testing
