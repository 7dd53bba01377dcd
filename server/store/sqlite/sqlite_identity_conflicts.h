#pragma once
// Detection of one agent identity used by two machines (a cloned disk, a copied
// state directory), for SqliteStore::ingest. Signs, from a report of an
// authenticated agent:
//   seq_reused       a seq already committed for another report (other collected_at
//                    or kind): the same spool counter runs on two machines
//   seq_backwards    a new seq below the highest one this enrollment has sent
// A changed system UUID or serial alone is not a sign: a swapped motherboard does
// that, and the inventory diff already records it ("system" replaced). Two machines
// on one identity show in their interleaved sequence numbers as soon as both report.
// Each sign is recorded once a day per device (identity_conflicts, and a
// component_changes entry "identity"/"conflict" in the device's history).

#include <optional>
#include <string>
#include <vector>

#include "server/store/sqlite/sqlite_db.h"
#include "shared/report.h"
#include "shared/time.h"

namespace parc::server::sqlite {

struct IngestingAgent {
  const std::string& agent_id;
  const std::string& device_id;
  std::int64_t enrollment;
};

// The report already stored under this report's (agent, enrollment, seq), if any.
struct StoredReport {
  std::string collected_at, kind;
  bool send_full = false;  // the answer it was given
};
std::optional<StoredReport> readStoredReport(Connection& db, const IngestingAgent& agent, std::int64_t seq);

// Records what this report shows, inside the caller's transaction; returns the
// newly recorded details (for the caller to log). `stored` is readStoredReport()
// for this report's seq.
std::vector<std::string> recordIdentityConflicts(Connection& db, const IngestingAgent& agent,
                                                 const Report& report, const std::optional<StoredReport>& stored,
                                                 TimePoint received_at);

}  // namespace parc::server::sqlite
