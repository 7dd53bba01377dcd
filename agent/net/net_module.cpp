// libparc-agent-net.so: the NetApi over libcurl and OpenSSL (agent/net/net_api.h).
// Only parc_agent_net_create is exported (the module is built with hidden visibility).

#include <cstdio>
#include <exception>

#include "agent/delivery/ca_fetch.h"
#include "agent/delivery/curl_uploader.h"
#include "agent/net/net_api.h"
#include "shared/cert_fingerprint.h"
#include "shared/version.h"

namespace parc::agent {
namespace {

class CurlNetApi final : public NetApi {
 public:
  Result<std::unique_ptr<Uploader>> makeUploader(const UploaderOptions& options) override {
    auto uploader = CurlUploader::create(global_, options);
    if (!uploader) return makeError(uploader.error());
    return std::unique_ptr<Uploader>(std::move(*uploader));
  }
  Result<std::string> fetchServerCa(const std::string& server, std::chrono::milliseconds timeout) override {
    return parc::agent::fetchServerCa(global_, server, timeout);
  }
  Result<std::string> certificateFingerprint(std::string_view pem) const override {
    return parc::certificateFingerprint(pem);
  }
  Result<std::string> normalizeFingerprint(std::string_view text) const override {
    return parc::normalizeFingerprint(text);
  }

 private:
  CurlGlobal global_;
};

void writeError(char* error, std::size_t size, const char* text) noexcept {
  if (error != nullptr && size > 0) std::snprintf(error, size, "%s", text);
}

}  // namespace
}  // namespace parc::agent

extern "C" __attribute__((visibility("default"))) parc::agent::NetApi* parc_agent_net_create(
    int api_version, const char* parc_version, char* error, std::size_t error_size) noexcept {
  using parc::agent::writeError;
  try {
    if (api_version != parc::agent::kNetApiVersion || parc_version == nullptr ||
        std::string_view(parc_version) != parc::kVersion) {
      const std::string reason =
          "the network module is from Parc " + std::string(parc::kVersion) + " (interface " +
          std::to_string(parc::agent::kNetApiVersion) + "), the agent from " +
          (parc_version != nullptr ? parc_version : "?") + " (interface " +
          std::to_string(api_version) + "); restart the agent after an upgrade";
      writeError(error, error_size, reason.c_str());
      return nullptr;
    }
    return new parc::agent::CurlNetApi();
  } catch (const std::exception& e) {
    writeError(error, error_size, e.what());
  } catch (...) {
    writeError(error, error_size, "unknown failure while starting the network module");
  }
  return nullptr;
}
