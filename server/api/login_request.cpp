#include "server/api/login_request.h"

#include <map>
#include <nlohmann/json.hpp>

#include "server/http/http_message.h"

namespace parc::server {
namespace {

bool isForm(std::string_view content_type) {
  return content_type.find("application/x-www-form-urlencoded") != std::string_view::npos;
}

Result<Credentials> fromForm(std::string_view body) {
  std::string path;
  std::map<std::string, std::string> fields;
  if (!splitTarget("/?" + std::string(body), path, fields)) return makeError("form: bad percent-encoding");
  const auto email = fields.find("email");
  const auto password = fields.find("password");
  if (email == fields.end()) return makeError("email: missing");
  if (password == fields.end()) return makeError("password: missing");
  return Credentials{email->second, password->second};
}

Result<Credentials> fromJson(std::string_view body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return makeError("body: expected a JSON object");
  const auto email = parsed.find("email");
  const auto password = parsed.find("password");
  if (email == parsed.end() || !email->is_string()) return makeError("email: expected a string");
  if (password == parsed.end() || !password->is_string()) return makeError("password: expected a string");
  return Credentials{email->get<std::string>(), password->get<std::string>()};
}

}  // namespace

Result<Credentials> parseCredentials(std::string_view content_type, std::string_view body) {
  auto credentials = isForm(content_type) ? fromForm(body) : fromJson(body);
  if (!credentials) return credentials;
  if (credentials->email.empty() || credentials->email.size() > kMaxEmailBytes) {
    return makeError("email: expected 1 to 254 bytes");
  }
  if (credentials->password.empty() || credentials->password.size() > kMaxPasswordBytes) {
    return makeError("password: expected 1 to 1024 bytes");
  }
  return credentials;
}

}  // namespace parc::server
