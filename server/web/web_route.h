#pragma once
// Serves the web dashboard: "/" (index.html) and "/assets/<file>", from the files
// embedded at build time or, while developing, from a directory (--web-dir).
// ETag and If-None-Match (304), Cache-Control, and headers that forbid inline
// scripts, framing and type sniffing.

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "server/http/http_message.h"
#include "server/web/web_assets.h"

namespace parc::server::web {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

class WebRoute {
 public:
  // Serves `assets` (normally embeddedWebAssets()).
  explicit WebRoute(std::span<const WebAsset> assets);
  // Serves the files of `dir`, read at each request (a dashboard being edited).
  explicit WebRoute(std::filesystem::path dir);

  // The answer for a dashboard path; nullopt for any other path (the API's).
  std::optional<HttpResponse> handle(const HttpRequest& request) const;

 private:
  struct Loaded {
    std::string body;
    std::string etag;
  };
  std::optional<Loaded> load(const std::string& name) const;

  std::map<std::string, Loaded, std::less<>> embedded_;
  std::optional<std::filesystem::path> dir_;
};

// True for the paths the dashboard owns: "/", "/index.html", "/assets/…".
bool isWebPath(std::string_view path);

}  // namespace parc::server::web
