#include "bench/fleet_sim/workload.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace parc::bench {
namespace {

using nlohmann::json;

// Placeholders, in the order Template::render takes values.
const std::vector<std::string> kSlots = {"@@AGENT@@", "@@SEQ@@",  "@@TIME@@", "@@UUID@@",
                                         "@@SERIAL@@", "@@MAC@@", "@@HOST@@", "@@DISK@@"};

std::string hex(std::mt19937_64& rng, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) out.push_back(kHex[rng() % 16]);
  return out;
}

// Turns one captured report into a full-report template for any simulated agent.
Result<Template> makeFullTemplate(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  json report = json::parse(text.str(), nullptr, false);
  if (report.is_discarded() || !report.contains("inventory")) {
    return makeError(file.string() + ": not a report printed by parc-agent inventory");
  }
  json& inventory = report["inventory"];
  inventory["system"]["uuid"] = "@@UUID@@";
  inventory["system"]["serial"] = "@@SERIAL@@";
  inventory["os"]["hostname"] = "@@HOST@@";
  if (!inventory["network"].is_array() || inventory["network"].empty()) {
    inventory["network"] = json::array({{{"name", "eth0"}, {"type", "wired"}}});
  }
  inventory["network"][0]["mac"] = "@@MAC@@";
  if (!inventory["disks"].is_array() || inventory["disks"].empty()) {
    inventory["disks"] = json::array({{{"name", "sda"}, {"size_bytes", 256060514304}}});
  }
  inventory["disks"][0]["serial"] = "@@DISK@@";
  // The classroom projector every simulated agent polls (its state reports carry
  // it): a real agent lists the projectors it polls in its inventory, so the
  // projector's device is created by the first full report, not the first state.
  inventory["projectors"] = json::array(
      {{{"address", "10.12.3.40"}, {"name", "Salle"}, {"manufacturer", "EPSON"}, {"model", "EB-680"}}});
  report.erase("inventory_hash");
  report["agent"] = {{"id", "@@AGENT@@"}, {"version", "fleet-sim"}};
  report["seq"] = "@@SEQ@@";
  report["collected_at"] = "@@TIME@@";
  report["kind"] = "full";
  std::string dumped = report.dump();
  // The seq is a number on the wire: drop the quotes around its placeholder.
  const auto at = dumped.find("\"@@SEQ@@\"");
  dumped.replace(at, 9, "@@SEQ@@");
  return Template(dumped);
}

}  // namespace

Template::Template(const std::string& text) {
  std::size_t pos = 0;
  while (true) {
    std::size_t best = std::string::npos, slot = 0;
    for (std::size_t i = 0; i < kSlots.size(); ++i) {
      const auto found = text.find(kSlots[i], pos);
      if (found < best) best = found, slot = i;
    }
    pieces_.push_back(text.substr(pos, best == std::string::npos ? std::string::npos : best - pos));
    if (best == std::string::npos) break;
    slots_.push_back(slot);
    pos = best + kSlots[slot].size();
  }
  for (const auto& piece : pieces_) size_ += piece.size();
}

std::string Template::render(const std::vector<std::string>& values) const {
  std::string out;
  out.reserve(size_ + 256);
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    out += pieces_[i];
    if (i < slots_.size()) out += values[slots_[i]];
  }
  return out;
}

Result<Workload> Workload::load(const std::vector<std::filesystem::path>& inventories) {
  if (inventories.empty()) return makeError("no inventory given (--inventory FILE)");
  Workload workload;
  for (const auto& file : inventories) {
    auto made = makeFullTemplate(file);
    if (!made) return makeError(made.error());
    workload.full_.push_back(std::move(*made));
  }
  return workload;
}

std::vector<SimAgent> Workload::makeAgents(std::size_t count, std::uint64_t seed) const {
  std::mt19937_64 rng(seed);
  std::vector<SimAgent> agents(count);
  for (std::size_t i = 0; i < count; ++i) {
    SimAgent& a = agents[i];
    a.index = i;
    a.uuid = hex(rng, 8) + "-" + hex(rng, 4) + "-4" + hex(rng, 3) + "-8" + hex(rng, 3) + "-" + hex(rng, 12);
    a.serial = "SIM" + std::to_string(seed % 1000) + "-" + std::to_string(i);
    std::string mac = "02";
    for (int b = 0; b < 5; ++b) mac += ":" + hex(rng, 2);
    a.mac = mac;
    a.hostname = "salle-" + std::to_string(i / 30) + "-poste" + std::to_string(i % 30);
    a.disk_serial = "S" + hex(rng, 10);
    a.machine = i % full_.size();
  }
  return agents;
}

std::string Workload::enrollBody(const SimAgent& agent, const std::string& token) const {
  const json body = {{"token", token},
                     {"machine", {{"uuid", agent.uuid}, {"serial", agent.serial},
                                  {"macs", {agent.mac}}, {"hostname", agent.hostname}}},
                     {"agent", {{"version", "fleet-sim"}}}};
  return body.dump();
}

std::string Workload::fullReport(const SimAgent& agent, std::uint64_t seq,
                                 std::string_view collected_at) const {
  return full_[agent.machine].render({agent.agent_id, std::to_string(seq), std::string(collected_at),
                                      agent.uuid, agent.serial, agent.mac, agent.hostname,
                                      agent.disk_serial});
}

std::string Workload::stateReport(const SimAgent& agent, std::uint64_t seq, std::string_view collected_at,
                                  Fault fault, std::uint64_t uptime_s) const {
  const int reallocated = fault == Fault::kFailingDisk ? 304 : 0;
  const char* lamp = fault == Fault::kLampError ? "error" : "ok";
  const char* peripherals = fault == Fault::kWhiteboardGone
                                ? "[]"
                                : R"([{"vendor_id":"0b8c","product_id":"0001","class":"whiteboard"}])";
  std::string out;
  out.reserve(900);
  out += R"({"schema":"parc.report/1","kind":"state","agent":{"id":")" + agent.agent_id +
         R"(","version":"fleet-sim"},"seq":)" + std::to_string(seq) + R"(,"collected_at":")" +
         std::string(collected_at) + R"(","state":{"uptime_s":)" + std::to_string(uptime_s) +
         R"(,"disks":[{"name":"sda","smart":{"passed":true,"exit_status":0,"reallocated":)" +
         std::to_string(reallocated) +
         R"(,"pending":0,"uncorrectable":0,"power_on_hours":8123,"temperature_c":34}}],)"
         R"("filesystems":[{"mount":"/","size_bytes":250000000000,"free_bytes":)" +
         std::to_string(100000000000 + (seq % 1000) * 1000000) +
         R"(}],"batteries":[{"name":"BAT0","health_pct":91.5,"cycles":212,"status":"Discharging"}],)"
         R"("temperatures":[{"label":"Package id 0","celsius":55.0,"critical_celsius":100.0}],)"
         R"("projectors":[{"address":"10.12.3.40","reachable":true,"power":"on","errors":{"fan":"ok","lamp":")" +
         std::string(lamp) +
         R"(","temperature":"ok","cover":"ok","filter":"ok","other":"ok"},"lamp_hours":[2810],"filter_hours":230}],)"
         R"("peripherals":)" + peripherals +
         R"(},"collectors":[{"name":"cpu","status":"ok","ms":1},{"name":"storage","status":"ok","ms":3}]})";
  return out;
}

std::size_t Workload::fullReportBytes() const {
  std::size_t total = 0;
  for (const auto& t : full_) total += t.size();
  return full_.empty() ? 0 : total / full_.size();
}

}  // namespace parc::bench
