// GET /api/v1/exports/inventory?format=csv|xlsx|json&separator=;&bom=1&<filters of
// GET /api/v1/devices>: the inventory in a file, streamed page by page from its
// own thread, so a large park never sits in memory. Every role may export; each
// export is recorded in the audit log.

#include <thread>

#include "server/api/query_params.h"
#include "server/api/api.h"
#include "server/api/device_filter_params.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/export/inventory_export.h"

namespace parc::server {
namespace {

constexpr std::chrono::seconds kSlowReaderTimeout{60};

// The response body as a ByteSink: waits while the client is slow, stops when it
// has gone or stalls for longer than kSlowReaderTimeout.
class ResponseSink final : public exports::ByteSink {
 public:
  explicit ResponseSink(std::shared_ptr<ResponseStream> stream) : stream_(std::move(stream)) {}
  bool write(std::string_view bytes) override {
    if (!stream_->waitWritable(kSlowReaderTimeout)) return false;
    return stream_->write(std::string(bytes));
  }

 private:
  std::shared_ptr<ResponseStream> stream_;
};

// The export's options from the query, or the 400 that refuses them.
std::variant<exports::ExportOptions, HttpResponse> readOptions(const HttpRequest& request) {
  exports::ExportOptions options;
  const auto format = exports::parseFormat(queryValue(request, "format").value_or("csv"));
  if (!format) return jsonError(400, "invalid_request", "format: expected csv, xlsx or json");
  options.format = *format;
  const std::string separator = queryValue(request, "separator").value_or(",");
  if (separator == "," || separator == "comma") {
    options.separator = ',';
  } else if (separator == ";" || separator == "semicolon") {
    options.separator = ';';
  } else {
    return jsonError(400, "invalid_request", "separator: expected ',' or ';'");
  }
  const std::string bom = queryValue(request, "bom").value_or("0");
  if (bom != "0" && bom != "1" && bom != "true" && bom != "false") {
    return jsonError(400, "invalid_request", "bom: expected 0 or 1");
  }
  options.bom = bom == "1" || bom == "true";
  return options;
}

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

// The export itself, on its own thread: it may block on a slow reader.
StreamProducer producer(Store& store, exports::InventoryExport job, exports::ExportOptions options,
                        Logger logger) {
  return [&store, job = std::move(job), options = std::move(options),
          logger = std::move(logger)](std::shared_ptr<ResponseStream> stream) {
    std::thread([&store, job, options, logger, stream] {
      ResponseSink sink(stream);
      auto exporter = exports::makeExporter(options, sink);
      auto written = exporter ? exports::exportInventory(store, job, **exporter)
                              : Result<std::size_t>(makeError(exporter.error()));
      if (written) {
        logger->debug("exported {} devices", *written);
      } else {
        logger->warn("inventory export stopped: {}", written.error());
      }
      stream->close();
    }).detach();
  };
}

}  // namespace

HttpResponse exportInventoryRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  const auth::Principal& principal = *authenticated.principal;
  if (!auth::allowed(principal, auth::Action::read)) return auth::forbidden("exports are not allowed");
  auto options = readOptions(request);
  if (auto* refusal = std::get_if<HttpResponse>(&options)) return std::move(*refusal);
  auto& export_options = std::get<exports::ExportOptions>(options);
  export_options.temp_dir = ctx.options.export_dir;

  const auto filter = readDeviceFilter(request);  // the list's own filters and sort
  if (!filter) return jsonError(400, "invalid_request", filter.error());

  const TimePoint now = ctx.clock();
  exports::InventoryExport job{.scope = principal.scope, .filter = *filter,
                               .today = exports::dateOf(now), .progress = {}};
  auth::recordAudit(ctx, request, principal, {"export", std::nullopt, auditDetail(export_options, job.filter)});

  HttpResponse response;
  response.status = 200;
  response.content_type = std::string(exports::formatMediaType(export_options.format));
  const std::string file_name = "parc-inventaire-" + formatRfc3339(now).substr(0, 10) + "." +
                                std::string(exports::formatExtension(export_options.format));
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.stream = producer(ctx.store, std::move(job), std::move(export_options), ctx.logger);
  return response;
}

}  // namespace parc::server
