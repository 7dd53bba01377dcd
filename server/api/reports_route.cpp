// POST /api/v1/reports: authenticate, validate, commit, then acknowledge.
// The 202 leaves only after the store has made the report durable.

#include <nlohmann/json.hpp>

#include "server/api/api.h"
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

}  // namespace

HttpResponse reportsRoute(const ApiContext& ctx, const HttpRequest& request) {
  const std::string_view secret = request.bearerToken();
  if (secret.empty()) return unknownAgent("missing agent credentials (Authorization: Bearer)");
  const auto agent = ctx.store.authenticateAgent(std::string(secret));
  if (!agent) return unknownAgent("these agent credentials are unknown or revoked");

  auto report = decodeReport(request.body);
  if (!report) return jsonError(400, "invalid_report", report.error());
  if (report->agent.id != agent->agent_id) {
    return jsonError(400, "invalid_report", "agent.id: does not match the authenticated agent");
  }
  if (auto bad_time = checkCollectedAt(ctx, *report)) {
    return jsonError(400, "invalid_report", *bad_time);
  }

  auto result = ctx.store.ingest(*agent, *report, ctx.clock());
  if (!result) {
    if (isStorageFull(result.error())) {
      ctx.logger->error("report {} of agent {} refused: {}", report->seq, agent->agent_id,
                        result.error());
      auto response = jsonError(503, "storage_full", "the server's storage is full; retry later");
      response.headers.emplace_back("Retry-After", "300");
      return response;
    }
    ctx.logger->error("report {} of agent {} failed: {}", report->seq, agent->agent_id,
                      result.error());
    auto response = jsonError(503, "unavailable", "the server could not store this report");
    response.headers.emplace_back("Retry-After", "60");
    return response;
  }
  for (const std::string& conflict : result->identity_conflicts) {
    ctx.logger->warn("device {}: identity conflict (agent {}, report {}): {}", agent->device_id,
                     agent->agent_id, report->seq, conflict);
  }
  if (result->replayed) {
    ctx.logger->debug("report {} of agent {} replayed: same acknowledgement", report->seq,
                      agent->agent_id);
  }
  const nlohmann::json body = {{"ack", result->ack},
                               {"next_report_in_s", ctx.options.report_interval.count()},
                               {"send_full", result->send_full}};
  return HttpResponse{202, "application/json", body.dump(), {}};
}

}  // namespace parc::server
