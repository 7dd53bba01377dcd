// feed-latency: how long a technician waits for an alert. Enrolls N simulated
// agents on a running parc-server (plain HTTP), subscribes to GET /api/v1/feed
// with an API token, has the agents send state reports at a set rate, a share of
// them carrying a failing disk, and measures for each alert the time from the
// report's 2xx acknowledgement to its "opened" event on the SSE stream.

#include <boost/program_options.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "bench/feed_latency/feed_reader.h"
#include "bench/feed_latency/latency_book.h"
#include "bench/fleet_sim/http_load.h"
#include "bench/fleet_sim/workload.h"
#include "shared/time.h"

namespace po = boost::program_options;
using namespace parc::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kFaultRule = "disk_ata_sectors";  // reallocated sectors (Fault::kFailingDisk)

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  std::string token, api_token;
  std::vector<std::string> inventories;
  std::size_t agents = 1000, connections = 32;
  double rate = 200, duration = 20, fault_rate = 0.2, grace = 5;
  unsigned threads = 1;
  std::uint64_t seed = 1;
};

struct Agent {
  SimAgent sim;
  std::string device_id;
  bool faulted = false;
};

// Sends one request per agent of `agents`, through `connections` lanes, each
// until `check` accepts the answer (a 503/429 is sent again after a second).
void eachAgentOnce(const Options& o, std::vector<Agent>& agents, const std::string& what,
                   const std::function<LoadRequest(Agent&)>& make,
                   const std::function<bool(Agent&, const LoadResponse&)>& check) {
  std::mutex mutex;
  const std::size_t lanes_count = std::min(o.connections, agents.size());
  std::vector<Lane> lanes(lanes_count);
  std::vector<std::size_t> next(lanes_count);
  std::vector<std::optional<LoadRequest>> again(lanes_count);
  std::size_t failures = 0;
  for (std::size_t l = 0; l < lanes_count; ++l) {
    next[l] = l;
    lanes[l].next = [&, l]() -> std::optional<LoadRequest> {
      std::lock_guard lock(mutex);
      if (again[l]) return std::exchange(again[l], std::nullopt);
      if (next[l] >= agents.size()) return std::nullopt;
      LoadRequest request = make(agents[next[l]]);
      request.agent = next[l];
      request.scheduled = Clock::now();
      next[l] += lanes_count;
      return request;
    };
    lanes[l].done = [&, l](const LoadRequest& request, const LoadResponse* response, const std::string&,
                           std::chrono::microseconds) {
      std::lock_guard lock(mutex);
      if (response && (response->status == 503 || response->status == 429) && request.attempt < 30) {
        LoadRequest retry = request;
        retry.scheduled = Clock::now() + std::chrono::seconds(1);
        ++retry.attempt;
        again[l] = retry;
        return;
      }
      if (!response || !check(agents[request.agent], *response)) ++failures;
    };
  }
  runLanes(o.host, o.port, lanes, o.threads);
  if (failures > 0) throw std::runtime_error(what + ": " + std::to_string(failures) + " requests failed");
}

// State reports at `rate` for `duration`; an agent not yet faulted carries a
// failing disk with probability fault_rate. Acknowledged faults go to `book`.
std::size_t statePhase(const Options& o, std::vector<Agent>& agents, const Workload& workload, LatencyBook& book) {
  std::mutex mutex;
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> unit(0, 1);
  const std::size_t lanes_count = std::min(o.connections, agents.size());
  const auto start = Clock::now();
  const auto total = static_cast<std::size_t>(o.rate * o.duration);
  std::vector<Lane> lanes(lanes_count);
  std::vector<std::size_t> next(lanes_count);
  std::size_t errors = 0;
  std::set<std::pair<std::size_t, std::uint64_t>> faults;  // (agent, seq) of the reports with a fault
  for (std::size_t l = 0; l < lanes_count; ++l) {
    next[l] = l;
    lanes[l].next = [&, l]() -> std::optional<LoadRequest> {
      std::lock_guard lock(mutex);
      const std::size_t k = next[l];
      if (k >= total) return std::nullopt;
      next[l] += lanes_count;
      Agent& agent = agents[k % agents.size()];
      const bool fault = !agent.faulted && unit(rng) < o.fault_rate;
      agent.faulted = agent.faulted || fault;
      const std::uint64_t seq = agent.sim.next_seq++;
      LoadRequest request{"/api/v1/reports",
                          workload.stateReport(agent.sim, seq, parc::formatRfc3339(parc::systemNow()),
                                               fault ? Fault::kFailingDisk : Fault::kNone, seq * 900),
                          agent.sim.secret, start + std::chrono::duration_cast<Clock::duration>(
                                                        std::chrono::duration<double>(double(k) / o.rate)),
                          k % agents.size(), seq};
      if (fault) faults.emplace(request.agent, seq);
      return request;
    };
    lanes[l].done = [&](const LoadRequest& request, const LoadResponse* response, const std::string&,
                        std::chrono::microseconds) {
      const auto now = Clock::now();
      std::lock_guard lock(mutex);
      Agent& agent = agents[request.agent];
      const bool ok = response && response->status / 100 == 2;
      const bool fault = faults.erase({request.agent, request.seq}) > 0;
      if (!ok) {
        ++errors;
        if (fault) agent.faulted = false;  // its alert never opened: it may fault again
        return;
      }
      if (fault) book.acked(LatencyBook::keyOf(agent.device_id, kFaultRule), now);
    };
  }
  runLanes(o.host, o.port, lanes, o.threads);
  return errors;
}

