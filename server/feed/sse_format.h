#pragma once
// The text of the live feed (Server-Sent Events), and the resume point a client
// sends back. Pure functions, no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/store/store.h"

namespace parc::server::feed {

// "id: 42\nevent: opened\ndata: {...}\n\n". A payload spread over several lines
// becomes several data: lines, as the SSE grammar requires.
std::string formatSseEvent(const AlertEvent& event);
// A comment line that keeps proxies and the browser from closing an idle stream.
std::string formatSsePing();
// The first bytes of a stream: how long a client waits before reconnecting.
std::string formatSseRetry(std::int64_t milliseconds);

// The event id to resume after: `Last-Event-ID` wins over `?last_event_id=`
// (EventSource polyfills that cannot set headers). nullopt when neither is given
// (a new client: live events only, from now); 0 replays the whole journal. An id
// that is not a non-negative decimal integer is an error naming the field.
Result<std::optional<std::int64_t>> parseLastEventId(std::string_view header,
                                                     const std::string* query_value);

// True when an event may be seen under `scope`: the same collectivity, and one of
// its sites when the scope names some.
bool eventInScope(const Scope& scope, const AlertEvent& event);

}  // namespace parc::server::feed
