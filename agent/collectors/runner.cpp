#include "agent/collectors/runner.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <string>

namespace parc::agent {
namespace {

CollectOutcome collectGuarded(const Collector& collector, const FsRoot& root, Snapshot& snapshot) {
  try {
    return collector.collect(root, snapshot);
  } catch (const std::exception& e) {
    return CollectOutcome::error(std::string("unexpected exception: ") + e.what());
  } catch (...) {
    return CollectOutcome::error("unexpected exception of unknown type");
  }
}

void logRun(const Logger& logger, const CollectorRun& run) {
  if (!logger) return;
  const std::string detail = run.detail.value_or("");
  if (run.status == "error") {
    logger->error("collector {} failed after {} ms: {}", run.name, run.ms.value_or(0), detail);
  } else if (run.status == "no_data") {
    logger->debug("collector {}: no data ({}), {} ms", run.name, detail, run.ms.value_or(0));
  } else {
    logger->debug("collector {}: ok, {} ms", run.name, run.ms.value_or(0));
  }
}

}  // namespace

std::string_view toString(CollectStatus status) {
  switch (status) {
    case CollectStatus::kOk: return "ok";
    case CollectStatus::kNoData: return "no_data";
    case CollectStatus::kError: return "error";
  }
  return "error";
}

CollectionResult runCollectors(const std::vector<std::unique_ptr<Collector>>& collectors,
                               const FsRoot& root, const Logger& logger) {
  CollectionResult result;
  for (const auto& collector : collectors) {
    if (!collector) continue;
    const auto started = std::chrono::steady_clock::now();
    const CollectOutcome outcome = collectGuarded(*collector, root, result.snapshot);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    CollectorRun run;
    run.name = std::string(collector->name());
    run.status = std::string(toString(outcome.status));
    run.ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    if (!outcome.detail.empty()) run.detail = outcome.detail;
    logRun(logger, run);
    result.runs.push_back(std::move(run));
  }
  return result;
}

}  // namespace parc::agent
