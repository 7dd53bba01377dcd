// fleet-sim: simulates a fleet of parc-agents against a server and prints what
// the server sustained. It is also how a collectivity sizes its server.

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <mutex>
#include <random>

#include "bench/fleet_sim/http_load.h"
#include "bench/fleet_sim/stats.h"
#include "bench/fleet_sim/workload.h"
#include "shared/time.h"

namespace po = boost::program_options;
using namespace parc::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  std::string token;
  std::size_t agents = 1000, connections = 32;
  double full_rate = 0, state_rate = 0, fault_rate = 0;
  double full_duration = 0, state_duration = 60;
  std::vector<std::string> inventories;
  int server_pid = 0;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  bool floor = false;
  bool state_once = false;    // the state phase: one report per agent, all lanes at once
  std::size_t state_connections = 0;  // 0: connections
  long max_retry_after = 86400;       // seconds; tests shorten the server's delays
  bool retry_errors = false;  // a transport failure is retried like an agent would
  std::string ack_log;        // "agent_id seq" of every acknowledged report
  TlsOptions tls;             // https:// servers
};

// A report to send again: refused with Retry-After, or (--retry-errors) lost in transit.
struct Retry {
  Clock::time_point due;
  LoadRequest request;
};

constexpr auto kTransportRetryDelay = std::chrono::milliseconds(250);

struct Phase {
  std::string name;
  double duration_s = 0;  // 0: one request per agent
  double rate = 0;        // 0: as fast as the server answers
};

struct PhaseResult {
  PhaseStats stats;
  double elapsed_s = 0;
  double drain_s = 0;  // from the last first sending to the last answer
  double okPerSecond() const {
    return elapsed_s > 0 ? double(stats.requests() - stats.errorCount()) / elapsed_s : 0;
  }
};

// The earliest retry of a lane, or end() when none waits.
std::vector<Retry>::iterator earliest(std::vector<Retry>& retries) {
  return std::min_element(retries.begin(), retries.end(),
                          [](const Retry& a, const Retry& b) { return a.due < b.due; });
}

std::chrono::seconds retryAfterOf(const LoadResponse& response, long cap) {
  char* end = nullptr;
  const long value = std::strtol(response.retry_after.c_str(), &end, 10);
  return std::chrono::seconds(std::min(cap, end != response.retry_after.c_str() && value > 0 ? value : 1));
}

PhaseResult reportPhase(const Options& options, const Phase& phase, PhaseStats stats, double elapsed,
                        double drain, const ProcessSample& before) {
  const auto after = options.server_pid ? sampleProcess(options.server_pid) : ProcessSample{};
  std::printf("%-7s %8zu requests in %6.1f s = %8.0f/s   p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %7.1f ms  errors %zu\n",
              phase.name.c_str(), stats.requests(), elapsed, double(stats.requests()) / elapsed,
              stats.percentileMs(0.5), stats.percentileMs(0.9), stats.percentileMs(0.99),
              stats.percentileMs(1.0), stats.errorCount());
  for (const auto& [kind, count] : stats.errors()) std::printf("        error %-28s %zu\n", kind.c_str(), count);
  for (const auto& [status, count] : stats.statuses()) {
    if (status / 100 != 2) std::printf("        status %d: %zu\n", status, count);
  }
  if (stats.throttled() > 0) {
    std::printf("        throttled (503/429 + Retry-After, sent again) %zu; drained %.1f s after the last first sending\n",
                stats.throttled(), drain);
  }
  for (const auto& [kind, count] : stats.retried()) {
    std::printf("        retried after transport failure %-12s %zu\n", kind.c_str(), count);
  }
  if (options.server_pid) {
    std::printf("        server: cpu %.0f%% of one core, rss %.1f MiB, peak rss %.1f MiB\n",
                100.0 * (after.cpu_seconds - before.cpu_seconds) / elapsed, after.rss_kib / 1024.0,
                after.peak_rss_kib / 1024.0);
  }
  std::fflush(stdout);
  return PhaseResult{std::move(stats), elapsed, drain};
}

