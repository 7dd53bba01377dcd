#include "agent/cli/pinned_enrollment.h"

#include "agent/ca_pinning.h"
#include "agent/enrollment.h"
#include "shared/cert_fingerprint.h"
#include "shared/time.h"
#include "shared/version.h"

namespace parc::agent {
namespace {

Result<std::unique_ptr<CurlUploader>> pinnedUploader(const AgentConfig& config, Runtime& runtime,
                                                     const std::filesystem::path& ca_file) {
  CurlOptions options;
  options.agent_version = kVersion;
  options.connect_timeout = config.connect_timeout;
  options.total_timeout = config.send_timeout;
  options.tls.ca_file = ca_file.string();
  return CurlUploader::create(*runtime.curl, options);
}

}  // namespace

Result<Identity> enrollPinned(const AgentConfig& config, Runtime& runtime, const Inventory& inventory) {
  EnrollmentRequest request{config.server, config.enroll_token, config.ca_fingerprint, kVersion};
  if (!config.server.starts_with("https://")) {
    if (!config.ca_fingerprint.empty()) {
      return makeError("a CA fingerprint is given but the server URL is " + config.server +
                       ": use https:// (http:// only for a server set up with plain_http)");
    }
    auto identity = enroll(*runtime.uploader, request, inventory, formatRfc3339(systemNow()));
    if (!identity) return identity;
    if (auto saved = runtime.state.saveIdentity(*identity); !saved) return makeError(saved.error());
    return identity;
  }
  if (config.ca_fingerprint.empty()) {
    return makeError("enrolling with an https:// server needs its CA fingerprint: --ca-fingerprint "
                     "sha256:… (on the server: parc-server admin ca-fingerprint)");
  }
  auto fingerprint = normalizeFingerprint(config.ca_fingerprint);
  if (!fingerprint) return makeError("ca_fingerprint: " + fingerprint.error());
  request.ca_fingerprint = *fingerprint;
  auto ca_file = pinServerCa(*runtime.curl, runtime.state, config.server, *fingerprint,
                             config.connect_timeout + config.send_timeout);
  if (!ca_file) return makeError(ca_file.error());
  auto uploader = pinnedUploader(config, runtime, *ca_file);
  if (!uploader) return makeError(uploader.error());
  auto identity = enroll(**uploader, request, inventory, formatRfc3339(systemNow()));
  if (!identity) return identity;
  if (auto committed = commitPinnedCa(runtime.state, *ca_file); !committed) {
    return makeError(committed.error());
  }
  if (auto saved = runtime.state.saveIdentity(*identity); !saved) return makeError(saved.error());
  // What follows in this run (the first report of a silent install) trusts the same CA.
  auto reporting = pinnedUploader(config, runtime, runtime.state.caFile());
  if (!reporting) return makeError(reporting.error());
  runtime.uploader = std::move(*reporting);
  return identity;
}

}  // namespace parc::agent