Options parseOptions(int argc, char** argv) {
  Options o;
  std::string server = "http://127.0.0.1:8443";
  po::options_description d(
      "feed-latency: N simulated agents report to a running parc-server (plain HTTP) while one\n"
      "technician follows GET /api/v1/feed; a share of the reports carries a failing disk. Prints the\n"
      "time from each such report's 2xx acknowledgement to its \"opened\" event on the stream\n"
      "(p50/p90/p99/max), then one line: feed-latency: p50_ms= p99_ms= events= missed=.\n"
      "Exits 2 when an alert was missed or none came.\n\nOptions");
  d.add_options()("help,h", "show this help")
      ("server", po::value(&server), "server URL (plain http://ADDR:PORT)")
      ("token", po::value(&o.token), "enrollment token (uses >= agents)")
      ("api-token", po::value(&o.api_token), "API token that sees the agents' site (parc-server admin api-token create)")
      ("inventory", po::value(&o.inventories)->composing(), "a report printed by parc-agent inventory (repeatable)")
      ("agents", po::value(&o.agents), "simulated agents (default 1000)")
      ("connections", po::value(&o.connections), "concurrent agent connections (default 32)")
      ("rate", po::value(&o.rate), "state reports per second, all agents together (default 200)")
      ("duration", po::value(&o.duration), "seconds of state reports (default 20)")
      ("fault-rate", po::value(&o.fault_rate), "share of reports carrying a failing disk, once per agent (default 0.2)")
      ("grace", po::value(&o.grace), "seconds to wait for the last events (default 5)")
      ("threads", po::value(&o.threads), "client threads (default 1)")
      ("seed", po::value(&o.seed), "random seed (default 1)");
  po::variables_map vm;
  po::store(po::parse_command_line(argc, argv, d), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << d;
    std::exit(0);
  }
  const std::string prefix = "http://";
  const auto colon = server.rfind(':');
  if (!server.starts_with(prefix) || colon < prefix.size()) throw std::runtime_error("--server: expected http://ADDR:PORT");
  o.host = server.substr(prefix.size(), colon - prefix.size());
  o.port = static_cast<std::uint16_t>(std::stoi(server.substr(colon + 1)));
  if (o.token.empty() || o.api_token.empty()) throw std::runtime_error("--token and --api-token are required");
  if (o.agents == 0 || o.rate <= 0 || o.duration <= 0) throw std::runtime_error("--agents, --rate and --duration must be positive");
  return o;
}

void printSummary(const Options& o, const LatencySummary& s, std::size_t events, std::size_t errors) {
  std::printf("alerts: %zu acknowledged, %zu events matched, %zu missed, %zu before their ack; "
              "%zu feed events in all, %zu report errors\n",
              s.acked, s.matched, s.missed, s.before_ack, events, errors);
  std::printf("ack -> alert.opened: count %zu  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms\n",
              s.latencies_ms.size(), s.percentileMs(0.5), s.percentileMs(0.9), s.percentileMs(0.99),
              s.percentileMs(1.0));
  std::printf("feed-latency: p50_ms=%.1f p99_ms=%.1f events=%zu missed=%zu\n", s.percentileMs(0.5),
              s.percentileMs(0.99), s.matched, s.missed);
  (void)o;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parseOptions(argc, argv);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::vector<std::filesystem::path> files(o.inventories.begin(), o.inventories.end());
  auto workload = Workload::load(files);
  if (!workload) throw std::runtime_error(workload.error());
  std::vector<Agent> agents;
  for (auto& sim : workload->makeAgents(o.agents, o.seed)) agents.push_back(Agent{std::move(sim), "", false});
  std::printf("feed-latency: %zu agents, %.0f state reports/s for %.0f s, fault share %.2f\n", agents.size(), o.rate,
              o.duration, o.fault_rate);

  eachAgentOnce(o, agents, "enroll",
                [&](Agent& a) { return LoadRequest{"/api/v1/enroll", workload->enrollBody(a.sim, o.token), "", {}}; },
                [](Agent& a, const LoadResponse& r) {
                  const auto body = nlohmann::json::parse(r.body, nullptr, false);
                  if (r.status / 100 != 2 || !body.is_object() || !body.contains("agent_secret")) return false;
                  a.sim.agent_id = body.value("agent_id", "");
                  a.sim.secret = body.value("agent_secret", "");
                  a.device_id = body.value("device_id", "");
                  return true;
                });
  eachAgentOnce(o, agents, "full inventories",
                [&](Agent& a) {
                  const auto seq = a.sim.next_seq++;
                  return LoadRequest{"/api/v1/reports",
                                     workload->fullReport(a.sim, seq, parc::formatRfc3339(parc::systemNow())),
                                     a.sim.secret, {}, 0, seq};
                },
                [](Agent&, const LoadResponse& r) { return r.status / 100 == 2; });
  std::printf("enrolled and inventoried %zu agents\n", agents.size());
  std::fflush(stdout);

  LatencyBook book;
  FeedReader reader("http://" + o.host + ":" + std::to_string(o.port) + "/api/v1/feed", o.api_token, book);
  if (!reader.waitConnected(10)) throw std::runtime_error("the feed did not answer: " + reader.error());
  const std::size_t errors = statePhase(o, agents, *workload, book);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.grace));
  while (book.matchedCount() < book.ackedCount() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string feed_error = reader.error();
  reader.stop();
  if (!feed_error.empty()) std::fprintf(stderr, "feed-latency: %s\n", feed_error.c_str());
  const LatencySummary summary = book.summary();
  printSummary(o, summary, reader.events(), errors);
  curl_global_cleanup();
  return summary.missed == 0 && summary.matched > 0 ? 0 : 2;
} catch (const std::exception& e) {
  std::cerr << "feed-latency: " << e.what() << "\n";
  return 1;
}
