#include "server/api/export_stream.h"

#include <thread>

#include "server/api/query_params.h"
#include "server/export/byte_sink.h"

namespace parc::server {
namespace {

constexpr std::chrono::seconds kSlowReaderTimeout{60};

// The response body as a ByteSink: waits while the client is slow, stops when it
// has gone or stalls for longer than kSlowReaderTimeout.
class StreamSink final : public exports::ByteSink {
 public:
  explicit StreamSink(std::shared_ptr<ResponseStream> stream) : stream_(std::move(stream)) {}
  bool write(std::string_view bytes) override {
    if (!stream_->waitWritable(kSlowReaderTimeout)) return false;
    return stream_->write(std::string(bytes));
  }

 private:
  std::shared_ptr<ResponseStream> stream_;
};

}  // namespace

std::variant<exports::ExportOptions, HttpResponse> exportOptionsFromQuery(const HttpRequest& request,
                                                                           bool csv_only) {
  exports::ExportOptions options;
  const auto format = exports::parseFormat(queryValue(request, "format").value_or("csv"));
  if (!format || (csv_only && *format != exports::Format::csv)) {
    return jsonError(400, "invalid_request", csv_only ? "format: expected csv" : "format: expected csv, xlsx or json");
  }
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

HttpResponse streamedExport(exports::ExportOptions options, const std::string& file_name, ExportJob write,
                            Logger logger) {
  HttpResponse response;
  response.status = 200;
  response.content_type = std::string(exports::formatMediaType(options.format));
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.stream = [options = std::move(options), write = std::move(write), logger = std::move(logger),
                     file_name](std::shared_ptr<ResponseStream> stream) {
    std::thread([options, write, logger, file_name, stream] {
      StreamSink sink(stream);
      auto exporter = exports::makeExporter(options, sink);
      auto written = exporter ? write(**exporter) : Result<std::size_t>(makeError(exporter.error()));
      if (written) {
        logger->debug("{}: exported {} rows", file_name, *written);
      } else {
        logger->warn("{}: export stopped: {}", file_name, written.error());
      }
      stream->close();
    }).detach();
  };
  return response;
}

}  // namespace parc::server
