#include "tests/integration/alert_reports.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "shared/time.h"
#include "tests/integration/parc_fixture.h"

namespace parc::testing {

using nlohmann::json;

DeviceCredentials enrolledDevice(const std::filesystem::path& dir, const std::string& server_url,
                                 const std::string& token, const std::string& machine) {
  ParcAgent agent(dir, machine);
  EXPECT_EQ(agent.enroll(server_url, token).exit_code, 0);
  EXPECT_EQ(agent.once().exit_code, 0);
  const auto identity = agent.identity();
  return {identity.value("agent_id", ""), identity.value("agent_secret", "")};
}

long reportFailingDisks(const std::string& server_url, const DeviceCredentials& device, std::uint64_t seq,
                        const std::vector<std::string>& disks) {
  json list = json::array();
  for (const auto& disk : disks) list.push_back({{"name", disk}, {"smart", {{"passed", false}, {"exit_status", 8}}}});
  const json report = {{"schema", "parc.report/1"},
                       {"kind", "state"},
                       {"agent", {{"id", device.first}, {"version", "0.3.0"}}},
                       {"seq", seq},
                       {"collected_at", formatRfc3339(systemNow())},
                       {"state", {{"uptime_s", 100}, {"disks", list}}},
                       {"collectors", json::array()}};
  return httpRequest("POST", server_url + "/api/v1/reports", report.dump(),
                     {"Authorization: Bearer " + device.second, "Content-Type: application/json"})
      .status;
}

}  // namespace parc::testing
