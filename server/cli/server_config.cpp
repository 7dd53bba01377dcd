#include "server/cli/server_config.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "shared/time.h"

namespace parc::server {
namespace po = boost::program_options;

Result<std::pair<std::string, std::uint16_t>> parseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return makeError("listen: expected ADDR:PORT, got \"" + text + "\"");
  std::string address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  if (address.empty()) address = "0.0.0.0";
  const std::string port_text = text.substr(colon + 1);
  char* end = nullptr;
  const long port = std::strtol(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
    return makeError("listen: invalid port \"" + port_text + "\"");
  }
  return std::make_pair(address, static_cast<std::uint16_t>(port));
}

namespace {

po::options_description serveOptions() {
  po::options_description options("parc-server serve options");
  options.add_options()
      ("help,h", "show this help")
      ("config,c", po::value<std::string>(), "configuration file (default /etc/parc/server.conf when it exists)")
      ("data-dir", po::value<std::string>(), "data directory: database, certificates (default /var/lib/parc-server)")
      ("listen", po::value<std::string>(), "address and port to listen on (default 0.0.0.0:8443)")
      ("threads", po::value<unsigned>(), "threads serving requests (default: number of cores)")
      ("body-limit", po::value<std::size_t>(), "largest request body in bytes (default 4194304)")
      ("request-timeout", po::value<std::string>(), "time allowed to send one request (default 30s)")
      ("idle-timeout", po::value<std::string>(), "idle time before a kept-alive connection is closed (default 60s)")
      ("max-connections", po::value<std::size_t>(), "open connections at most (default 10000)")
      ("report-interval", po::value<std::string>(), "interval agents are told to report at (default 15m)")
      ("log-level", po::value<std::string>(), "trace, debug, info, warn or error (default info)")
      ("port-file", po::value<std::string>(), "write the bound port to this file once listening")
      ("login-window", po::value<std::string>(), "window over which failed logins are counted (default 15m)")
      ("login-account-failures", po::value<std::size_t>(), "failed logins of one account in the window before 429 (default 5)")
      ("login-address-failures", po::value<std::size_t>(), "failed logins from one address in the window before 429 (default 20)")
      ("session-lifetime", po::value<std::string>(), "longest life of a web session (default 12h)")
      ("session-idle", po::value<std::string>(), "inactivity that ends a web session (default 30m)")
      ("feed-heartbeat", po::value<std::string>(), "interval of the live feed's keep-alive comments (default 15s)")
      ("feed-max-subscribers", po::value<std::size_t>(), "live feed readers at most (default 1000)")
      ("plain-http", "serve plain HTTP, without TLS (only behind a TLS-terminating proxy)")
      ("web-dir", po::value<std::string>(), "serve the web dashboard from this directory instead of the "
                                            "embedded files (while developing it)")
      ("tls-names", po::value<std::string>(), "names of the generated server certificate, comma-separated "
                                              "(default: host name, localhost, 127.0.0.1, ::1)")
      ("tls-cert", po::value<std::string>(), "server certificate chain (PEM) instead of the generated one")
      ("tls-key", po::value<std::string>(), "its private key (PEM)")
      ("tls-ca", po::value<std::string>(), "the CA certificate agents pin (PEM)")
      ("ingest-batch", po::value<std::size_t>(), "reports committed in one transaction at most (default 256)")
      ("ingest-batch-wait", po::value<std::string>(), "gathering time of a batch after its first report, "
                                                      "e.g. 2ms (default 2ms; 0 commits what is waiting)")
      ("ingest-queue", po::value<std::size_t>(), "reports waiting for a commit beyond which new ones get 503 "
                                                 "with Retry-After (default 8192)")
      ("ingest-queue-age", po::value<std::string>(), "refuse new reports (503) when the oldest waiting one "
                                                     "is older than this, e.g. 3000ms (default 3000ms)")
      ("test-max-db-pages", po::value<std::int64_t>(), "tests only: cap the database at this many pages, "
                                                       "as a full disk would");
  return options;
}

// Config file keys use underscores (data_dir); the command line uses dashes.
po::options_description fileOptions() {
  po::options_description options;
  options.add_options()
      ("data_dir", po::value<std::string>())("listen", po::value<std::string>())
      ("threads", po::value<unsigned>())("body_limit", po::value<std::size_t>())
      ("request_timeout", po::value<std::string>())("idle_timeout", po::value<std::string>())
      ("max_connections", po::value<std::size_t>())("report_interval", po::value<std::string>())
      ("log_level", po::value<std::string>())("plain_http", po::value<bool>())
      ("login_window", po::value<std::string>())("login_account_failures", po::value<std::size_t>())
      ("login_address_failures", po::value<std::size_t>())("session_lifetime", po::value<std::string>())
      ("session_idle", po::value<std::string>())
      ("feed_heartbeat", po::value<std::string>())("feed_max_subscribers", po::value<std::size_t>())
      ("tls_names", po::value<std::string>())("tls_cert", po::value<std::string>())
      ("tls_key", po::value<std::string>())("tls_ca", po::value<std::string>())
      ("ingest_batch", po::value<std::size_t>())("ingest_batch_wait", po::value<std::string>())
      ("ingest_queue", po::value<std::size_t>())("ingest_queue_age", po::value<std::string>())
      ("smtp_url", po::value<std::string>())("smtp_from", po::value<std::string>())
      ("smtp_user", po::value<std::string>())("smtp_password", po::value<std::string>())
      ("notify_max_attempts", po::value<std::int64_t>())("notify_retry_base", po::value<std::string>())
      ("notify_period", po::value<std::string>());
  return options;
}

// The command line wins over the file; `cli` and `file` name the same setting.
template <class T>
std::optional<T> pick(const po::variables_map& cli, const po::variables_map& file, const char* cli_key,
                      const char* file_key) {
  if (cli.count(cli_key)) return cli[cli_key].as<T>();
  if (file.count(file_key)) return file[file_key].as<T>();
  return std::nullopt;
}

Status applyDuration(const std::optional<std::string>& text, const char* key, std::chrono::seconds& out) {
  if (!text) return {};
  auto duration = parseDuration(*text);
  if (!duration) return makeError(std::string(key) + ": " + duration.error());
  out = *duration;
  return {};
}

// "a, b c" -> {"a", "b", "c"}
std::vector<std::string> splitNames(const std::string& text) {
  std::vector<std::string> names;
  std::string current;
  for (const char c : text + ",") {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) names.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  return names;
}

Status applyTls(const po::variables_map& cli, const po::variables_map& file, ServerConfig& config) {
  if (cli.count("web-dir")) config.web_dir = cli["web-dir"].as<std::string>();
  config.plain_http = cli.count("plain-http") > 0 || (file.count("plain_http") && file["plain_http"].as<bool>());
  if (auto v = pick<std::string>(cli, file, "tls-names", "tls_names")) {
    config.tls_names = splitNames(*v);
    if (config.tls_names.empty()) return makeError("tls_names: expected at least one name");
  }
  if (auto v = pick<std::string>(cli, file, "tls-cert", "tls_cert")) config.tls_cert = *v;
  if (auto v = pick<std::string>(cli, file, "tls-key", "tls_key")) config.tls_key = *v;
  if (auto v = pick<std::string>(cli, file, "tls-ca", "tls_ca")) config.tls_ca = *v;
  const int files = !!config.tls_cert + !!config.tls_key + !!config.tls_ca;
  if (files != 0 && files != 3) return makeError("tls_cert, tls_key and tls_ca go together: give all three");
  if (config.plain_http && (files != 0 || !config.tls_names.empty())) {
    return makeError("plain_http: cannot be combined with tls_names, tls_cert, tls_key or tls_ca");
  }
  return {};
}

// Sessions and login limits (server/auth/people_options.h).
Status applyPeople(const po::variables_map& cli, const po::variables_map& file, auth::PeopleOptions& people) {
  for (auto [cli_key, file_key, target] :
       {std::tuple{"login-window", "login_window", &people.login.window},
        std::tuple{"session-lifetime", "session_lifetime", &people.session_lifetime},
        std::tuple{"session-idle", "session_idle", &people.session_idle}}) {
    if (auto status = applyDuration(pick<std::string>(cli, file, cli_key, file_key), file_key, *target);
        !status) {
      return status;
    }
    if (*target < std::chrono::seconds{1}) return makeError(std::string(file_key) + ": at least 1s");
  }
  for (auto [cli_key, file_key, target] :
       {std::tuple{"login-account-failures", "login_account_failures", &people.login.max_account_failures},
        std::tuple{"login-address-failures", "login_address_failures", &people.login.max_address_failures}}) {
    if (auto v = pick<std::size_t>(cli, file, cli_key, file_key)) {
      if (*v < 1 || *v > 10000) return makeError(std::string(file_key) + ": expected 1 to 10000");
      *target = *v;
    }
  }
  return {};
}

// "2ms", "500us", "0": a short duration in microseconds.
Result<std::chrono::microseconds> parseShortDuration(const std::string& text, const char* key) {
  std::size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
  }
  const std::string unit = text.substr(std::min(used, text.size()));
  const long long scale = unit == "us" ? 1 : unit == "ms" ? 1000 : unit == "s" ? 1000000 : (unit.empty() && value == 0) ? 1 : -1;
  if (value < 0 || scale < 0 || value > 60'000'000 / scale) {
    return makeError(std::string(key) + ": expected a duration such as 2ms, 500us or 0, got \"" + text + "\"");
  }
  return std::chrono::microseconds(value * scale);
}

