#pragma once
// Uploader over libcurl's easy API. One handle, reused across calls (keeps the connection
// and TLS session when the server allows it); no signals; bounded connect and total time.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "agent/delivery/uploader.h"
#include "shared/result.h"

namespace parc::agent {

// curl_global_init / curl_global_cleanup. The network module (agent/net/net_module.cpp)
// holds one while it is loaded, before any CurlUploader exists and while no other thread
// runs. Throws on failure (the module turns it into an error value).
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

// "120" -> 120 s. The HTTP-date form and anything malformed give nullopt.
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value);

class CurlUploader final : public Uploader {
 public:
  // The CurlGlobal is proof that curl_global_init ran; it must outlive the uploader.
  static Result<std::unique_ptr<CurlUploader>> create(const CurlGlobal& global,
                                                      UploaderOptions options);
  ~CurlUploader() override;
  CurlUploader(const CurlUploader&) = delete;
  CurlUploader& operator=(const CurlUploader&) = delete;

  HttpOutcome post(const std::string& url, const std::string& body,
                   const std::string& bearer_token) override;

 private:
  struct Handle;
  CurlUploader(std::unique_ptr<Handle> handle, UploaderOptions options);

  std::unique_ptr<Handle> handle_;
  UploaderOptions options_;
};

}  // namespace parc::agent
