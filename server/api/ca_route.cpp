// GET /api/v1/ca: the CA certificate agents pin, as PEM. Public on purpose: an
// agent fetches it once, before it trusts anything, and accepts it only when its
// SHA-256 fingerprint matches the one it was given (agent/ca_pinning.h).

#include "server/api/api.h"

namespace parc::server {

HttpResponse caRoute(const ApiContext& ctx) {
  if (ctx.options.ca_pem.empty()) {
    return jsonError(404, "not_found", "this server does not serve TLS itself (plain_http)");
  }
  return HttpResponse{200, "application/x-pem-file", ctx.options.ca_pem, {}};
}

}  // namespace parc::server
