#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "server/api/api.h"
#include "server/cli/cli.h"
#include "server/cli/server_config.h"
#include "server/http/http_server.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/tls/tls_files.h"
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

tls::TlsSettings tlsSettings(const ServerConfig& config) {
  tls::TlsSettings settings;
  settings.data_dir = config.data_dir;
  settings.names = config.tls_names.empty() ? tls::defaultTlsNames() : config.tls_names;
  settings.cert_file = config.tls_cert;
  settings.key_file = config.tls_key;
  settings.ca_file = config.tls_ca;
  return settings;
}

// Loads (or creates) the certificates and hands them to the transport; tells the
// API which CA agents pin.
Status setUpTls(const ServerConfig& config, HttpServer& server, ApiOptions& api_options,
                const Logger& logger) {
  auto material = tls::loadOrCreateTls(tlsSettings(config), systemNow());
  if (!material) return makeError(material.error());
  if (auto status = server.useTls({material->certificate_chain_pem, material->key_pem}); !status) {
    return status;
  }
  std::string names;
  for (const auto& name : material->names) names += (names.empty() ? "" : ", ") + name;
  if (material->issued) logger->info("issued a new server certificate for {}", names);
  logger->info("serving HTTPS: certificate for {} valid until {}; agents pin the CA {} ({})", names,
               formatRfc3339(material->not_after), material->ca_fingerprint,
               material->ca_file.string());
  api_options.ca_fingerprint = material->ca_fingerprint;
  api_options.ca_pem = material->ca_pem;
  return {};
}

// Every connection holds a descriptor: the default soft limit (often 1024) would
// cap the server far below max_connections. The hard limit is ours to take.
void raiseFileLimit(std::size_t max_connections, const Logger& logger) {
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur >= files.rlim_max) return;
  files.rlim_cur = files.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &files) != 0) return;
  if (files.rlim_cur < max_connections + 64) {
    logger->warn("open file limit {} is below max_connections {}: connections past it are refused",
                 files.rlim_cur, max_connections);
  }
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
  raiseFileLimit(config.limits.max_connections, logger);

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
  api_options.people = config.people;
  std::unique_ptr<const Api> api;  // made once TLS is set up: it announces the CA
  HttpServer server(config.limits, [&api](const HttpRequest& r) { return api->handle(r); },
                    childLogger(logger, "server.http"));
  if (!config.plain_http) {
    if (auto status = setUpTls(config, server, api_options, logger); !status) {
      std::cerr << "parc-server: " << status.error() << "\n";
      return kExitFailure;
    }
  }
  api = std::make_unique<const Api>(**store, api_options, systemNow, childLogger(logger, "server.api"));

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
  if (config.plain_http) {
    logger->warn("serving plain HTTP, as configured (plain_http): agent secrets and API tokens cross "
                 "the network in clear unless a TLS-terminating proxy is in front of this server");
  }
  logger->info("parc-server {} listening on {}:{} ({} threads, data in {})", kVersion,
               config.listen_address, *port, config.threads, config.data_dir.string());
  server.run(config.threads);
  logger->info("stopped");
  return kExitOk;
}

}  // namespace parc::server
