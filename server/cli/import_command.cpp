// parc-server import: an inventory CSV into a collectivity. Prints every rejected
// line ("line 12: unknown site \"X\"") and a summary; imports nothing when a line
// is rejected. Exit 0 when the file is clean (and, without --dry-run, imported).

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "server/cli/cli.h"
#include "server/cli/server_config.h"
#include "server/import/import_runner.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace po = boost::program_options;
namespace {

constexpr const char* kImportUsage = R"(Usage: parc-server import [--data-dir DIR] --collectivity ID [--dry-run] FILE.csv

Columns (header line, any order): site (id or exact name), kind, and optionally
room, manufacturer, model, serial, status, name (or hostname), year (of manufacture).
Separator ',' or ';'. Kinds: desktop laptop tablet convertible all_in_one mini_pc
thin_client server vm other projector whiteboard flat_panel document_camera printer
network (older spellings such as all-in-one are accepted). Statuses: in_service
(default) in_stock in_repair reusable to_retire retired lost. A device needs a serial or a name; a
re-import matches on them and changes nothing.

  --dry-run        check and report, change nothing
  --data-dir DIR   the server's data directory (default /var/lib/parc-server)
)";

constexpr std::uintmax_t kMaxFileBytes = 256ull << 20;

Result<std::string> readFile(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return makeError("cannot read " + path + ": " + ec.message());
  if (size > kMaxFileBytes) return makeError(path + ": larger than 256 MiB");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!(text << in.rdbuf()) && size > 0) return makeError("cannot read " + path);
  return text.str();
}

void printReport(const imports::ImportReport& report, std::ostream& out) {
  for (const auto& rejection : report.plan.rejections) {
    out << "line " << rejection.line << ": " << rejection.reason << "\n";
  }
  const char* verb = report.applied ? "imported" : report.dry_run ? "dry run" : "nothing imported";
  out << verb << ": " << report.plan.records << " lines, " << report.plan.rejections.size() << " rejected; "
      << report.outcome.created << " created, " << report.outcome.updated << " updated, "
      << report.outcome.unchanged << " unchanged" << (report.applied ? "" : " (not applied)") << "\n";
}

int runImportCommand(const std::filesystem::path& data_dir, const std::string& collectivity,
                     const std::string& file, bool dry_run) {
  auto text = readFile(file);
  if (!text) {
    std::cerr << "parc-server import: " << text.error() << "\n";
    return kExitFailure;
  }
  auto store = SqliteStore::open(databaseFileIn(data_dir));
  if (!store) {
    std::cerr << "parc-server import: " << store.error() << "\n";
    return kExitFailure;
  }
  auto report = imports::runImport(**store, collectivity, *text, dry_run, systemNow());
  if (!report) {
    std::cerr << "parc-server import: " << report.error() << "\n";
    return kExitFailure;
  }
  printReport(*report, std::cout);
  AuditEntry entry{.id = 0, .at = formatRfc3339(systemNow()), .action = "import", .collectivity_id = collectivity,
                   .actor = "cli", .target = std::nullopt, .address = std::nullopt,
                   .detail = std::string(dry_run ? "dry run" : report->applied ? "applied" : "refused") + ": " +
                             std::to_string(report->outcome.created) + " created, " +
                             std::to_string(report->plan.rejections.size()) + " rejected"};
  if (auto status = (*store)->appendAudit(entry); !status) {
    std::cerr << "parc-server import: audit entry not recorded: " << status.error() << "\n";
  }
  return report->plan.rejections.empty() ? kExitOk : kExitFailure;
}

}  // namespace

int importCommand(const std::vector<std::string>& raw_args) {
  po::options_description options;
  options.add_options()("help,h", "")("data-dir", po::value<std::string>())(
      "collectivity", po::value<std::string>())("dry-run", "")("file", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(raw_args).options(options).positional(positional).run(), values);
  } catch (const po::error& e) {
    std::cerr << "parc-server import: " << e.what() << "\n" << kImportUsage;
    return kExitUsage;
  }
  if (values.count("help")) {
    std::cout << kImportUsage;
    return kExitOk;
  }
  const auto files = values.count("file") ? values["file"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (!values.count("collectivity") || files.size() != 1) {
    std::cerr << "parc-server import: --collectivity ID and one FILE.csv are required\n" << kImportUsage;
    return kExitUsage;
  }
  const std::filesystem::path data_dir =
      values.count("data-dir") ? values["data-dir"].as<std::string>() : kDefaultDataDir;
  return runImportCommand(data_dir, values["collectivity"].as<std::string>(), files[0], values.count("dry-run") > 0);
}

}  // namespace parc::server
