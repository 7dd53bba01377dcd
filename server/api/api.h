#pragma once
// The HTTP API: routes thin over the Store. `handle` is a plain function from
// request to response; it never sees the transport.

#include <chrono>
#include <string>

#include "server/http/http_message.h"
#include "server/store/store.h"
#include "shared/logging.h"
#include "shared/time.h"

namespace parc::server {

struct ApiOptions {
  std::chrono::seconds report_interval{900};
  std::string ca_fingerprint;                 // "sha256:…", empty when TLS is off
  std::chrono::seconds max_future_skew{86400};     // collected_at may be this far ahead of us
  std::chrono::seconds max_report_age{400 * 86400};  // and this far behind (a long outage)
};

// What every route gets.
struct ApiContext {
  Store& store;
  const ApiOptions& options;
  const Clock& clock;
  const Logger& logger;
};

class Api {
 public:
  Api(Store& store, ApiOptions options, Clock clock, Logger logger);
  HttpResponse handle(const HttpRequest& request) const;

 private:
  Store& store_;
  ApiOptions options_;
  Clock clock_;
  Logger logger_;
};

// The routes, one file each.
HttpResponse enrollRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse reportsRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse listDevicesRoute(const ApiContext& ctx, const HttpRequest& request);
HttpResponse getDeviceRoute(const ApiContext& ctx, const HttpRequest& request,
                            const std::string& device_id);

}  // namespace parc::server
