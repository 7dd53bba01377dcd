#pragma once
// A plain HTTP client for tests (libcurl), returning status, headers and body.

#include <string>
#include <vector>

namespace parc::testing {

struct HttpAnswer {
  long status = 0;  // 0: no answer (connection failed)
  std::string body;
  std::string headers;  // raw header block
};

HttpAnswer httpRequest(const std::string& method, const std::string& url, const std::string& body = "",
                       const std::vector<std::string>& headers = {});

}  // namespace parc::testing
