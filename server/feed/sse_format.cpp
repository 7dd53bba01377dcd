#include "server/feed/sse_format.h"

#include <algorithm>
#include <charconv>

namespace parc::server::feed {
namespace {

constexpr std::size_t kMaxIdDigits = 18;  // below INT64_MAX: no overflow to test for

// SSE fields end at CR, LF or CRLF: a field value must carry none of them.
std::string oneLine(std::string_view text) {
  std::string out(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

Result<std::optional<std::int64_t>> parseId(std::string_view text, std::string_view field) {
  text = trim(text);
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || text.size() > kMaxIdDigits || ec != std::errc{} ||
      end != text.data() + text.size() || id < 0) {
    return makeError(std::string(field) + ": expected an event id (a non-negative integer)");
  }
  return std::optional<std::int64_t>(id);
}

}  // namespace

std::string formatSseEvent(const AlertEvent& event) {
  std::string out = "id: " + std::to_string(event.id) + "\nevent: " + oneLine(event.type) + "\n";
  std::string_view data = event.payload_json;
  while (true) {
    const auto end = data.find_first_of("\r\n");
    out += "data: ";
    out += data.substr(0, end);
    out += "\n";
    if (end == std::string_view::npos) break;
    data.remove_prefix(end + ((data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? 2 : 1));
  }
  out += "\n";
  return out;
}

std::string formatSsePing() { return ": ping\n\n"; }

std::string formatSseRetry(std::int64_t milliseconds) {
  return "retry: " + std::to_string(milliseconds) + "\n\n";
}

Result<std::optional<std::int64_t>> parseLastEventId(std::string_view header,
                                                     const std::string* query_value) {
  if (!trim(header).empty()) return parseId(header, "Last-Event-ID");
  if (query_value != nullptr && !trim(*query_value).empty()) return parseId(*query_value, "last_event_id");
  return std::optional<std::int64_t>();
}

bool eventInScope(const Scope& scope, const AlertEvent& event) {
  if (scope.all) return true;
  if (!scope.collectivity_id || *scope.collectivity_id != event.collectivity_id) return false;
  if (scope.site_ids.empty()) return true;
  return std::find(scope.site_ids.begin(), scope.site_ids.end(), event.site_id) != scope.site_ids.end();
}

}  // namespace parc::server::feed
