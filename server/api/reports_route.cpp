// POST /api/v1/reports: authenticate, validate, commit, then acknowledge.
// The 202 leaves only after the store has made the report durable.

#include <nlohmann/json.hpp>

#include "server/api/api.h"
#include "server/auth/agent_auth_cache.h"
#include "server/feed/feed.h"
#include "server/ingest/ingest_queue.h"
#include "server/store/store_error.h"
#include "shared/report_json.h"

namespace parc::server {
namespace {

HttpResponse unknownAgent(std::string_view detail) {
  nlohmann::json body = {{"error", "unknown_agent"}, {"detail", detail}, {"reenroll", true}};
  return HttpResponse{401, "application/json", body.dump(), {}};
}

std::optional<std::string> checkCollectedAt(const ApiContext& ctx, const Report& report) {
  const auto collected = parseRfc3339(report.collected_at);  // already validated by the decoder
  const auto now = ctx.clock();
  if (*collected > now + ctx.options.max_future_skew) {
    return "collected_at: " + report.collected_at + " is in the future (check the machine's clock)";
  }
  if (*collected < now - ctx.options.max_report_age) {
    return "collected_at: " + report.collected_at + " is too old to be accepted";
  }
  return std::nullopt;
}

// What answering an ingested report needs, copied: the answer may be given
// later, from the ingest writer thread, after the request's context is gone.
struct IngestAnswer {
  Logger logger;
  feed::Feed* feed;
  std::chrono::seconds report_interval;
  auth::AgentAuthCache* agent_auth;  // told when the store refuses the agent
  std::string secret;
};

// The answer to a report once the store has committed it (or failed to).
HttpResponse answerIngest(const IngestAnswer& ctx, const AgentIdentity& agent, std::uint64_t seq,
                          Result<IngestResult> result) {
  if (!result) {
    if (isUnknownAgent(result.error())) {
      if (ctx.agent_auth != nullptr) ctx.agent_auth->forget(ctx.secret);
      return unknownAgent("these agent credentials are unknown or revoked");
    }
    if (isStorageFull(result.error())) {
      ctx.logger->error("report {} of agent {} refused: {}", seq, agent.agent_id, result.error());
      auto response = jsonError(503, "storage_full", "the server's storage is full; retry later");
      response.headers.emplace_back("Retry-After", "300");
      return response;
    }
    ctx.logger->error("report {} of agent {} failed: {}", seq, agent.agent_id, result.error());
    auto response = jsonError(503, "unavailable", "the server could not store this report");
    response.headers.emplace_back("Retry-After", "60");
    return response;
  }
  for (const std::string& conflict : result->identity_conflicts) {
    ctx.logger->warn("device {}: identity conflict (agent {}, report {}): {}", agent.device_id,
                     agent.agent_id, seq, conflict);
  }
  // Committed: the live feed may show it now (never before: a reader could see an
  // event the store then loses).
  if (ctx.feed != nullptr) ctx.feed->publish(result->alert_events);
  if (result->replayed) {
    ctx.logger->debug("report {} of agent {} replayed: same acknowledgement", seq, agent.agent_id);
  }
  std::string body = "{\"ack\":" + std::to_string(result->ack) +
                     ",\"next_report_in_s\":" + std::to_string(ctx.report_interval.count()) +
                     ",\"send_full\":" + (result->send_full ? "true" : "false") + "}";
  return HttpResponse{202, "application/json", std::move(body), {}};
}

// Group commit: the report waits in the ingest queue and the 202 leaves once its
// batch is committed. Over the queue's bounds: 503 at once, with Retry-After.
HttpResponse deferIngest(IngestQueue& queue, const IngestAnswer& answer, IngestItem item) {
  HttpResponse response;
  item.prepared = prepareReport(item.report);  // here, not on the single writer thread
  auto shared_item = std::make_shared<IngestItem>(std::move(item));
  response.deferred = [&queue, answer, shared_item](Responder respond) {
    const AgentIdentity agent = shared_item->agent;
    const std::uint64_t seq = shared_item->report.seq;
    auto admission = queue.submit(std::move(*shared_item),
                                  [answer, agent, seq, respond](Result<IngestResult> result) {
                                    respond(answerIngest(answer, agent, seq, std::move(result)));
                                  });
    if (admission.queued) return;
    answer.logger->debug("ingest queue full: report {} of agent {} refused for {} s", seq,
                         agent.agent_id, admission.retry_after.count());
    auto busy = jsonError(503, "overloaded", "the server is busy; retry after the given delay");
    busy.headers.emplace_back("Retry-After", std::to_string(admission.retry_after.count()));
    respond(std::move(busy));
  };
  return response;
}

}  // namespace

HttpResponse reportsRoute(const ApiContext& ctx, const HttpRequest& request) {
  const std::string_view secret = request.bearerToken();
  if (secret.empty()) return unknownAgent("missing agent credentials (Authorization: Bearer)");
  const auto agent = ctx.agent_auth != nullptr ? ctx.agent_auth->authenticate(ctx.store, secret)
                                               : ctx.store.authenticateAgent(std::string(secret));
  if (!agent) return unknownAgent("these agent credentials are unknown or revoked");

  // The cache may still hold a secret revoked elsewhere: before any other refusal,
  // the store is asked again, so a revoked agent always hears 401 (reenroll).
  const auto refuse = [&](std::string_view detail) {
    if (ctx.agent_auth != nullptr && !ctx.agent_auth->stillValid(ctx.store, secret)) {
      return unknownAgent("these agent credentials are unknown or revoked");
    }
    return jsonError(400, "invalid_report", std::string(detail));
  };
  auto report = decodeReport(request.body);
  if (!report) return refuse(report.error());
  if (report->agent.id != agent->agent_id) return refuse("agent.id: does not match the authenticated agent");
  if (auto bad_time = checkCollectedAt(ctx, *report)) return refuse(*bad_time);

  const IngestAnswer answer{ctx.logger, ctx.feed, ctx.options.report_interval, ctx.agent_auth,
                            std::string(secret)};
  if (ctx.options.ingest_queue == nullptr) {
    return answerIngest(answer, *agent, report->seq, ctx.store.ingest(*agent, *report, ctx.clock()));
  }
  return deferIngest(*ctx.options.ingest_queue, answer,
                     IngestItem{*agent, std::move(*report), ctx.clock()});
}

}  // namespace parc::server
