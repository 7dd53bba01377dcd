// parc-server export alerts|interventions: the activity CSV exports of the API
// (server/export/activity_export.h) from the data directory, to a file or stdout.

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "server/cli/cli.h"
#include "server/cli/server_config.h"
#include "server/export/activity_export.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace po = boost::program_options;
namespace {

constexpr const char* kActivityUsage = R"(Usage: parc-server export alerts|interventions [--data-dir DIR] [options]

  --site ID                only this site's
  alerts:        --room, --device, --rule, --severity, --state (as GET /api/v1/alerts)
  interventions: --from, --to   RFC 3339 UTC bounds of the intervention time, [from, to)
  --separator , or ;       the field separator (default ',')
  --bom                    start with a UTF-8 byte order mark (for spreadsheets)
  -o, --output FILE        write to FILE (default: stdout)
  --data-dir DIR           the server's data directory (default /var/lib/parc-server)
)";

OptString optional(const po::variables_map& values, const char* key) {
  if (!values.count(key)) return std::nullopt;
  return values[key].as<std::string>();
}

Result<std::size_t> runJob(Store& store, const std::string& subject, const po::variables_map& values,
                           exports::Exporter& exporter) {
  if (subject == "alerts") {
    AlertFilter filter;
    filter.site_id = optional(values, "site");
    filter.room = optional(values, "room");
    filter.device_id = optional(values, "device");
    filter.rule_id = optional(values, "rule");
    filter.severity = optional(values, "severity");
    filter.state = optional(values, "state");
    return exports::exportAlerts(store, Scope::everything(), filter, exporter);
  }
  InterventionFilter filter;
  filter.site_id = optional(values, "site");
  for (const char* key : {"from", "to"}) {
    const auto text = optional(values, key);
    if (!text) continue;
    auto time = parseRfc3339(*text);
    if (!time) return makeError(std::string("--") + key + ": expected an RFC 3339 time");
    (std::string(key) == "from" ? filter.from : filter.to) = formatRfc3339(*time);
  }
  return exports::exportInterventions(store, Scope::everything(), filter, exporter);
}

int runActivityExport(const std::string& subject, const po::variables_map& values) {
  exports::ExportOptions options;
  const std::string separator = optional(values, "separator").value_or(",");
  if (separator != "," && separator != ";") {
    std::cerr << "parc-server export: --separator must be ',' or ';'\n" << kActivityUsage;
    return kExitUsage;
  }
  options.separator = separator[0];
  options.bom = values.count("bom") > 0;
  const std::filesystem::path data_dir = optional(values, "data-dir").value_or(kDefaultDataDir);
  auto store = SqliteStore::open(databaseFileIn(data_dir));
  if (!store) {
    std::cerr << "parc-server export: " << store.error() << "\n";
    return kExitFailure;
  }
  const auto output = optional(values, "output");
  std::FILE* file = output ? std::fopen(output->c_str(), "wb") : stdout;
  if (!file) {
    std::cerr << "parc-server export: cannot write " << *output << "\n";
    return kExitFailure;
  }
  exports::FileSink sink(file);
  auto exporter = exports::makeExporter(options, sink);
  Result<std::size_t> written =
      exporter ? runJob(**store, subject, values, **exporter) : Result<std::size_t>(makeError(exporter.error()));
  const bool closed = output ? std::fclose(file) == 0 : std::fflush(file) == 0;
  if (!written || !closed) {
    std::cerr << "parc-server export: " << (written ? "cannot finish writing the output" : written.error()) << "\n";
    return kExitFailure;
  }
  AuditEntry entry{.id = 0, .at = formatRfc3339(systemNow()), .action = "export", .collectivity_id = std::nullopt,
                   .actor = "cli", .target = std::nullopt, .address = std::nullopt,
                   .detail = subject + " csv: " + std::to_string(*written) + " rows"};
  if (auto status = (*store)->appendAudit(entry); !status) {
    std::cerr << "parc-server export: audit entry not recorded: " << status.error() << "\n";
  }
  return kExitOk;
}

}  // namespace

int activityExportCommand(const std::string& subject, const std::vector<std::string>& raw_args) {
  po::options_description options;
  options.add_options()("help,h", "")("data-dir", po::value<std::string>())("site", po::value<std::string>())(
      "room", po::value<std::string>())("device", po::value<std::string>())("rule", po::value<std::string>())(
      "severity", po::value<std::string>())("state", po::value<std::string>())("from", po::value<std::string>())(
      "to", po::value<std::string>())("separator", po::value<std::string>())("bom", "")(
      "output,o", po::value<std::string>());
  po::variables_map values;
  try {
    po::store(po::command_line_parser(raw_args).options(options).run(), values);
  } catch (const po::error& e) {
    std::cerr << "parc-server export: " << e.what() << "\n" << kActivityUsage;
    return kExitUsage;
  }
  if (values.count("help")) {
    std::cout << kActivityUsage;
    return kExitOk;
  }
  return runActivityExport(subject, values);
}

}  // namespace parc::server
