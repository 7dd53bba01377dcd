#include <iostream>
#include <string>
#include <vector>

#include "server/cli/cli.h"
#include "shared/version.h"

namespace {

constexpr const char* kUsage = R"(Usage: parc-server <command> [options]

Commands:
  serve    run the server (HTTP API, ingest, inventory)
  admin    create collectivities, sites, enrollment tokens and API tokens
  export   write the inventory as CSV, XLSX or JSON
  import   import devices without an agent from a CSV file
  version  print the version

Run 'parc-server <command> --help' for the options of a command.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace parc::server;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "version" || command == "--version") {
    std::cout << "parc-server " << parc::kVersion << "\n";
    return kExitOk;
  }
  if (command == "serve") return serveCommand(args);
  if (command == "admin") return adminCommand(args);
  if (command == "export") return exportCommand(args);
  if (command == "import") return importCommand(args);
  std::cerr << "parc-server: unknown command \"" << command << "\"\n" << kUsage;
  return kExitUsage;
}
