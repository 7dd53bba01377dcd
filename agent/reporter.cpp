#include "agent/reporter.h"

#include "agent/collectors/runner.h"
#include "agent/report_builder.h"
#include "shared/report_json.h"
#include "shared/version.h"

namespace parc::agent {

Reporter::Reporter(const AgentConfig& config, const StateDir& state, Spool& spool,
                   Uploader& uploader, const std::vector<std::unique_ptr<Collector>>& collectors,
                   Logger logger, Clock clock)
    : config_(config), state_(state), spool_(spool), uploader_(uploader), collectors_(collectors),
      logger_(std::move(logger)), clock_(std::move(clock)) {}

Result<QueuedReport> Reporter::collectAndQueue(const Identity& identity) {
  auto progress = state_.loadProgress();
  if (!progress) return makeError(progress.error());
  // A spool restored from a backup, or a progress file lost, must not make us
  // reuse a sequence number the server has already seen.
  if (const auto highest = spool_.highestSeq(); highest && *highest >= progress->next_seq) {
    progress->next_seq = *highest + 1;
  }
  const std::uint64_t seq = progress->next_seq++;
  if (auto saved = state_.saveProgress(*progress); !saved) return makeError(saved.error());

  auto collected = runCollectors(collectors_, FsRoot(config_.root), logger_);
  const ReportContext context{identity.agent_id, kVersion, seq, clock_()};
  const Report report = buildReport(std::move(collected.snapshot), std::move(collected.runs),
                                    *progress, context);
  if (auto pushed = spool_.push(seq, report.kind, encodeReport(report)); !pushed) {
    return makeError("cannot queue report " + std::to_string(seq) + ": " + pushed.error());
  }
  if (report.kind == ReportKind::kFull) {
    // The spool never drops its newest full report: once queued, it will be delivered.
    progress->inventory_hash = *report.inventory_hash;
    progress->send_full = false;
    if (auto saved = state_.saveProgress(*progress); !saved) return makeError(saved.error());
  }
  logger_->info("queued {} report {}", toString(report.kind), seq);
  return QueuedReport{seq, report.kind};
}

DrainResult Reporter::deliver(const Identity& identity) {
  const DrainTarget target{identity.server, identity.agent_secret};
  DrainResult result = drainSpool(spool_, uploader_, target, logger_);
  auto progress = state_.loadProgress();
  if (!progress) {
    logger_->error("{}", progress.error());
    return result;
  }
  const std::string now = formatRfc3339(clock_());
  progress->last_attempt_at = now;
  if (result.stopped_reason == DrainStop::kDrained) {
    progress->last_success_at = now;
    progress->last_error.clear();
  } else {
    progress->last_error = result.last_error;
  }
  if (result.send_full) progress->send_full = *result.send_full;
  if (result.next_report_in) progress->next_report_in_s = result.next_report_in->count();
  if (auto saved = state_.saveProgress(*progress); !saved) logger_->error("{}", saved.error());
  return result;
}

}  // namespace parc::agent
