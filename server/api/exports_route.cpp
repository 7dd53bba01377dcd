// GET /api/v1/exports/inventory?format=csv|xlsx|json&separator=;&bom=1&<filters of
// GET /api/v1/devices>: the inventory in a file, streamed page by page from its
// own thread, so a large park never sits in memory. Every role may export; each
// export is recorded in the audit log.

#include "server/api/api.h"
#include "server/api/device_filter_params.h"
#include "server/api/export_stream.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/export/inventory_export.h"

namespace parc::server {
namespace {

std::string auditDetail(const exports::ExportOptions& options, const DeviceFilter& filter) {
  std::string detail = "inventory " + std::string(exports::formatExtension(options.format));
  const auto add = [&](const char* key, const OptString& value) {
    if (value) detail += std::string(" ") + key + "=" + value->substr(0, 80);
  };
  add("site", filter.site_id);
  add("room", filter.room);
  add("kind", filter.kind);
  add("status", filter.status);
  add("q", filter.q);
  add("manufacturer", filter.manufacturer);
  add("model", filter.model);
  add("os", filter.os);
  if (filter.age_min) detail += " age_min=" + std::to_string(*filter.age_min);
  if (filter.age_max) detail += " age_max=" + std::to_string(*filter.age_max);
  return detail;
}

}  // namespace

HttpResponse exportInventoryRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& principal = *authenticated.principal;
  if (!auth::allowed(principal, auth::Action::read)) return auth::forbidden("exports are not allowed");
  auto options = exportOptionsFromQuery(request, /*csv_only=*/false);
  if (auto* refusal = std::get_if<HttpResponse>(&options)) return std::move(*refusal);
  auto& export_options = std::get<exports::ExportOptions>(options);
  export_options.temp_dir = ctx.options.export_dir;

  const auto filter = readDeviceFilter(request);  // the list's own filters and sort
  if (!filter) return jsonError(400, "invalid_request", filter.error());

  const TimePoint now = ctx.clock();
  exports::InventoryExport job{.scope = principal.scope, .filter = *filter,
                               .today = exports::dateOf(now), .progress = {}};
  auth::recordAudit(ctx, request, principal, {"export", std::nullopt, auditDetail(export_options, job.filter)});

  const std::string file_name = "parc-inventaire-" + formatRfc3339(now).substr(0, 10) + "." +
                                std::string(exports::formatExtension(export_options.format));
  // The export runs on its own thread: it may block on a slow reader.
  Store& store = ctx.store;
  return streamedExport(
      std::move(export_options), file_name,
      [&store, job = std::move(job)](exports::Exporter& exporter) {
        return exports::exportInventory(store, job, exporter);
      },
      ctx.logger);
}

}  // namespace parc::server
