#pragma once
// Devices that report to a real server, for the tests that need alerts: an
// enrolled agent's credentials, and state reports whose disks fail SMART.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace parc::testing {

// {agent_id, agent_secret} of a real parc-agent on the captured root `machine`
// (under `dir`), enrolled with `token` and past its first (full) report.
using DeviceCredentials = std::pair<std::string, std::string>;
DeviceCredentials enrolledDevice(const std::filesystem::path& dir, const std::string& server_url,
                                 const std::string& token, const std::string& machine);

// POSTs a state report in which each of `disks` fails SMART (the engine opens
// alerts) → the HTTP status.
long reportFailingDisks(const std::string& server_url, const DeviceCredentials& device, std::uint64_t seq,
                        const std::vector<std::string>& disks);

}  // namespace parc::testing
