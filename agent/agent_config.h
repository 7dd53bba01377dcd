#pragma once
// parc-agent's configuration: /etc/parc/agent.conf (INI), every key overridable
// on the command line as --key value. Loaded once, validated, passed down.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shared/result.h"

namespace parc::agent {

inline constexpr const char* kDefaultAgentConfig = "/etc/parc/agent.conf";
inline constexpr const char* kDefaultStateDir = "/var/lib/parc-agent";

struct AgentConfig {
  std::string server;          // "https://parc.collectivite.fr:8443"
  std::string ca_fingerprint;  // "sha256:…"
  std::string enroll_token;    // used once, at the first start
  std::string room;
  std::chrono::seconds interval{900};
  std::vector<std::string> projectors;  // "ADDR[:PORT] [password=…] [lamp_life_hours=…] [name=…]"
  std::filesystem::path state_dir = kDefaultStateDir;
  std::filesystem::path root = "/";  // collect below this directory
  std::string log_level = "info";
  std::uint64_t spool_max_bytes = 64ULL << 20;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds send_timeout{60};
};

struct ParsedAgentCommand {
  bool help = false;
  std::string help_text;
  AgentConfig config;
};

// `command` is the subcommand (enroll, once, run, inventory, status): it decides
// which options are offered. Errors name the key and the problem.
Result<ParsedAgentCommand> parseAgentCommandLine(const std::string& command,
                                                 const std::vector<std::string>& args);

}  // namespace parc::agent
