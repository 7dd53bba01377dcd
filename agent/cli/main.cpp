#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "agent/cli/commands.h"
#include "shared/version.h"

namespace {

constexpr const char* kUsage = R"(Usage: parc-agent <command> [options]

Commands:
  enroll     enroll this machine with the server (--server URL --token TOKEN)
  once       collect and send one report, then exit
  run        the daemon: report every interval, keep reports while the server is away
  inventory  print the report as JSON on stdout; nothing is sent
  status     what the agent knows: server, identity, spool, last success
  version    print the version

Run 'parc-agent <command> --help' for its options. Configuration: /etc/parc/agent.conf.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace parc::agent;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "version" || command == "--version") {
    std::cout << "parc-agent " << parc::kVersion << "\n";
    return kExitOk;
  }
  const std::map<std::string, int (*)(const AgentConfig&)> commands = {
      {"enroll", enrollCommand}, {"once", onceCommand},     {"run", runCommand},
      {"inventory", inventoryCommand}, {"status", statusCommand}};
  const auto it = commands.find(command);
  if (it == commands.end()) {
    std::cerr << "parc-agent: unknown command \"" << command << "\"\n" << kUsage;
    return kExitUsage;
  }
  // `enroll --token` is the protocol's spelling of enroll_token.
  if (command == "enroll") {
    for (auto& arg : args) {
      if (arg == "--token") arg = "--enroll_token";
      if (arg.starts_with("--token=")) arg = "--enroll_token=" + arg.substr(8);
    }
  }
  auto parsed = parseAgentCommandLine(command, args);
  if (!parsed) {
    std::cerr << "parc-agent " << command << ": " << parsed.error() << "\n";
    return kExitUsage;
  }
  if (parsed->help) {
    std::cout << parsed->help_text;
    return kExitOk;
  }
  try {
    return it->second(parsed->config);
  } catch (const std::exception& e) {
    std::cerr << "parc-agent " << command << ": " << e.what() << "\n";
    return kExitFailure;
  }
}
