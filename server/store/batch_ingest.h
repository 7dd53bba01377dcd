#pragma once
// Group commit: many reports, one transaction, one fsync. A store that can do it
// implements BatchIngester beside Store; the IngestQueue (server/ingest/) feeds it
// from one writer thread.

#include <vector>

#include "server/store/store.h"

namespace parc::server {

// What can be computed from a report alone, before the writer takes it: done on
// the request's thread, so the single writer thread only runs SQL.
struct PreparedReport {
  std::string state_json;      // encodeState(report.state)
  OptString inventory_hash;    // inventoryHash(*report.inventory), for a full report
  std::vector<std::string> projector_states;  // the stored form of each polled projector's state
};
PreparedReport prepareReport(const Report& report);

struct IngestItem {
  AgentIdentity agent;
  Report report;
  TimePoint received_at;
  std::optional<PreparedReport> prepared;  // computed by the writer when absent
};

class BatchIngester {
 public:
  virtual ~BatchIngester() = default;
  // Ingests `items` in one transaction, each report apart: a report refused or
  // failing rolls back alone and gets its own error. Returns one result per item,
  // in order, once the transaction is committed; a success is an acknowledgement
  // once syncCommitted() has made it durable. When the commit itself fails, every
  // item gets that error. The items are consumed (their states end in the alert
  // rules' facts).
  virtual std::vector<Result<IngestResult>> ingestBatch(std::vector<IngestItem> items) = 0;
  // Makes every batch committed before this call durable. Called from another
  // thread than ingestBatch (the ingest queue's syncer), so the writer prepares
  // the next batch while the disk works. A store whose commits are durable by
  // themselves has nothing to do.
  virtual Status syncCommitted() { return {}; }
};

}  // namespace parc::server
