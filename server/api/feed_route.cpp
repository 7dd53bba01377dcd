// GET /api/v1/feed: the live alert feed as Server-Sent Events, for people (session
// cookie) and their scripts (API token). Resumable with Last-Event-ID (or
// ?last_event_id= for EventSource polyfills). The catch-up, the live events and the
// heartbeats are the feed's (server/feed/); this route only admits the reader.

#include "server/api/api.h"
#include "server/auth/authenticate.h"
#include "server/feed/feed.h"
#include "server/feed/sse_format.h"

namespace parc::server {

HttpResponse feedRoute(const ApiContext& ctx, const HttpRequest& request) {
  const auto authentication = auth::authenticatePerson(ctx, request);
  if (!authentication.principal) return authentication.refusal;
  if (ctx.feed == nullptr) return jsonError(503, "unavailable", "the live feed is not running");

  const auto query = request.query.find("last_event_id");
  const auto resume = feed::parseLastEventId(request.header("Last-Event-ID"),
                                             query == request.query.end() ? nullptr : &query->second);
  if (!resume) return jsonError(400, "invalid_last_event_id", resume.error());
  if (ctx.feed->full()) {
    auto response = jsonError(503, "too_many_subscribers", "the live feed has all the readers it can take");
    response.headers.emplace_back("Retry-After", "30");
    return response;
  }

  HttpResponse response;
  response.status = 200;
  response.content_type = "text/event-stream; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Accel-Buffering", "no");  // proxies: do not hold the stream
  response.stream = [feed = ctx.feed, scope = authentication.principal->scope,
                     after = *resume](std::shared_ptr<ResponseStream> stream) {
    feed->open(scope, after, std::move(stream));
  };
  ctx.logger->debug("feed: {} subscribes{}", authentication.principal->actor,
                    resume->has_value() ? " from event " + std::to_string(**resume) : "");
  return response;
}

}  // namespace parc::server
