#include <filesystem>
#include <fstream>
#include <iostream>

#include "server/api/api.h"
#include "server/cli/cli.h"
#include "server/cli/server_config.h"
#include "server/http/http_server.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/logging.h"
#include "shared/version.h"

namespace parc::server {
namespace {

// Written to a temporary name, then renamed: a reader never sees half a number.
Status writePortFile(const std::filesystem::path& path, std::uint16_t port) {
  const auto temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    if (!(out << port << "\n")) return makeError("cannot write " + temp);
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return makeError("cannot rename " + temp + ": " + ec.message());
  return {};
}

Status prepareDataDir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return makeError("cannot create data directory " + dir.string() + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec, ec);
  return {};
}

}  // namespace

int serveCommand(const std::vector<std::string>& args) {
  auto parsed = parseServeCommandLine(args);
  if (!parsed) {
    std::cerr << "parc-server serve: " << parsed.error() << "\n";
    return kExitUsage;
  }
  if (parsed->help) {
    std::cout << parsed->help_text;
    return kExitOk;
  }
  const ServerConfig& config = parsed->config;
  auto logger = makeLogger("server", LogOptions{config.log_level});

  if (auto status = prepareDataDir(config.data_dir); !status) {
    std::cerr << "parc-server: " << status.error() << "\n";
    return kExitFailure;
  }
  auto store = SqliteStore::open(config.databaseFile());
  if (!store) {
    std::cerr << "parc-server: " << store.error() << "\n";
    return kExitFailure;
  }

  ApiOptions api_options;
  api_options.report_interval = config.report_interval;
  const Api api(**store, api_options, systemNow, childLogger(logger, "server.api"));
  HttpServer server(config.limits, [&api](const HttpRequest& r) { return api.handle(r); },
                    childLogger(logger, "server.http"));

  auto port = server.listen(config.listen_address, config.port);
  if (!port) {
    std::cerr << "parc-server: " << port.error() << "\n";
    return kExitFailure;
  }
  if (config.port_file) {
    if (auto status = writePortFile(*config.port_file, *port); !status) {
      std::cerr << "parc-server: " << status.error() << "\n";
      return kExitFailure;
    }
  }
  logger->warn("serving plain HTTP: put a TLS-terminating proxy in front of this server");
  logger->info("parc-server {} listening on {}:{} ({} threads, data in {})", kVersion,
               config.listen_address, *port, config.threads, config.data_dir.string());
  server.run(config.threads);
  logger->info("stopped");
  return kExitOk;
}

}  // namespace parc::server
