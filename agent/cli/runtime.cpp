#include "agent/cli/runtime.h"

#include "agent/cli/pinned_enrollment.h"
#include "agent/collectors/registry.h"
#include "agent/collectors/runner.h"
#include "agent/enrollment.h"
#include "shared/time.h"
#include "shared/version.h"

namespace parc::agent {

Result<Runtime> makeRuntime(const AgentConfig& config) {
  auto settings = parseCollectorSettings(config.projectors);
  if (!settings) return makeError(settings.error());
  Runtime runtime{makeLogger("agent", LogOptions{config.log_level}), StateDir(config.state_dir),
                  nullptr, nullptr, makeCollectors(*settings)};
  if (auto status = runtime.state.ensureExists(); !status) return makeError(status.error());
  UploaderOptions options;
  options.agent_version = kVersion;
  options.connect_timeout = config.connect_timeout;
  options.total_timeout = config.send_timeout;
  if (std::filesystem::exists(runtime.state.caFile())) options.tls.ca_file = runtime.state.caFile().string();
  runtime.net = std::make_unique<OnDemandNet>(defaultNetModulePath(), options);
  SpoolLimits limits;
  limits.max_bytes = config.spool_max_bytes;
  auto spool = Spool::open(runtime.state.spoolDir(), limits, childLogger(runtime.logger, "agent.spool"));
  if (!spool) return makeError(spool.error());
  runtime.spool = std::make_unique<Spool>(std::move(*spool));
  return runtime;
}

Result<Identity> loadOrEnroll(const AgentConfig& config, Runtime& runtime) {
  auto identity = runtime.state.loadIdentity();
  if (!identity) return makeError(identity.error());
  if (*identity) return **identity;
  if (config.enroll_token.empty() || config.server.empty()) {
    return makeError("not enrolled: run 'parc-agent enroll --server URL --token TOKEN' or set "
                     "server and enroll_token in /etc/parc/agent.conf");
  }
  auto collected = runCollectors(runtime.collectors, FsRoot(config.root), runtime.logger);
  auto enrolled = enrollPinned(config, runtime, collected.snapshot.inventory);
  if (!enrolled) return makeError(enrolled.error());
  runtime.logger->info("enrolled with {} as agent {} (device {}, site \"{}\")", enrolled->server,
                       enrolled->agent_id, enrolled->device_id, enrolled->site_name);
  return *enrolled;
}

}  // namespace parc::agent
