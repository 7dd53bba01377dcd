#include "server/web/web_route.h"

#include <fstream>
#include <sstream>

#include "server/web/asset_path.h"

namespace parc::server::web {
namespace {

constexpr std::uintmax_t kMaxFileBytes = 8 * 1024 * 1024;

void addSecurityHeaders(HttpResponse& response) {
  response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
}

HttpResponse refusal(int status, std::string_view code, std::string_view detail) {
  auto response = jsonError(status, code, detail);
  addSecurityHeaders(response);
  return response;
}

}  // namespace

bool isWebPath(std::string_view path) {
  return path == "/" || path == "/index.html" || path.starts_with(kAssetsPrefix) || path == "/assets";
}

WebRoute::WebRoute(std::span<const WebAsset> assets) {
  for (const auto& asset : assets) {
    embedded_.emplace(std::string(asset.name), Loaded{std::string(asset.body), entityTag(asset.body)});
  }
}

WebRoute::WebRoute(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::optional<WebRoute::Loaded> WebRoute::load(const std::string& name) const {
  if (!dir_) {
    const auto found = embedded_.find(name);
    if (found == embedded_.end()) return std::nullopt;
    return found->second;
  }
  const auto file = *dir_ / name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return std::nullopt;
  Loaded loaded{bytes.str(), ""};
  loaded.etag = entityTag(loaded.body);
  return loaded;
}

std::optional<HttpResponse> WebRoute::handle(const HttpRequest& request) const {
  if (!isWebPath(request.path)) return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") {
    auto response = refusal(405, "method_not_allowed", "use GET or HEAD on this path");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const auto name = assetNameFor(request.path);
  if (!name) return refusal(404, "not_found", "no such asset");
  auto asset = load(*name);
  if (!asset) return refusal(404, "not_found", "no such asset");

  HttpResponse response;
  response.content_type = std::string(contentTypeFor(*name));
  addSecurityHeaders(response);
  response.headers.emplace_back("ETag", asset->etag);
  // Names carry no version: a browser keeps its copy but asks each time (a 304 is cheap).
  response.headers.emplace_back("Cache-Control", "no-cache");
  if (ifNoneMatchHits(request.header("If-None-Match"), asset->etag)) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  // For HEAD too: the transport sends its length and drops the body.
  response.body = std::move(asset->body);
  return response;
}

}  // namespace parc::server::web
