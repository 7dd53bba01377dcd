#include "server/http/http_message.h"

#include <nlohmann/json.hpp>

namespace parc::server {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool percentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;  // "%" or "%4" at the end
      const int hi = hexValue(in[i + 1]);
      const int lo = hexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (plus_is_space && in[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(in[i]);
    }
  }
  return true;
}

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equalsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::string_view HttpRequest::bearerToken() const {
  const std::string_view value = header("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size() || !equalsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
    return {};
  }
  return value.substr(kScheme.size());
}

HttpResponse jsonError(int status, std::string_view code, std::string_view detail) {
  const nlohmann::json body = {{"error", code}, {"detail", detail}};
  return HttpResponse{status, "application/json",
                      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

bool splitTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query) {
  const auto question = target.find('?');
  if (!percentDecode(target.substr(0, question), false, path)) return false;
  query.clear();
  if (question == std::string_view::npos) return true;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key, value;
    if (!percentDecode(pair.substr(0, eq), true, key)) return false;
    if (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), true, value)) return false;
    query[std::move(key)] = std::move(value);
  }
  return true;
}

}  // namespace parc::server
