#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "server/alerts/alert_sweep.h"
#include "server/api/api.h"
#include "server/cli/cli.h"
#include "server/cli/server_config.h"
#include "server/feed/feed.h"
#include "server/http/http_server.h"
#include "server/ingest/ingest_queue.h"
#include "server/maintenance/periodic_task.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/tls/tls_files.h"
#include "server/web/web_route.h"
#include "shared/logging.h"
#include "shared/version.h"

#ifdef PARC_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace parc::server {
namespace {

// Named in the start-up line: mimalloc, except in sanitizer builds (see
// server/CMakeLists.txt).
std::string allocatorName() {
#ifdef PARC_WITH_MIMALLOC
  return "mimalloc " + std::to_string(mi_version());
#else
  return "the C library's";
#endif
}

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

// The retention sweep: what each collectivity's retention allows is pruned.
void pruneOnce(Store& store, const Logger& logger) {
  try {
    auto pruned = store.pruneHistory(systemNow());
    if (!pruned) return logger->error("retention sweep failed: {}", pruned.error());
    if (pruned->reports + pruned->component_changes > 0) {
      logger->info("retention: pruned {} report(s) and {} component change(s)", pruned->reports,
                   pruned->component_changes);
    }
  } catch (const std::exception& e) {
    logger->error("retention sweep failed: {}", e.what());
  }
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
  SqliteOptions store_options;
  store_options.max_page_count = config.max_db_pages;
  auto store = SqliteStore::open(config.databaseFile(), store_options);
  if (!store) {
    std::cerr << "parc-server: " << store.error() << "\n";
    return kExitFailure;
  }
  // Group commit: one writer thread commits reports in batches. Stopped (after
  // committing what waits) once the transport has stopped, before it is destroyed.
  auto ingest_queue =
      std::make_unique<IngestQueue>(**store, config.ingest, childLogger(logger, "server.ingest"));

  ApiOptions api_options;
  api_options.report_interval = config.report_interval;
  api_options.people = config.people;
  api_options.export_dir = config.data_dir;
  api_options.ingest_queue = ingest_queue.get();
  std::unique_ptr<const Api> api;  // made once TLS is set up: it announces the CA
  // The web dashboard ("/", "/assets/…"), then the API.
  const web::WebRoute dashboard = config.web_dir ? web::WebRoute(*config.web_dir)
                                                 : web::WebRoute(web::embeddedWebAssets());
  HttpServer server(config.limits,
                    [&api, &dashboard](const HttpRequest& r) {
                      if (auto page = dashboard.handle(r)) return std::move(*page);
                      return api->handle(r);
                    },
                    childLogger(logger, "server.http"));
  if (!config.plain_http) {
    if (auto status = setUpTls(config, server, api_options, logger); !status) {
      std::cerr << "parc-server: " << status.error() << "\n";
      return kExitFailure;
    }
  }
  // The live feed: its own thread for catch-ups and heartbeats; stopped (every
  // stream ended) once the transport has stopped.
  feed::Feed live_feed(**store, config.feed, childLogger(logger, "server.feed"));
  api = std::make_unique<const Api>(**store, api_options, systemNow, childLogger(logger, "server.api"),
                                    &live_feed);

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
  logger->info("parc-server {} listening on {}:{} ({} threads, data in {}, allocator {})", kVersion,
               config.listen_address, *port, config.threads, config.data_dir.string(), allocatorName());
  const PeriodicTask retention(std::chrono::minutes(1), std::chrono::hours(1),
                               [&store, log = childLogger(logger, "server.retention")] {
                                 pruneOnce(**store, log);
                               });
  // The silence rules, every minute on their own thread (server/alerts/alert_sweep.h).
  alerts::AlertSweep alert_sweep(**store, systemNow, childLogger(logger, "server.alerts"),
                                 [&live_feed](const std::vector<AlertEvent>& events) { live_feed.publish(events); });
  const PeriodicTask alert_sweeper(std::chrono::seconds(30), std::chrono::minutes(1),
                                   [&alert_sweep] { alert_sweep.runOnce(); });
  // Alert notifications (webhooks, e-mail) on their own thread (server/notify/notifier.h).
  notify::Notifier notifier(**store, **store, config.notify, systemNow, childLogger(logger, "server.notify"));
  notifier.start();
  server.run(config.threads);
  notifier.stop();
  ingest_queue.reset();
  live_feed.stop();
  logger->info("stopped");
  return kExitOk;
}

}  // namespace parc::server
