#pragma once
// Requests and responses as plain values, so that routes never see Beast: the
// session moves bytes, handlers turn a request into a response.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parc::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/api/v1/devices?site=…"
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;  // decoded; the last of repeated keys wins
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;

  // Case-insensitive header lookup; empty when absent.
  std::string_view header(std::string_view name) const;
  // The token of "Authorization: Bearer <token>", or empty.
  std::string_view bearerToken() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// {"error": code, "detail": detail}: the one shape of every error answer.
HttpResponse jsonError(int status, std::string_view code, std::string_view detail);

// Splits "/a/b?x=1&y=%20" into a decoded path and query map. False when the
// percent-encoding is invalid.
bool splitTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace parc::server
