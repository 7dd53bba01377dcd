// libFuzzer target: the PJLink reply parser (greeting, "%1CMD=value" replies, ERRn) and
// the value parsers, on untrusted lines from the network.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/pjlink/reply_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parc::agent::pjlink;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  (void)parseGreeting(line);
  constexpr auto kCommands = std::to_array<std::string_view>(
      {"POWR", "ERST", "LAMP", "CLSS", "FILT", "INF1", "INF2", "INFO", "NAME", "SNUM", "SVER", "RFIL", "RLMP"});
  for (const auto command : kCommands) {
    const auto reply = parseReply(line, command);
    if (!reply || reply->kind != ReplyKind::kValue) continue;
    (void)describe(reply->kind);
    const std::string_view value = reply->value;
    if (command == "POWR") (void)parsePower(value);
    if (command == "ERST") (void)parseErrorStatus(value);
    if (command == "LAMP") (void)parseLamps(value);
    if (command == "CLSS") (void)parseClass(value);
    if (command == "FILT") (void)parseHours(value);
    (void)parseText(value);
  }
  // The value parsers also see the raw line, as a value without its prefix.
  (void)parseLamps(line);
  (void)parseErrorStatus(line);
  (void)parseClass(line);
  (void)parseHours(line);
  (void)parseText(line);
  return 0;
}
