#pragma once
// parc-server's configuration: /etc/parc/server.conf (INI), every key
// overridable on the command line. Loaded once, validated, then passed down.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "server/auth/people_options.h"
#include "server/feed/feed.h"
#include "server/http/http_server.h"
#include "server/ingest/ingest_queue.h"
#include "server/notify/notifier.h"
#include "shared/result.h"

namespace parc::server {

inline constexpr const char* kDefaultServerConfig = "/etc/parc/server.conf";
inline constexpr const char* kDefaultDataDir = "/var/lib/parc-server";

// The SQLite database inside a data directory: serve, admin, export and import
// all open this one file.
inline std::filesystem::path databaseFileIn(const std::filesystem::path& data_dir) {
  return data_dir / "parc.db";
}

struct ServerConfig {
  std::filesystem::path data_dir = kDefaultDataDir;
  std::string listen_address = "0.0.0.0";
  std::uint16_t port = 8443;
  unsigned threads = 2;
  HttpLimits limits;
  std::chrono::seconds report_interval{900};
  std::string log_level = "info";
  std::optional<std::filesystem::path> port_file;  // where the bound port is written
  auth::PeopleOptions people;  // sessions and login limits
  feed::FeedOptions feed;      // the live feed: feed_heartbeat, feed_max_subscribers
  // TLS: on unless plain_http. Generated in data_dir for tls_names (empty: this
  // machine's host name, localhost, 127.0.0.1, ::1) unless tls_cert/tls_key/tls_ca are given.
  bool plain_http = false;
  std::vector<std::string> tls_names;
  std::optional<std::filesystem::path> tls_cert, tls_key, tls_ca;
  IngestQueueOptions ingest;  // group commit and admission control
  // Alert notifications (file only): smtp_url (empty: no e-mail), smtp_from, smtp_user,
  // smtp_password, notify_max_attempts, notify_retry_base, notify_period.
  notify::NotifierOptions notify;
  // Command line only: the web dashboard's files from this directory, not the embedded ones.
  std::optional<std::filesystem::path> web_dir;
  // Test only (command line, not the file): caps the database in pages, as a full disk would.
  std::optional<std::int64_t> max_db_pages;

  std::filesystem::path databaseFile() const { return databaseFileIn(data_dir); }
};

// Parses "ADDR:PORT", "[v6]:PORT" or ":PORT".
Result<std::pair<std::string, std::uint16_t>> parseListen(const std::string& text);

struct ParsedServerConfig {
  bool help = false;
  std::string help_text;
  ServerConfig config;
};

// Reads the command line of `parc-server serve` and the configuration file it
// names (or the default one when it exists). Errors name the key and the problem.
Result<ParsedServerConfig> parseServeCommandLine(const std::vector<std::string>& args);

}  // namespace parc::server