// One phase: every lane walks its own agents, in turn, until the phase ends; a
// report refused with Retry-After is sent again when that delay has passed, and
// the phase lasts until every report is answered.
PhaseResult runPhase(const Options& options, const Phase& phase, const std::vector<SimAgent*>& agents,
                     const std::function<LoadRequest(SimAgent&)>& make,
                     const std::function<std::string(SimAgent&, const LoadResponse&, std::uint64_t)>& check,
                     std::FILE* ack_log = nullptr, std::size_t connections = 0) {
  PhaseStats stats(phase.name);
  std::mutex mutex;
  const std::size_t lanes_count = std::min(connections ? connections : options.connections, agents.size());
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(phase.duration_s));
  std::vector<Lane> lanes(lanes_count);
  std::vector<std::size_t> sent(lanes_count, 0);
  std::vector<std::vector<Retry>> retries(lanes_count);
  Clock::time_point last_first_send = start, last_answer = start;
  // The next first sending of lane `l`, or none when it is done with new reports.
  const auto fresh_request = [&](std::size_t l) -> std::optional<LoadRequest> {
    const std::size_t k = sent[l];
    const std::size_t agent = l + (k * lanes_count);
    if (phase.duration_s == 0 && agent >= agents.size()) return std::nullopt;
    Clock::time_point when = Clock::now();
    if (phase.rate > 0) {
      when = start + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(double(k * lanes_count + l) / phase.rate));
    }
    if (phase.duration_s > 0 && std::max(when, Clock::now()) >= end) return std::nullopt;
    LoadRequest request = make(*agents[agent % agents.size()]);
    request.scheduled = when;
    request.agent = agent % agents.size();
    return request;
  };
  for (std::size_t l = 0; l < lanes_count; ++l) {
    lanes[l].next = [&, l]() -> std::optional<LoadRequest> {
      std::lock_guard lock(mutex);
      const auto retry = earliest(retries[l]);
      const auto take_retry = [&] {
        LoadRequest again = std::move(retry->request);
        again.scheduled = retry->due;
        ++again.attempt;
        retries[l].erase(retry);
        return again;
      };
      if (retry != retries[l].end() && retry->due <= Clock::now()) return take_retry();
      auto fresh = fresh_request(l);  // making one takes a seq: only when it is sent
      if (!fresh) {
        if (retry != retries[l].end()) return take_retry();
        return std::nullopt;
      }
      ++sent[l];
      last_first_send = std::max(last_first_send, fresh->scheduled);
      return fresh;
    };
    lanes[l].done = [&, l](const LoadRequest& request, const LoadResponse* response, const std::string& error,
                           std::chrono::microseconds latency) {
      std::lock_guard lock(mutex);
      last_answer = Clock::now();
      if (!response && options.retry_errors) {
        stats.recordRetried(error);
        return retries[l].push_back({Clock::now() + kTransportRetryDelay, request});
      }
      if (!response) return stats.recordError(error, latency);
      stats.recordStatus(response->status);
      if ((response->status == 503 || response->status == 429) && !response->retry_after.empty()) {
        stats.recordThrottled();
        return retries[l].push_back({Clock::now() + retryAfterOf(*response, options.max_retry_after), request});
      }
      const std::string problem = check(*agents[request.agent], *response, request.seq);
      if (!problem.empty()) return stats.recordError(problem, latency);
      stats.recordSuccess(latency);
      if (ack_log != nullptr && request.seq != 0) {
        std::fprintf(ack_log, "%s %llu\n", agents[request.agent]->agent_id.c_str(),
                     static_cast<unsigned long long>(request.seq));
      }
    };
  }
  const auto before = options.server_pid ? sampleProcess(options.server_pid) : ProcessSample{};
  runLanes(options.host, options.port, lanes, options.threads, options.tls);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double drain = std::chrono::duration<double>(std::max(last_answer, last_first_send) - last_first_send).count();
  return reportPhase(options, phase, std::move(stats), elapsed, drain, before);
}