// Group commit and admission control (server/ingest/ingest_queue.h).
Status applyIngest(const po::variables_map& cli, const po::variables_map& file, IngestQueueOptions& ingest) {
  if (auto v = pick<std::size_t>(cli, file, "ingest-batch", "ingest_batch")) {
    if (*v < 1 || *v > 100000) return makeError("ingest_batch: expected 1 to 100000");
    ingest.max_batch = *v;
  }
  if (auto v = pick<std::size_t>(cli, file, "ingest-queue", "ingest_queue")) {
    if (*v < 1) return makeError("ingest_queue: at least 1");
    ingest.max_queued = *v;
  }
  if (auto v = pick<std::string>(cli, file, "ingest-batch-wait", "ingest_batch_wait")) {
    auto wait = parseShortDuration(*v, "ingest_batch_wait");
    if (!wait) return makeError(wait.error());
    ingest.max_batch_wait = *wait;
  }
  if (auto v = pick<std::string>(cli, file, "ingest-queue-age", "ingest_queue_age")) {
    auto age = parseShortDuration(*v, "ingest_queue_age");
    if (!age || age->count() < 1000) return makeError("ingest_queue_age: expected 1ms or more, such as 3000ms");
    ingest.max_queue_age = std::chrono::duration_cast<std::chrono::milliseconds>(*age);
  }
  return {};
}

