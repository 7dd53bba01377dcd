#pragma once
// An HTTP(S) client for tests (libcurl), returning status, headers and body.
// https:// URLs are verified against the CA registered for their server with
// trustServer() (ParcServer registers its own when it starts); nothing else is trusted.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace parc::testing {

struct HttpAnswer {
  long status = 0;  // 0: no answer (connection failed)
  std::string body;
  std::string headers;  // raw header block
};

// What tests trust for the server at `base_url` ("https://127.0.0.1:PORT"): its CA
// file for httpRequest, its fingerprint for agents enrolling there.
struct TrustedServer {
  std::filesystem::path ca_file;
  std::string ca_fingerprint;
};
void trustServer(const std::string& base_url, TrustedServer trusted);
std::optional<TrustedServer> trustedServer(const std::string& url);

HttpAnswer httpRequest(const std::string& method, const std::string& url, const std::string& body = "",
                       const std::vector<std::string>& headers = {});

// The value of the first header `name` (any case) in a raw header block, or "".
std::string headerValue(const std::string& headers, const std::string& name);

}  // namespace parc::testing