std::string expectAck(const SimAgent&, const LoadResponse& response, std::uint64_t seq, bool floor) {
  if (response.status != 202) return "status_" + std::to_string(response.status);
  if (floor) return "";
  const std::string expected = "\"ack\":" + std::to_string(seq);
  return response.body.find(expected) == std::string::npos ? "bad_ack" : "";
}

Options parseOptions(int argc, char** argv) {
  Options o;
  std::string server = "http://127.0.0.1:8443";
  po::options_description d(
      "fleet-sim: simulates N parc-agents against a server and reports throughput, latency\n"
      "percentiles, errors and the server's CPU and memory.\n\nOptions");
  d.add_options()("help,h", "show this help")
      ("server", po::value(&server), "server URL: http://ADDR:PORT, or https://ADDR:PORT with --ca or --tls-insecure")
      ("ca", po::value(&o.tls.ca_file), "https: the server's CA certificate (PEM) to check its chain against")
      ("tls-insecure", po::bool_switch(&o.tls.insecure), "https: do not check the server's certificate")
      ("token", po::value(&o.token), "enrollment token (uses >= agents)")
      ("agents", po::value(&o.agents), "simulated agents (default 1000)")
      ("connections", po::value(&o.connections), "concurrent connections (default 32)")
      ("inventory", po::value(&o.inventories)->composing(), "a report printed by parc-agent inventory (repeatable)")
      ("full-duration", po::value(&o.full_duration), "seconds of full inventories (default 0: one per agent)")
      ("full-rate", po::value(&o.full_rate), "full inventories per second (default 0: as fast as answered)")
      ("state-duration", po::value(&o.state_duration), "seconds of state reports (default 60)")
      ("state-rate", po::value(&o.state_rate), "state reports per second (default 0: as fast as answered)")
      ("fault-rate", po::value(&o.fault_rate), "fraction of state reports carrying a fault (default 0)")
      ("server-pid", po::value(&o.server_pid), "the server's pid, to report its CPU and RSS")
      ("threads", po::value(&o.threads), "client threads (default 1)")
      ("seed", po::value(&o.seed), "random seed (default 1)")
      ("floor", po::bool_switch(&o.floor), "the target is the bare HTTP floor (bench/http-floor): no enrollment, no ack check")
      ("state-once", po::bool_switch(&o.state_once), "state phase: one report per agent, every lane at once "
                                                    "(with --state-connections: a reconnect storm)")
      ("state-connections", po::value(&o.state_connections), "connections of the state phase (default --connections)")
      ("retry-errors", po::bool_switch(&o.retry_errors), "retry a report lost at the transport (server down) "
                                                         "after 250 ms, as an agent would, instead of counting an error")
      ("max-retry-after", po::value(&o.max_retry_after), "wait at most this many seconds before sending a "
                                                         "throttled report again (default: as the server says)")
      ("ack-log", po::value(&o.ack_log), "append \"agent_id seq\" of every acknowledged report to this file");
  po::variables_map vm;
  po::store(po::parse_command_line(argc, argv, d), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << d;
    std::exit(0);
  }
  o.tls.enabled = server.starts_with("https://");
  const std::string prefix = o.tls.enabled ? "https://" : "http://";
  const auto colon = server.rfind(':');
  if (!server.starts_with(prefix) || colon < prefix.size()) {
    throw std::runtime_error("--server: expected http://ADDR:PORT or https://ADDR:PORT");
  }
  if (o.tls.enabled && o.tls.ca_file.empty() && !o.tls.insecure) {
    throw std::runtime_error("--server https://: give the server's CA (--ca FILE) or --tls-insecure");
  }
  o.host = server.substr(prefix.size(), colon - prefix.size());
  o.port = static_cast<std::uint16_t>(std::stoi(server.substr(colon + 1)));
  if (!o.floor && o.token.empty()) throw std::runtime_error("--token is required (or --floor)");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parseOptions(argc, argv);
  std::vector<std::filesystem::path> files(options.inventories.begin(), options.inventories.end());
  auto workload = Workload::load(files);
  if (!workload) throw std::runtime_error(workload.error());
  auto agents = workload->makeAgents(options.agents, options.seed);
  std::printf("fleet-sim: %zu agents, %zu connections, full report %zu bytes\n", agents.size(),
              options.connections, workload->fullReportBytes());
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<SimAgent*> everyone, reporting;
  for (auto& agent : agents) {
    agent.silent = unit(rng) < options.fault_rate;  // a fault too: these stop reporting
    everyone.push_back(&agent);
    if (!agent.silent) reporting.push_back(&agent);
  }

  // Enrollment.
  runPhase(options, {"enroll", 0, 0}, everyone,
           [&](SimAgent& a) {
             if (options.floor) {
               a.agent_id = "floor-" + std::to_string(a.index);
               a.secret = "floor";
             }
             return LoadRequest{"/api/v1/enroll", workload->enrollBody(a, options.token), "", {}, 0};
           },
           [&](SimAgent& a, const LoadResponse& r, std::uint64_t) -> std::string {
             if (options.floor) return r.status / 100 == 2 ? "" : "status_" + std::to_string(r.status);
             if (r.status != 200 && r.status != 201) return "status_" + std::to_string(r.status);
             const auto body = nlohmann::json::parse(r.body, nullptr, false);
             if (!body.is_object() || !body.contains("agent_secret")) return "bad_enroll_answer";
             a.agent_id = body["agent_id"];
             a.secret = body["agent_secret"];
             return "";
           });

  std::FILE* ack_log = nullptr;
  if (!options.ack_log.empty() && (ack_log = std::fopen(options.ack_log.c_str(), "a")) == nullptr) {
    throw std::runtime_error("--ack-log: cannot open " + options.ack_log);
  }
  const auto check_ack = [&](SimAgent& a, const LoadResponse& r, std::uint64_t seq) {
    return expectAck(a, r, seq, options.floor);
  };
  const auto now = [] { return parc::formatRfc3339(parc::systemNow()); };
  auto full = runPhase(options, {"full", options.full_duration, options.full_rate}, everyone,
                       [&](SimAgent& a) {
                         const auto seq = a.next_seq++;
                         return LoadRequest{"/api/v1/reports", workload->fullReport(a, seq, now()), a.secret, {}, 0, seq};
                       },
                       check_ack, ack_log);

  std::uniform_int_distribution<int> fault_kind(1, 3);
  const Phase state_phase{"state", options.state_once ? 0 : options.state_duration, options.state_rate};
  auto state = runPhase(options, state_phase, reporting,
                        [&](SimAgent& a) {
                          const auto seq = a.next_seq++;
                          const Fault fault = unit(rng) < options.fault_rate ? Fault(fault_kind(rng)) : Fault::kNone;
                          return LoadRequest{"/api/v1/reports",
                                             workload->stateReport(a, seq, now(), fault, seq * 900), a.secret, {}, 0, seq};
                        },
                        check_ack, ack_log, options.state_connections);
  if (ack_log != nullptr) std::fclose(ack_log);

  const double p99 = std::max(full.stats.percentileMs(0.99), state.stats.percentileMs(0.99));
  std::printf("fleet-sim: state_rps=%.0f full_rps=%.0f p99_ms=%.1f errors=%zu throttled=%zu drain_s=%.1f\n",
              state.okPerSecond(), full.okPerSecond(), p99, full.stats.errorCount() + state.stats.errorCount(),
              full.stats.throttled() + state.stats.throttled(), std::max(full.drain_s, state.drain_s));
  return full.stats.errorCount() + state.stats.errorCount() == 0 ? 0 : 2;
} catch (const std::exception& e) {
  std::cerr << "fleet-sim: " << e.what() << "\n";
  return 1;
}
