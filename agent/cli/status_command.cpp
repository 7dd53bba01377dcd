#include <iostream>

#include "agent/agent_state.h"
#include "agent/cli/commands.h"
#include "agent/delivery/spool_names.h"

namespace parc::agent {

int statusCommand(const AgentConfig& config) {
  const StateDir state(config.state_dir);
  auto identity = state.loadIdentity();
  if (!identity) {
    std::cerr << "parc-agent status: " << identity.error() << "\n";
    return kExitFailure;
  }
  auto progress = state.loadProgress();
  if (!progress) {
    std::cerr << "parc-agent status: " << progress.error() << "\n";
    return kExitFailure;
  }
  const auto show = [](const std::string& value) { return value.empty() ? "-" : value; };
  if (*identity) {
    const Identity& id = **identity;
    std::cout << "enrolled:        yes\n"
              << "server:          " << id.server << "\n"
              << "agent id:        " << id.agent_id << "\n"
              << "device id:       " << id.device_id << "\n"
              << "site:            " << id.site_name << " (" << id.site_id << ")\n"
              << "enrolled at:     " << show(id.enrolled_at) << "\n";
  } else {
    std::cout << "enrolled:        no\n"
              << "server:          " << show(config.server) << "\n";
  }
  std::cout << "next seq:        " << progress->next_seq << "\n"
            << "last success:    " << show(progress->last_success_at) << "\n"
            << "last attempt:    " << show(progress->last_attempt_at) << "\n"
            << "last error:      " << show(progress->last_error) << "\n";
  // Counted from the listing, without opening the spool: a running daemon owns it.
  std::size_t count = 0;
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(state.spoolDir(), ec)) {
    if (!entry.is_regular_file(ec) || !parseEntryFileName(entry.path().filename().string())) continue;
    ++count;
    bytes += entry.file_size(ec);
  }
  std::cout << "spool:           " << count << " report(s) waiting, " << bytes << " bytes\n";
  return kExitOk;
}

}  // namespace parc::agent
