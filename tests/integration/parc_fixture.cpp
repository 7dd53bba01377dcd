#include "tests/integration/parc_fixture.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace parc::testing {

std::filesystem::path serverBinary() { return std::filesystem::path(PARC_BINARY_DIR) / "server/parc-server"; }
std::filesystem::path agentBinary() { return std::filesystem::path(PARC_BINARY_DIR) / "agent/parc-agent"; }
std::filesystem::path fixtureRoot(const std::string& machine) {
  return std::filesystem::path(PARC_FIXTURES_DIR) / "roots" / machine;
}

ParcServer::ParcServer(const std::filesystem::path& dir) : dir_(dir), data_dir_(dir / "server-data") {}

ParcServer::~ParcServer() {
  if (process_) stop(SIGKILL);
}

void ParcServer::start(const std::vector<std::string>& extra_args) {
  const auto port_file = dir_ / "port";
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {"serve", "--data-dir", data_dir_.string(), "--listen",
                                   "127.0.0.1:" + std::to_string(port_), "--port-file",
                                   port_file.string(), "--threads", "2", "--log-level", "debug"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<Process>(serverBinary(), args,
                                       dir_ / ("server-" + std::to_string(++starts_)));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!std::filesystem::exists(port_file)) {
    ASSERT_TRUE(process_->running()) << "parc-server exited: " << process_->stderrText();
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "parc-server did not start";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  port_ = static_cast<std::uint16_t>(std::stoi(readFile(port_file)));
  tls_ = std::find(extra_args.begin(), extra_args.end(), "--plain-http") == extra_args.end();
  ca_fingerprint_ = tls_ ? admin({"ca-fingerprint"}) : "";
  if (tls_) trustServer(url(), TrustedServer{data_dir_ / "ca.pem", ca_fingerprint_});
}

void ParcServer::stop(int signo) {
  if (!process_) return;
  process_->signal(signo);
  process_->wait(std::chrono::seconds(20));
  process_.reset();
}

std::string ParcServer::admin(const std::vector<std::string>& args) {
  std::vector<std::string> full = {"admin", "--data-dir", data_dir_.string()};
  full.insert(full.end(), args.begin(), args.end());
  const auto result = run(serverBinary(), full, dir_ / "admin");
  EXPECT_EQ(result.exit_code, 0) << "admin failed: " << result.err;
  std::string out = result.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

ParcServer::Park ParcServer::makePark(const std::string& name, int token_uses) {
  Park park;
  park.collectivity = admin({"collectivity", "add", name});
  park.site = admin({"site", "add", "--collectivity", park.collectivity, "--zone", "B", "École " + name});
  park.token = admin({"token", "create", "--site", park.site, "--uses", std::to_string(token_uses)});
  park.api_token = admin({"api-token", "create", "--collectivity", park.collectivity});
  return park;
}

std::string ParcServer::addUser(const std::string& collectivity, const std::string& role,
                                const std::string& email, const std::vector<std::string>& sites) {
  std::vector<std::string> args = {"user", "add", "--collectivity", collectivity, "--role", role};
  for (const auto& site : sites) args.insert(args.end(), {"--site", site});
  args.push_back(email);
  return admin(args);
}

nlohmann::json ParcServer::getJson(const std::string& path, const std::string& api_token, long expect) {
  const auto answer = httpRequest("GET", url() + path, "", {"Authorization: Bearer " + api_token});
  EXPECT_EQ(answer.status, expect) << path << ": " << answer.body;
  return nlohmann::json::parse(answer.body, nullptr, false);
}

std::vector<std::pair<std::uint64_t, std::string>> ParcServer::reportLog(const std::string& device_id,
                                                                         const std::string&) {
  // Read straight from the database file: what is stored, not what an API says.
  std::vector<std::pair<std::uint64_t, std::string>> log;
  sqlite3* db = nullptr;
  const auto file = data_dir_ / "parc.db";
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << file;
    sqlite3_close(db);
    return log;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT r.seq, r.kind FROM reports r JOIN agents a ON a.id = r.agent_id "
                     "WHERE a.device_id = ? ORDER BY r.enrollment, r.seq",
                     -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, device_id.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    log.emplace_back(static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return log;
}

ParcAgent::ParcAgent(const std::filesystem::path& dir, std::string machine)
    : dir_(dir), state_dir_(dir / ("agent-" + machine)), machine_(std::move(machine)) {}

Finished ParcAgent::command(const std::string& name, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {name, "--state-dir", state_dir_.string(), "--config", "/dev/null"};
  if (name == "once" || name == "enroll") {
    args.insert(args.end(), {"--root", fixtureRoot(machine_).string()});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return run(agentBinary(), args, dir_ / ("agent-" + machine_ + "-" + std::to_string(++runs_)));
}

Finished ParcAgent::enroll(const std::string& server_url, const std::string& token,
                           const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--server", server_url, "--token", token};
  const bool has_fingerprint = std::find(extra.begin(), extra.end(), "--ca-fingerprint") != extra.end();
  if (const auto trusted = trustedServer(server_url); trusted && !has_fingerprint) {
    args.insert(args.end(), {"--ca-fingerprint", trusted->ca_fingerprint});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return command("enroll", args);
}

Finished ParcAgent::once() { return command("once"); }

std::unique_ptr<Process> ParcAgent::startDaemon(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"run", "--state-dir", state_dir_.string(), "--config", "/dev/null",
                                   "--root", fixtureRoot(machine_).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return std::make_unique<Process>(agentBinary(), args, dir_ / ("agent-" + machine_ + "-daemon"));
}

nlohmann::json ParcAgent::identity() const {
  return nlohmann::json::parse(readFile(state_dir_ / "identity.json"), nullptr, false);
}

namespace {

// POST /api/v1/me/password from `session` (EXPECTed to be 200).
void changeOwnPassword(const std::string& server_url, const Session& session, const std::string& current,
                       const std::string& next) {
  const auto answer = httpRequest("POST", server_url + "/api/v1/me/password",
                                  nlohmann::json{{"current_password", current}, {"new_password", next}}.dump(),
                                  {"Cookie: " + session.cookie, "X-CSRF-Token: " + session.csrf});
  EXPECT_EQ(answer.status, 200) << answer.body;
}

}  // namespace

Session loginSession(const std::string& server_url, const std::string& email, const std::string& password) {
  const auto answer = httpRequest("POST", server_url + "/api/v1/login",
                                  nlohmann::json{{"email", email}, {"password", password}}.dump());
  EXPECT_EQ(answer.status, 200) << answer.body;
  Session session;
  const std::string set_cookie = headerValue(answer.headers, "Set-Cookie");
  session.cookie = set_cookie.substr(0, set_cookie.find(';'));
  session.body = nlohmann::json::parse(answer.body, nullptr, false);
  session.csrf = session.body.is_object() ? session.body.value("csrf_token", "") : "";
  // A first login must replace the one-time password before anything else; the
  // helper does it and puts the same password back, so later logins use it again.
  if (session.body.is_object() && session.body["user"].value("must_change_password", false)) {
    changeOwnPassword(server_url, session, password, password + "-interim");
    changeOwnPassword(server_url, session, password + "-interim", password);
  }
  return session;
}

std::unique_ptr<Process> startSmtpSink(std::uint16_t port, const std::filesystem::path& mailbox,
                                       const std::filesystem::path& log_prefix) {
  return std::make_unique<Process>(
      "/usr/bin/python3",
      std::vector<std::string>{"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port), "--class",
                               "aiosmtpd.handlers.Mailbox", mailbox.string()},
      log_prefix);
}

std::uint16_t freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace parc::testing
