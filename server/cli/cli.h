#pragma once
// parc-server's subcommands. Each returns the process exit code:
// 0 success, 1 failure (one clear line on stderr), 2 usage error.

#include <string>
#include <vector>

namespace parc::server {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int serveCommand(const std::vector<std::string>& args);
int adminCommand(const std::vector<std::string>& args);
int exportCommand(const std::vector<std::string>& args);
// parc-server export alerts|interventions (activity_export_command.cpp).
int activityExportCommand(const std::string& subject, const std::vector<std::string>& args);
int importCommand(const std::vector<std::string>& args);

}  // namespace parc::server
