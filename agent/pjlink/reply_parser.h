#pragma once
// PJLink replies, parsed. Pure functions, no I/O: a line comes in (without its
// CR), a value or an error naming the problem goes out.
//
// Real projectors deviate from the specification, and these parsers accept what
// has been seen (tests/fixtures/pjlink/observed-exchanges.tsv): lower-case replies
// ("%1powr=0"), "Class 1" for CLSS, an empty INFO, ERR1 to LAMP on laser models.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/report.h"
#include "shared/result.h"

namespace parc::agent::pjlink {

inline constexpr std::size_t kMaxTextLength = 128;  // longest text value kept (RFIL/RLMP)
inline constexpr std::size_t kMaxLamps = 8;
inline constexpr std::int64_t kMaxHours = 99999;

struct Greeting {
  bool authentication = false;
  std::string random;  // the 8 characters to hash with the password
};

// "PJLINK 0" or "PJLINK 1 <8 chars>". "PJLINK ERRA" and anything else are errors.
Result<Greeting> parseGreeting(std::string_view line);

enum class ReplyKind {
  kValue,         // "%1POWR=1"
  kUndefined,     // ERR1: the projector does not know the command
  kOutOfRange,    // ERR2: out of parameter
  kUnavailable,   // ERR3: unavailable now (standby, warming up)
  kFailure,       // ERR4: projector/display failure
  kAuthRefused,   // "PJLINK ERRA": wrong password
};

struct Reply {
  ReplyKind kind = ReplyKind::kValue;
  std::string value;  // kValue only; may be empty (INFO)
};

// The reply to `command` (four letters, any case). Refuses a reply to another
// command, a missing '=', a class that is not 1 or 2.
Result<Reply> parseReply(std::string_view line, std::string_view command);

// "ERR1 undefined command", "ERR3 unavailable time", ...
std::string_view describe(ReplyKind kind);

// POWR: 0 off, 1 on, 2 cooling, 3 warming.
Result<std::string> parsePower(std::string_view value);
// ERST: six digits fan, lamp, temperature, cover, filter, other; 0 ok, 1 warning, 2 error.
Result<ProjectorErrors> parseErrorStatus(std::string_view value);

struct Lamp {
  std::int64_t hours = 0;
  bool on = false;
};
// LAMP: "<hours> <0|1>" per lamp, at most 8 lamps.
Result<std::vector<Lamp>> parseLamps(std::string_view value);
// CLSS: "1", "2", also "Class 1".
Result<int> parseClass(std::string_view value);
// FILT: hours.
Result<std::int64_t> parseHours(std::string_view value);
// INF1, INF2, INFO, NAME, SNUM, SVER, RFIL, RLMP: printable text, trimmed, at most
// kMaxTextLength bytes. Empty gives nullopt.
Result<OptString> parseText(std::string_view value);

}  // namespace parc::agent::pjlink
