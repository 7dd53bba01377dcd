#pragma once
// The dashboard's static files (server/web/static/), embedded into the binary at
// build time by embed_assets.cmake, so an installed parc-server needs no files.

#include <span>
#include <string_view>

namespace parc::server::web {

struct WebAsset {
  std::string_view name;  // file name below static/: "index.html", "app.js"
  std::string_view body;
};

// Every embedded asset, sorted by name (generated: web_assets_data.cpp).
std::span<const WebAsset> embeddedWebAssets();

}  // namespace parc::server::web
