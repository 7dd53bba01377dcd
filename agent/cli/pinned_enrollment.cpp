#include "agent/cli/pinned_enrollment.h"

#include "agent/ca_pinning.h"
#include "agent/enrollment.h"
#include "shared/time.h"
#include "shared/version.h"

namespace parc::agent {
namespace {

UploaderOptions pinnedOptions(const AgentConfig& config, const std::filesystem::path& ca_file) {
  UploaderOptions options;
  options.agent_version = kVersion;
  options.connect_timeout = config.connect_timeout;
  options.total_timeout = config.send_timeout;
  options.tls.ca_file = ca_file.string();
  return options;
}

// The connection was verified against the pinned CA; the server must announce that one.
Status checkAnnounced(const NetApi& net, Identity& identity, const std::string& pinned) {
  const auto announced = net.normalizeFingerprint(identity.ca_fingerprint);
  if (!announced || *announced != pinned) {
    return makeError("CA fingerprint mismatch: the server announces " + identity.ca_fingerprint +
                     ", expected " + pinned);
  }
  identity.ca_fingerprint = pinned;
  return {};
}

Result<Identity> enrollPlain(const EnrollmentRequest& request, Runtime& runtime, const Inventory& inventory) {
  auto identity = enroll(*runtime.net, request, inventory, formatRfc3339(systemNow()));
  if (!identity) return identity;
  if (auto saved = runtime.state.saveIdentity(*identity); !saved) return makeError(saved.error());
  return identity;
}

}  // namespace

Result<Identity> enrollPinned(const AgentConfig& config, Runtime& runtime, const Inventory& inventory) {
  EnrollmentRequest request{config.server, config.enroll_token, config.ca_fingerprint, kVersion};
  if (!config.server.starts_with("https://")) {
    if (!config.ca_fingerprint.empty()) {
      return makeError("a CA fingerprint is given but the server URL is " + config.server +
                       ": use https:// (http:// only for a server set up with plain_http)");
    }
    return enrollPlain(request, runtime, inventory);
  }
  if (config.ca_fingerprint.empty()) {
    return makeError("enrolling with an https:// server needs its CA fingerprint: --ca-fingerprint "
                     "sha256:… (on the server: parc-server admin ca-fingerprint)");
  }
  auto net = runtime.net->api();
  if (!net) return makeError(net.error());
  auto fingerprint = (*net)->normalizeFingerprint(config.ca_fingerprint);
  if (!fingerprint) return makeError("ca_fingerprint: " + fingerprint.error());
  request.ca_fingerprint = *fingerprint;
  auto ca_file = pinServerCa(**net, runtime.state, config.server, *fingerprint,
                             config.connect_timeout + config.send_timeout);
  if (!ca_file) return makeError(ca_file.error());
  auto uploader = (*net)->makeUploader(pinnedOptions(config, *ca_file));
  if (!uploader) return makeError(uploader.error());
  auto identity = enroll(**uploader, request, inventory, formatRfc3339(systemNow()));
  uploader->reset();  // before anything may unload the module
  if (!identity) return identity;
  if (auto announced = checkAnnounced(**net, *identity, *fingerprint); !announced) {
    return makeError(announced.error());
  }
  if (auto committed = commitPinnedCa(runtime.state, *ca_file); !committed) {
    return makeError(committed.error());
  }
  if (auto saved = runtime.state.saveIdentity(*identity); !saved) return makeError(saved.error());
  // What follows in this run (the first report of a silent install) trusts the same CA.
  runtime.net->setCaFile(runtime.state.caFile());
  return identity;
}

}  // namespace parc::agent
