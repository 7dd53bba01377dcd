#pragma once
// The network half of the agent, behind one narrow interface: everything that needs
// libcurl and OpenSSL (POSTs over TLS with the pinned CA, fetching the server's CA,
// certificate fingerprints) lives in a separate shared module, libparc-agent-net.so,
// that the agent loads only when it sends or enrolls (agent/net/net_module_loader.h).
// `inventory` and `status` never map libcurl, OpenSSL or what they pull in.
//
// Both sides are built from the same tree with the same compiler; the module checks
// kNetApiVersion and the Parc version the agent passes, so an agent never talks to a
// module of another build. No exception crosses the boundary.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "agent/delivery/uploader.h"
#include "shared/result.h"

namespace parc::agent {

// Bumped whenever NetApi or the entry point changes.
inline constexpr int kNetApiVersion = 1;

class NetApi {
 public:
  virtual ~NetApi() = default;
  // An uploader for POSTs; https:// is verified against options.tls.ca_file only.
  virtual Result<std::unique_ptr<Uploader>> makeUploader(const UploaderOptions& options) = 0;
  // GET <server>/api/v1/ca, unverified, bounded in size and time: the PEM text.
  virtual Result<std::string> fetchServerCa(const std::string& server,
                                            std::chrono::milliseconds timeout) = 0;
  // "sha256:<hex>" of the first certificate in `pem` (shared/cert_fingerprint.h).
  virtual Result<std::string> certificateFingerprint(std::string_view pem) const = 0;
  // Any accepted spelling of a fingerprint -> "sha256:<64 lowercase hex>".
  virtual Result<std::string> normalizeFingerprint(std::string_view text) const = 0;
};

// The module's one exported function: a new NetApi the caller owns (and deletes before
// unloading the module), or null with a reason written to `error` (NUL-terminated).
using NetModuleEntry = NetApi* (*)(int api_version, const char* parc_version, char* error,
                                   std::size_t error_size);
inline constexpr const char* kNetModuleEntryName = "parc_agent_net_create";
inline constexpr const char* kNetModuleFileName = "libparc-agent-net.so";

}  // namespace parc::agent
