#include "server/web/asset_path.h"

#include <array>
#include <utility>

#include "shared/crypto.h"

namespace parc::server::web {
namespace {

constexpr std::size_t kMaxNameLength = 100;

constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
}};

bool allowedNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

std::string_view trimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Result<std::string> assetNameFor(std::string_view path) {
  if (path == "/" || path == "/index.html") return std::string("index.html");
  if (!path.starts_with(kAssetsPrefix)) return makeError("not a dashboard path");
  const std::string_view name = path.substr(kAssetsPrefix.size());
  if (name.empty()) return makeError("no asset named");
  if (name.size() > kMaxNameLength) return makeError("asset name too long");
  if (name.find("..") != std::string_view::npos) return makeError("path traversal refused");
  for (const char c : name) {
    if (c == '/' || c == '\\') return makeError("path traversal refused");
    if (!allowedNameByte(c)) return makeError("invalid byte in asset name");
  }
  if (name.front() == '.') return makeError("hidden file refused");
  if (contentTypeFor(name).empty()) return makeError("file type not served");
  return std::string(name);
}

std::string_view contentTypeFor(std::string_view name) {
  for (const auto& [extension, type] : kTypes) {
    if (name.size() > extension.size() && name.ends_with(extension)) return type;
  }
  return {};
}

std::string entityTag(std::string_view body) { return "\"" + sha256Hex(body).substr(0, 24) + "\""; }

bool ifNoneMatchHits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view candidate = trimSpaces(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (candidate == "*") return true;
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);  // weak comparison (RFC 9110 13.1.2)
    if (candidate == etag) return true;
  }
  return false;
}

}  // namespace parc::server::web
