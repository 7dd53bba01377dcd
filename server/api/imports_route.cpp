// POST /api/v1/imports[?dry_run=1]: an inventory CSV (the request body) into the
// caller's collectivity. Admins of a whole collectivity only; with a session, the
// CSRF token as on every change. Answers the report: every rejected line with its
// number and reason, and what was (or would be) created, updated, left unchanged.

#include <nlohmann/json.hpp>

#include "server/api/api.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/import/import_runner.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxRejectionsShown = 1000;

json reportJson(const imports::ImportReport& report) {
  json rejected = json::array();
  for (const auto& rejection : report.plan.rejections) {
    if (rejected.size() == kMaxRejectionsShown) break;
    rejected.push_back({{"line", rejection.line}, {"reason", rejection.reason}});
  }
  return {{"dry_run", report.dry_run},
          {"applied", report.applied},
          {"lines", report.plan.records},
          {"accepted", report.plan.devices.size()},
          {"rejected_count", report.plan.rejections.size()},
          {"rejected", std::move(rejected)},
          {"created", report.outcome.created},
          {"updated", report.outcome.updated},
          {"unchanged", report.outcome.unchanged}};
}

bool dryRun(const HttpRequest& request) {
  const auto it = request.query.find("dry_run");
  return it != request.query.end() && (it->second == "1" || it->second == "true");
}

std::string auditDetail(const imports::ImportReport& report) {
  return std::string(report.dry_run ? "dry run" : report.applied ? "applied" : "refused") +
         ": created=" + std::to_string(report.outcome.created) +
         " updated=" + std::to_string(report.outcome.updated) +
         " unchanged=" + std::to_string(report.outcome.unchanged) +
         " rejected=" + std::to_string(report.plan.rejections.size());
}

HttpResponse jsonAnswer(int status, const json& body) {
  return HttpResponse{status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

}  // namespace

HttpResponse importDevicesRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& principal = *authenticated.principal;
  if (!auth::allowed(principal, auth::Action::manage_collectivity)) {
    return auth::forbidden("imports are for the admins of a collectivity");
  }
  const bool dry_run = dryRun(request);
  auto report = imports::runImport(ctx.store, *principal.scope.collectivity_id, request.body, dry_run,
                                   ctx.clock());
  if (!report) return jsonError(500, "import_failed", report.error());
  auth::recordAudit(ctx, request, principal, {"import", std::nullopt, auditDetail(*report)});
  json body = reportJson(*report);
  if (!dry_run && !report->applied) {
    body["error"] = "import_rejected";
    body["detail"] = std::to_string(report->plan.rejections.size()) + " lines rejected: nothing was imported";
    return jsonAnswer(422, body);
  }
  return jsonAnswer(200, body);
}

}  // namespace parc::server