// Alert notifications (server/notify/notifier.h): file keys only, the SMTP password included.
Status applyNotify(const po::variables_map& file, notify::NotifierOptions& notify) {
  auto text = [&file](const char* key) { return file.count(key) ? file[key].as<std::string>() : std::string(); };
  notify.smtp = {text("smtp_url"), text("smtp_from"), text("smtp_user"), text("smtp_password")};
  if (!notify.smtp.url.empty() && notify.smtp.from.empty()) return makeError("smtp_from: required with smtp_url");
  if (file.count("notify_max_attempts")) {
    notify.max_attempts = file["notify_max_attempts"].as<std::int64_t>();
    if (notify.max_attempts < 1 || notify.max_attempts > 100) return makeError("notify_max_attempts: expected 1 to 100");
  }
  if (auto status = applyDuration(file.count("notify_retry_base") ? std::optional(text("notify_retry_base")) : std::nullopt,
                                  "notify_retry_base", notify.retry_base);
      !status) {
    return status;
  }
  if (notify.retry_base < std::chrono::seconds{1}) return makeError("notify_retry_base: at least 1s");
  if (file.count("notify_period")) {
    auto period = parseShortDuration(text("notify_period"), "notify_period");
    if (!period || period->count() < 1000) return makeError("notify_period: expected 1ms or more, such as 500ms");
    notify.period = std::chrono::duration_cast<std::chrono::milliseconds>(*period);
  }
  return {};
}

