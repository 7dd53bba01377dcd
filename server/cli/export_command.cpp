// parc-server export: the inventory to a file or stdout, in any export format,
// straight from the data directory (the server may be running: SQLite in WAL mode
// lets this read beside it). Progress on stderr when stderr is a terminal.

#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "server/api/device_filter_params.h"
#include "server/cli/cli.h"
#include "server/cli/server_config.h"
#include "server/export/inventory_export.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace po = boost::program_options;
namespace {

constexpr const char* kExportUsage = R"(Usage: parc-server export [--data-dir DIR] --format csv|xlsx|json [options]
       parc-server export alerts|interventions [options]   (see its --help)

  --format csv|xlsx|json   the file format
  --site ID                only this site's devices (also --room, --kind, --status, --q,
                           --manufacturer, --model, --os, --age-min, --age-max; --sort KEY
                           or -KEY: the filters and sort of GET /api/v1/devices)
  --separator , or ;       CSV: the field separator (default ',')
  --bom                    CSV: start with a UTF-8 byte order mark (for spreadsheets)
  -o, --output FILE        write to FILE (default: stdout)
  --data-dir DIR           the server's data directory (default /var/lib/parc-server)

CSV text cells starting with = + - @ (or a tab or CR) get a leading ' so that a
spreadsheet never runs them as a formula.
)";

struct ExportArgs {
  exports::ExportOptions options;
  DeviceFilter filter;
  std::filesystem::path data_dir = kDefaultDataDir;
  OptString output;
};

OptString optional(const po::variables_map& values, const char* key) {
  if (!values.count(key)) return std::nullopt;
  return values[key].as<std::string>();
}

// Throws std::invalid_argument on a usage error.
ExportArgs parseExportArgs(const po::variables_map& values) {
  ExportArgs args;
  const auto format = exports::parseFormat(optional(values, "format").value_or(""));
  if (!format) throw std::invalid_argument("--format csv|xlsx|json is required");
  args.options.format = *format;
  const std::string separator = optional(values, "separator").value_or(",");
  if (separator != "," && separator != ";") throw std::invalid_argument("--separator must be ',' or ';'");
  args.options.separator = separator[0];
  args.options.bom = values.count("bom") > 0;
  if (auto dir = optional(values, "data-dir")) args.data_dir = *dir;
  args.options.temp_dir = args.data_dir;
  HttpRequest filters;  // read by the API's own parser, so both take the same filters and sort
  for (const char* key : {"site", "room", "kind", "status", "q", "manufacturer", "model", "os", "sort"}) {
    if (auto value = optional(values, key)) filters.query[key] = *value;
  }
  if (auto value = optional(values, "age-min")) filters.query["age_min"] = *value;
  if (auto value = optional(values, "age-max")) filters.query["age_max"] = *value;
  auto filter = readDeviceFilter(filters);
  if (!filter) throw std::invalid_argument(filter.error());
  args.filter = *filter;
  args.output = optional(values, "output");
  return args;
}

int runExport(const ExportArgs& args) {
  auto store = SqliteStore::open(databaseFileIn(args.data_dir));
  if (!store) {
    std::cerr << "parc-server export: " << store.error() << "\n";
    return kExitFailure;
  }
  std::FILE* file = args.output ? std::fopen(args.output->c_str(), "wb") : stdout;
  if (!file) {
    std::cerr << "parc-server export: cannot write " << *args.output << "\n";
    return kExitFailure;
  }
  exports::FileSink sink(file);
  auto exporter = exports::makeExporter(args.options, sink);
  Result<std::size_t> written = makeError("");
  if (exporter) {
    exports::InventoryExport job{.scope = Scope::everything(), .filter = args.filter,
                                 .today = exports::dateOf(systemNow()), .progress = {}};
    if (::isatty(STDERR_FILENO)) {
      job.progress = [](std::size_t rows) { std::fprintf(stderr, "\r%zu devices exported", rows); };
    }
    written = exports::exportInventory(**store, job, **exporter);
    if (job.progress) std::fputc('\n', stderr);
  } else {
    written = makeError(exporter.error());
  }
  const bool closed = args.output ? std::fclose(file) == 0 : std::fflush(file) == 0;
  if (!written || !closed) {
    std::cerr << "parc-server export: " << (written ? "cannot finish writing the output" : written.error()) << "\n";
    return kExitFailure;
  }
  AuditEntry entry{.id = 0, .at = formatRfc3339(systemNow()), .action = "export", .collectivity_id = std::nullopt,
                   .actor = "cli", .target = std::nullopt, .address = std::nullopt,
                   .detail = "inventory " + std::string(exports::formatExtension(args.options.format)) + ": " +
                             std::to_string(*written) + " devices"};
  if (auto status = (*store)->appendAudit(entry); !status) {
    std::cerr << "parc-server export: audit entry not recorded: " << status.error() << "\n";
  }
  return kExitOk;
}

}  // namespace

int exportCommand(const std::vector<std::string>& raw_args) {
  if (!raw_args.empty() && (raw_args[0] == "alerts" || raw_args[0] == "interventions")) {
    return activityExportCommand(raw_args[0], {raw_args.begin() + 1, raw_args.end()});
  }
  po::options_description options;
  options.add_options()("help,h", "")("data-dir", po::value<std::string>())("format", po::value<std::string>())(
      "site", po::value<std::string>())("room", po::value<std::string>())("kind", po::value<std::string>())(
      "status", po::value<std::string>())("q", po::value<std::string>())("separator", po::value<std::string>())(
      "manufacturer", po::value<std::string>())("model", po::value<std::string>())("os", po::value<std::string>())(
      "age-min", po::value<std::string>())("age-max", po::value<std::string>())("sort", po::value<std::string>())(
      "bom", "")("output,o", po::value<std::string>());
  po::variables_map values;
  try {
    po::store(po::command_line_parser(raw_args).options(options).run(), values);
    if (values.count("help")) {
      std::cout << kExportUsage;
      return kExitOk;
    }
    return runExport(parseExportArgs(values));
  } catch (const po::error& e) {
    std::cerr << "parc-server export: " << e.what() << "\n" << kExportUsage;
  } catch (const std::invalid_argument& e) {
    std::cerr << "parc-server export: " << e.what() << "\n" << kExportUsage;
  }
  return kExitUsage;
}

}  // namespace parc::server
