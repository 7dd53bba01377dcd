#pragma once
// A real parc-server on 127.0.0.1 with its own data directory, the admin commands
// that prepare it, and real parc-agent runs against it.

#include <chrono>
#include <csignal>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/integration/http_client.h"
#include "tests/integration/process.h"

namespace parc::testing {

std::filesystem::path serverBinary();
std::filesystem::path agentBinary();
std::filesystem::path fixtureRoot(const std::string& machine);

class ParcServer {
 public:
  explicit ParcServer(const std::filesystem::path& dir);
  ~ParcServer();

  // Starts serve (TLS unless extra_args has --plain-http); the first start picks a
  // free port, later starts reuse it. The server's CA is then trusted by httpRequest.
  void start(const std::vector<std::string>& extra_args = {});
  void stop(int signo = SIGTERM);
  bool running() { return process_ && process_->running(); }

  std::string url() const {
    return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_);
  }
  std::uint16_t port() const { return port_; }
  // "sha256:…" as printed by parc-server admin ca-fingerprint; empty with --plain-http.
  const std::string& caFingerprint() const { return ca_fingerprint_; }
  const std::filesystem::path& dataDir() const { return data_dir_; }

  // parc-server admin ... → its stdout without the newline; fails the test on error.
  std::string admin(const std::vector<std::string>& args);
  // A collectivity, a site and an enrollment token (uses) in one call.
  struct Park {
    std::string collectivity, site, token, api_token;
  };
  Park makePark(const std::string& name, int token_uses = 10);
  // parc-server admin user add ... → the user's one-time password.
  std::string addUser(const std::string& collectivity, const std::string& role, const std::string& email,
                      const std::vector<std::string>& sites = {});

  // Authenticated GET of the API as a person (api token), parsed.
  nlohmann::json getJson(const std::string& path, const std::string& api_token, long expect = 200);
  // (seq, kind) of every report stored for a device, oldest first.
  std::vector<std::pair<std::uint64_t, std::string>> reportLog(const std::string& device_id,
                                                                const std::string& api_token);

 private:
  std::filesystem::path dir_, data_dir_;
  std::unique_ptr<Process> process_;
  std::uint16_t port_ = 0;
  int starts_ = 0;
  bool tls_ = true;
  std::string ca_fingerprint_;
};

class ParcAgent {
 public:
  ParcAgent(const std::filesystem::path& dir, std::string machine);
  // Adds --ca-fingerprint for an https:// server the tests trust (see trustServer).
  Finished enroll(const std::string& server_url, const std::string& token,
                  const std::vector<std::string>& extra = {});
  Finished once();
  Finished command(const std::string& name, const std::vector<std::string>& extra = {});
  std::unique_ptr<Process> startDaemon(const std::vector<std::string>& extra);
  nlohmann::json identity() const;
  const std::filesystem::path& stateDir() const { return state_dir_; }

 private:
  std::filesystem::path dir_, state_dir_;
  std::string machine_;
  int runs_ = 0;
};

// A person signed in with POST /api/v1/login (the answer is EXPECTed to be 200).
// On a first login (must_change_password) it changes the one-time password and
// back again through POST /api/v1/me/password, so the session can use the API and
// `password` still signs in; `body` stays the login answer.
struct Session {
  std::string cookie;  // "parc_session=…", for a Cookie header
  std::string csrf;
  nlohmann::json body;  // the login answer
};
Session loginSession(const std::string& server_url, const std::string& email, const std::string& password);

// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t freePort();

// Debian's aiosmtpd on 127.0.0.1:`port`, storing every message it receives in the
// Maildir `mailbox` (under mailbox/new); its output in <log_prefix>.out / .err.
std::unique_ptr<Process> startSmtpSink(std::uint16_t port, const std::filesystem::path& mailbox,
                                       const std::filesystem::path& log_prefix);

// Polls `done` every 50 ms until it holds (true) or `limit` has passed (false).
template <class Predicate>
bool waitUntil(Predicate done, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace parc::testing
