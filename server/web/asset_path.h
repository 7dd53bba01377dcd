#pragma once
// Which static file a request path names, and how to label it. Pure: no I/O.

#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::server::web {

inline constexpr std::string_view kAssetsPrefix = "/assets/";

// The asset file name for a decoded request path: "/" → "index.html",
// "/assets/app.js" → "app.js". Errors name the reason: a traversal attempt
// ("..", a slash or backslash below /assets/, NUL or control bytes), a name too
// long, or a path that is not the dashboard's.
Result<std::string> assetNameFor(std::string_view path);

// "text/javascript; charset=utf-8" for "app.js"; empty for an extension we do not serve.
std::string_view contentTypeFor(std::string_view name);

// A strong validator for the bytes: "\"<24 hex of their SHA-256>\"".
std::string entityTag(std::string_view body);

// True when an If-None-Match header value ("*", or a list of tags, weak or not)
// matches `etag`.
bool ifNoneMatchHits(std::string_view header, std::string_view etag);

}  // namespace parc::server::web
