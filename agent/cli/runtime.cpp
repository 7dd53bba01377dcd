#include "agent/cli/runtime.h"

#include "agent/collectors/registry.h"
#include "agent/collectors/runner.h"
#include "agent/enrollment.h"
#include "shared/time.h"
#include "shared/version.h"

namespace parc::agent {

Result<Runtime> makeRuntime(const AgentConfig& config) {
  Runtime runtime{makeLogger("agent", LogOptions{config.log_level}), StateDir(config.state_dir),
                  nullptr, nullptr, nullptr, makeCollectors()};
  if (auto status = runtime.state.ensureExists(); !status) return makeError(status.error());
  runtime.curl = std::make_unique<CurlGlobal>();
  CurlOptions curl_options;
  curl_options.agent_version = kVersion;
  curl_options.connect_timeout = config.connect_timeout;
  curl_options.total_timeout = config.send_timeout;
  auto uploader = CurlUploader::create(*runtime.curl, curl_options);
  if (!uploader) return makeError(uploader.error());
  runtime.uploader = std::move(*uploader);
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
  const EnrollmentRequest request{config.server, config.enroll_token, config.ca_fingerprint, kVersion};
  auto enrolled = enroll(*runtime.uploader, request, collected.snapshot.inventory,
                         formatRfc3339(systemNow()));
  if (!enrolled) return makeError(enrolled.error());
  if (auto saved = runtime.state.saveIdentity(*enrolled); !saved) return makeError(saved.error());
  runtime.logger->info("enrolled with {} as agent {} (device {}, site \"{}\")", enrolled->server,
                       enrolled->agent_id, enrolled->device_id, enrolled->site_name);
  return *enrolled;
}

}  // namespace parc::agent
