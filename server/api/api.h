#pragma once
// The HTTP API: routes thin over the Store. `handle` is a plain function from
// request to response; it never sees the transport.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "server/auth/people_options.h"
#include "server/http/http_message.h"
#include "server/store/store.h"
#include "shared/logging.h"
#include "shared/time.h"

namespace parc::server {

namespace auth {
class AgentAuthCache;
class LoginGuard;
}
namespace feed {
class Feed;
}
class IngestQueue;

struct ApiOptions {
  std::chrono::seconds report_interval{900};
  std::string ca_fingerprint;                 // "sha256:…", empty when TLS is off
  std::string ca_pem;                         // the CA agents pin, served at GET /api/v1/ca
  std::chrono::seconds max_future_skew{86400};     // collected_at may be this far ahead of us
  std::chrono::seconds max_report_age{400 * 86400};  // and this far behind (a long outage)
  auth::PeopleOptions people;  // sessions and login limits
  std::filesystem::path export_dir;  // spreadsheet exports are built here; empty: the temp dir
  // Group commit (server/ingest/ingest_queue.h): reports are answered once their
  // batch is committed. Null: each report is committed alone, in the request.
  IngestQueue* ingest_queue = nullptr;
};

// What every route gets.
struct ApiContext {
  Store& store;
  const ApiOptions& options;
  const Clock& clock;
  const Logger& logger;
  auth::LoginGuard* login = nullptr;  // login limits; set by Api
  feed::Feed* feed = nullptr;         // the live feed; none in tools and some tests
  auth::AgentAuthCache* agent_auth = nullptr;  // agent credentials already seen; set by Api
};

class Api {
 public:
  Api(Store& store, ApiOptions options, Clock clock, Logger logger, feed::Feed* feed = nullptr);
  HttpResponse handle(const HttpRequest& request) const;

 private:
  Store& store_;
  ApiOptions options_;
  Clock clock_;
  Logger logger_;
  std::shared_ptr<auth::LoginGuard> login_;
  std::shared_ptr<auth::AgentAuthCache> agent_auth_;
  feed::Feed* feed_ = nullptr;
};

// The routes, one file each.
HttpResponse enrollRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse reportsRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse caRoute(const ApiContext& ctx);
// GET /api/v1/feed: the live alert feed (Server-Sent Events), server/feed/.
HttpResponse feedRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse listDevicesRoute(const ApiContext& ctx, const HttpRequest& request);
// GET /api/v1/exports/inventory (streamed) and POST /api/v1/imports (exports_route.cpp,
// imports_route.cpp).
HttpResponse exportInventoryRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse importDevicesRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse getDeviceRoute(const ApiContext& ctx, const HttpRequest& request,
                            const std::string& device_id);
// People's routes (login, logout, me, tokens, audit: people_routes.cpp); nullopt
// when `request` is for none of their paths.
std::optional<HttpResponse> peopleRoutes(const ApiContext& ctx, const HttpRequest& request);

}  // namespace parc::server
