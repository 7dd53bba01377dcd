#include "agent/delivery/drain.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "agent/delivery/spool_names.h"

namespace parc::agent {
namespace {

constexpr std::size_t kMaxLoggedDetail = 300;

enum class Verdict { kAccepted, kRetryLater, kReenroll, kReject };

struct Ack {
  std::uint64_t seq = 0;
  std::optional<std::chrono::seconds> next_report_in;
  std::optional<bool> send_full;
};

Result<Ack> parseAck(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("ack") || !json["ack"].is_number_unsigned()) {
    return makeError("the answer has no numeric \"ack\"");
  }
  Ack ack;
  ack.seq = json["ack"].get<std::uint64_t>();
  if (const auto next = json.find("next_report_in_s");
      next != json.end() && next->is_number_unsigned()) {
    ack.next_report_in = std::chrono::seconds(next->get<std::uint64_t>());
  }
  if (const auto full = json.find("send_full"); full != json.end() && full->is_boolean()) {
    ack.send_full = full->get<bool>();
  }
  return ack;
}

// Printable, one line, bounded: the answer may come from anything on the way.
std::string forLog(std::string_view text) {
  std::string clean(text.substr(0, kMaxLoggedDetail));
  std::replace_if(
      clean.begin(), clean.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }, ' ');
  return clean;
}

// "<error>: <detail>" when the body is a Parc error answer, nullopt otherwise.
std::optional<std::string> parcError(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("error") || !json["error"].is_string())
    return std::nullopt;
  std::string text = json["error"].get<std::string>();
  if (const auto detail = json.find("detail"); detail != json.end() && detail->is_string()) {
    text += ": " + detail->get<std::string>();
  }
  return forLog(text);
}

Verdict classify(const HttpOutcome& outcome) {
  const long status = outcome.status;
  if (!outcome.transport_ok) return Verdict::kRetryLater;
  if (status >= 200 && status < 300) return Verdict::kAccepted;
  if (status == 401) return Verdict::kReenroll;
  if (status == 408 || status == 429) return Verdict::kRetryLater;
  if (status == 400 || status == 413 || status == 415 || status == 422) return Verdict::kReject;
  if (status >= 400 && status < 500 && parcError(outcome.body)) return Verdict::kReject;
  return Verdict::kRetryLater;
}

std::string describe(const HttpOutcome& outcome) {
  if (!outcome.transport_ok) return outcome.transport_error;
  const std::optional<std::string> error = parcError(outcome.body);
  return "HTTP " + std::to_string(outcome.status) +
         (error ? " " + *error : " " + forLog(outcome.body));
}

// One report sent; what the loop does next.
struct Step {
  bool keep_going = true;
};

Step handleAccepted(Spool& spool, const SpoolEntry& entry, const HttpOutcome& outcome,
                    DrainResult& result, const Logger& logger) {
  const Result<Ack> ack = parseAck(outcome.body);
  if (!ack || ack->seq != entry.seq) {
    result.stopped_reason = DrainStop::kRetryLater;
    result.last_error = "seq " + std::to_string(entry.seq) + ": HTTP " +
                        std::to_string(outcome.status) +
                        (ack ? " acknowledged seq " + std::to_string(ack->seq) : " " + ack.error());
    logger->error("report not acknowledged: {}", result.last_error);
    return {false};
  }
  if (ack->send_full) result.send_full = ack->send_full;
  if (ack->next_report_in) result.next_report_in = ack->next_report_in;
  if (Status removed = spool.remove(entry); !removed) {
    result.stopped_reason = DrainStop::kSpoolError;
    result.last_error = removed.error();
    logger->error("acknowledged report seq {} stays in the spool: {}", entry.seq, removed.error());
    return {false};
  }
  ++result.sent;
  logger->debug("report seq {} ({}) acknowledged", entry.seq, kindName(entry.kind));
  return {true};
}

Step handleRejected(Spool& spool, const SpoolEntry& entry, const HttpOutcome& outcome,
                    DrainResult& result, const Logger& logger) {
  const std::string reason = describe(outcome);
  logger->error("server refused report seq {} ({}), set aside: {}", entry.seq, kindName(entry.kind),
                reason);
  result.last_error = "seq " + std::to_string(entry.seq) + ": " + reason;
  if (Status status = spool.reject(entry, reason); !status) {
    result.stopped_reason = DrainStop::kSpoolError;
    result.last_error = status.error();
    logger->error("cannot set aside report seq {}: {}", entry.seq, status.error());
    return {false};
  }
  ++result.rejected;
  return {true};
}

Step handleOne(Spool& spool, Uploader& uploader, const DrainTarget& target, const SpoolEntry& entry,
               DrainResult& result, const Logger& logger) {
  const Result<std::string> body = spool.read(entry);
  if (!body) {
    result.stopped_reason = DrainStop::kSpoolError;
    result.last_error = body.error();
    logger->error("cannot read spooled report: {}", body.error());
    return {false};
  }
  const HttpOutcome outcome =
      uploader.post(reportsUrl(target.server_url), *body, target.agent_secret);
  switch (classify(outcome)) {
    case Verdict::kAccepted:
      return handleAccepted(spool, entry, outcome, result, logger);
    case Verdict::kReject:
      return handleRejected(spool, entry, outcome, result, logger);
    case Verdict::kReenroll:
      result.stopped_reason = DrainStop::kNeedsReenroll;
      result.last_error = describe(outcome);
      logger->error("server does not know this agent ({}); re-enrollment needed",
                    result.last_error);
      return {false};
    case Verdict::kRetryLater:
      break;
  }
  result.stopped_reason = DrainStop::kRetryLater;
  result.retry_after = outcome.retry_after;
  result.last_error = describe(outcome);
  logger->error("cannot send report seq {}: {}", entry.seq, result.last_error);
  return {false};
}

}  // namespace

std::string reportsUrl(const std::string& server_url) {
  std::string url = server_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/api/v1/reports";
}

DrainResult drainSpool(Spool& spool, Uploader& uploader, const DrainTarget& target,
                       const Logger& logger) {
  DrainResult result;
  const std::vector<SpoolEntry> entries = spool.pending();
  for (const SpoolEntry& entry : entries) {
    if (result.sent + result.rejected >= target.max_reports) break;
    if (!handleOne(spool, uploader, target, entry, result, logger).keep_going) break;
  }
  const std::size_t left = spool.stats().count;
  if (result.stopped_reason != DrainStop::kDrained && left > 0) {
    logger->warn("{} report(s) stay spooled for a later attempt", left);
  }
  if (result.sent + result.rejected > 0) {
    logger->info("delivery: {} report(s) sent, {} refused, {} spooled", result.sent,
                 result.rejected, left);
  }
  return result;
}

}  // namespace parc::agent
