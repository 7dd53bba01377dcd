#pragma once
// What the activity exports share with the inventory export: the CSV options of
// the query (format, separator, bom) and a streamed attachment whose body an
// export writes from its own thread.

#include <functional>
#include <string>
#include <variant>

#include "server/export/exporter.h"
#include "server/http/http_message.h"
#include "shared/logging.h"

namespace parc::server {

// format (csv only when `csv_only`), separator , or ;, bom 0 or 1; or the 400.
std::variant<exports::ExportOptions, HttpResponse> exportOptionsFromQuery(const HttpRequest& request,
                                                                           bool csv_only);

// Runs `write` on its own thread, its bytes streamed as the body of a 200
// attachment named `file_name`; a failure is logged and ends the body early.
using ExportJob = std::function<Result<std::size_t>(exports::Exporter& exporter)>;
HttpResponse streamedExport(exports::ExportOptions options, const std::string& file_name, ExportJob write,
                            Logger logger);

}  // namespace parc::server