// The live feed (server/feed/feed.h).
Status applyFeed(const po::variables_map& cli, const po::variables_map& file, feed::FeedOptions& feed) {
  std::chrono::seconds heartbeat{15};
  if (auto status = applyDuration(pick<std::string>(cli, file, "feed-heartbeat", "feed_heartbeat"),
                                  "feed_heartbeat", heartbeat);
      !status) {
    return status;
  }
  if (heartbeat < std::chrono::seconds{1}) return makeError("feed_heartbeat: at least 1s");
  feed.heartbeat = heartbeat;
  if (auto v = pick<std::size_t>(cli, file, "feed-max-subscribers", "feed_max_subscribers")) {
    if (*v < 1 || *v > 100000) return makeError("feed_max_subscribers: expected 1 to 100000");
    feed.hub.max_subscribers = *v;
  }
  return {};
}

Result<ServerConfig> buildConfig(const po::variables_map& cli, const po::variables_map& file) {
  ServerConfig config;
  config.threads = std::max(1u, std::thread::hardware_concurrency());
  if (auto v = pick<std::string>(cli, file, "data-dir", "data_dir")) config.data_dir = *v;
  if (auto v = pick<std::string>(cli, file, "listen", "listen")) {
    auto listen = parseListen(*v);
    if (!listen) return makeError(listen.error());
    std::tie(config.listen_address, config.port) = *listen;
  }
  if (auto v = pick<unsigned>(cli, file, "threads", "threads")) {
    if (*v < 1 || *v > 256) return makeError("threads: expected 1 to 256");
    config.threads = *v;
  }
  if (auto v = pick<std::size_t>(cli, file, "body-limit", "body_limit")) {
    if (*v < 1024) return makeError("body_limit: at least 1024 bytes");
    config.limits.body_bytes = *v;
  }
  if (auto v = pick<std::size_t>(cli, file, "max-connections", "max_connections")) {
    config.limits.max_connections = *v;
  }
  for (auto [cli_key, file_key, target] :
       {std::tuple{"request-timeout", "request_timeout", &config.limits.request_timeout},
        std::tuple{"idle-timeout", "idle_timeout", &config.limits.idle_timeout},
        std::tuple{"report-interval", "report_interval", &config.report_interval}}) {
    if (auto status = applyDuration(pick<std::string>(cli, file, cli_key, file_key), file_key, *target);
        !status) {
      return makeError(status.error());
    }
  }
  if (config.report_interval < std::chrono::seconds{1}) return makeError("report_interval: at least 1s");
  if (auto status = applyPeople(cli, file, config.people); !status) return makeError(status.error());
  if (auto status = applyFeed(cli, file, config.feed); !status) return makeError(status.error());
  if (auto v = pick<std::string>(cli, file, "log-level", "log_level")) config.log_level = *v;
  if (cli.count("port-file")) config.port_file = cli["port-file"].as<std::string>();
  if (auto status = applyTls(cli, file, config); !status) return makeError(status.error());
  if (auto status = applyIngest(cli, file, config.ingest); !status) return makeError(status.error());
  if (auto status = applyNotify(file, config.notify); !status) return makeError(status.error());
  if (cli.count("test-max-db-pages")) config.max_db_pages = cli["test-max-db-pages"].as<std::int64_t>();
  return config;
}

}  // namespace

Result<ParsedServerConfig> parseServeCommandLine(const std::vector<std::string>& args) {
  ParsedServerConfig parsed;
  const auto options = serveOptions();
  po::variables_map cli, file;
  try {
    po::store(po::command_line_parser(args).options(options).run(), cli);
    po::notify(cli);
    if (cli.count("help")) {
      std::ostringstream help;
      help << "Usage: parc-server serve [options]\n\n" << options;
      parsed.help = true;
      parsed.help_text = help.str();
      return parsed;
    }
    std::string config_path;
    if (cli.count("config")) {
      config_path = cli["config"].as<std::string>();
    } else if (std::filesystem::exists(kDefaultServerConfig)) {
      config_path = kDefaultServerConfig;
    }
    if (!config_path.empty()) {
      std::ifstream in(config_path);
      if (!in) return makeError("cannot read configuration file " + config_path);
      try {
        po::store(po::parse_config_file(in, fileOptions(), /*allow_unregistered=*/false), file);
      } catch (const po::error& e) {
        return makeError(config_path + ": " + e.what());
      }
    }
  } catch (const po::error& e) {
    return makeError(e.what());
  }
  auto config = buildConfig(cli, file);
  if (!config) return makeError(config.error());
  parsed.config = std::move(*config);
  return parsed;
}

}  // namespace parc::server
