#include "agent/pjlink/reply_parser.h"

#include <array>
#include <cctype>
#include <charconv>

namespace parc::agent::pjlink {
namespace {

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upper(a[i]) != upper(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// For error messages: at most 40 bytes, control bytes shown as '?'.
std::string shown(std::string_view text) {
  std::string out;
  for (unsigned char c : text.substr(0, 40)) out.push_back(c < 0x20 || c >= 0x7f ? '?' : char(c));
  if (text.size() > 40) out += "…";
  return "\"" + out + "\"";
}

std::optional<ReplyKind> errorCode(std::string_view value) {
  constexpr std::array<std::pair<std::string_view, ReplyKind>, 4> kCodes{{
      {"ERR1", ReplyKind::kUndefined},
      {"ERR2", ReplyKind::kOutOfRange},
      {"ERR3", ReplyKind::kUnavailable},
      {"ERR4", ReplyKind::kFailure},
  }};
  for (const auto& [code, kind] : kCodes) {
    if (equalsNoCase(trim(value), code)) return kind;
  }
  return std::nullopt;
}

Result<std::int64_t> number(std::string_view text, std::int64_t max, std::string_view what) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max) {
    return makeError(std::string(what) + ": expected a number from 0 to " + std::to_string(max) +
                     ", got " + shown(text));
  }
  return value;
}

const char* statusWord(char digit) {
  switch (digit) {
    case '0': return "ok";
    case '1': return "warning";
    case '2': return "error";
    default: return nullptr;
  }
}

// Well-formed UTF-8 (class 2 allows it in NAME); anything else is shown as '?'.
bool validUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    if (c >= 0x80) {
      if ((c >> 5) == 0x6) {
        extra = 1;
      } else if ((c >> 4) == 0xe) {
        extra = 2;
      } else if ((c >> 3) == 0x1e) {
        extra = 3;
      } else {
        return false;
      }
    }
    if (i + extra >= text.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

Result<Greeting> parseGreeting(std::string_view line) {
  if (line.size() < 8 || !equalsNoCase(line.substr(0, 7), "PJLINK ")) {
    return makeError("not a PJLink greeting: " + shown(line));
  }
  const std::string_view rest = trim(line.substr(7));
  if (equalsNoCase(rest, "ERRA")) return makeError("authentication refused (PJLINK ERRA)");
  if (rest == "0") return Greeting{};
  if (rest.size() == 10 && rest.starts_with("1 ")) {
    const std::string_view random = rest.substr(2);
    for (unsigned char c : random) {
      if (c <= 0x20 || c >= 0x7f) return makeError("greeting random contains " + shown(random));
    }
    return Greeting{true, std::string(random)};
  }
  return makeError("unexpected PJLink greeting: " + shown(line));
}

Result<Reply> parseReply(std::string_view line, std::string_view command) {
  if (equalsNoCase(trim(line), "PJLINK ERRA")) return Reply{ReplyKind::kAuthRefused, {}};
  // "%1POWR=0": '%', class digit, four letters, '='.
  if (line.size() < 7 || line[0] != '%') return makeError("not a PJLink reply: " + shown(line));
  if (line[1] != '1' && line[1] != '2') return makeError("reply class is not 1 or 2: " + shown(line));
  if (!equalsNoCase(line.substr(2, 4), command)) {
    return makeError("expected a reply to " + std::string(command) + ", got " + shown(line));
  }
  if (line[6] != '=') return makeError("missing '=' in reply " + shown(line));
  const std::string_view value = line.substr(7);
  if (const auto code = errorCode(value)) return Reply{*code, {}};
  return Reply{ReplyKind::kValue, std::string(value)};
}

std::string_view describe(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::kValue: return "value";
    case ReplyKind::kUndefined: return "ERR1 undefined command";
    case ReplyKind::kOutOfRange: return "ERR2 out of parameter";
    case ReplyKind::kUnavailable: return "ERR3 unavailable time";
    case ReplyKind::kFailure: return "ERR4 projector failure";
    case ReplyKind::kAuthRefused: return "PJLINK ERRA authentication refused";
  }
  return "unknown";
}

Result<std::string> parsePower(std::string_view value) {
  constexpr std::array<const char*, 4> kStates{"off", "on", "cooling", "warming"};
  const std::string_view digit = trim(value);
  if (digit.size() == 1 && digit[0] >= '0' && digit[0] <= '3') return std::string(kStates[digit[0] - '0']);
  return makeError("POWR: expected 0, 1, 2 or 3, got " + shown(value));
}

Result<ProjectorErrors> parseErrorStatus(std::string_view value) {
  const std::string_view digits = trim(value);
  if (digits.size() != 6) return makeError("ERST: expected six digits, got " + shown(value));
  std::array<OptString, 6> words;
  for (std::size_t i = 0; i < 6; ++i) {
    const char* word = statusWord(digits[i]);
    if (word == nullptr) return makeError("ERST: digit " + std::to_string(i + 1) + " is not 0, 1 or 2 in " + shown(value));
    words[i] = word;
  }
  ProjectorErrors errors;
  errors.fan = words[0];
  errors.lamp = words[1];
  errors.temperature = words[2];
  errors.cover = words[3];
  errors.filter = words[4];
  errors.other = words[5];
  return errors;
}

Result<std::vector<Lamp>> parseLamps(std::string_view value) {
  std::vector<std::string_view> words;
  std::string_view rest = trim(value);
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    words.push_back(rest.substr(0, space));
    if (words.size() > 2 * kMaxLamps) return makeError("LAMP: more than 8 lamps in " + shown(value));
    rest = space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
  }
  if (words.empty() || words.size() % 2 != 0) {
    return makeError("LAMP: expected \"<hours> <0|1>\" per lamp, got " + shown(value));
  }
  std::vector<Lamp> lamps;
  for (std::size_t i = 0; i < words.size(); i += 2) {
    auto hours = number(words[i], kMaxHours, "LAMP hours");
    if (!hours) return makeError(hours.error());
    if (words[i + 1] != "0" && words[i + 1] != "1") {
      return makeError("LAMP: lamp state must be 0 or 1, got " + shown(words[i + 1]));
    }
    lamps.push_back({*hours, words[i + 1] == "1"});
  }
  return lamps;
}

Result<int> parseClass(std::string_view value) {
  std::string_view text = trim(value);
  if (text.size() > 6 && equalsNoCase(text.substr(0, 6), "CLASS ")) text = trim(text.substr(6));
  if (text == "1" || text == "2") return text[0] - '0';
  return makeError("CLSS: expected 1 or 2, got " + shown(value));
}

Result<std::int64_t> parseHours(std::string_view value) {
  return number(trim(value), kMaxHours, "FILT hours");
}

Result<OptString> parseText(std::string_view value) {
  const std::string_view text = trim(value);
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return makeError("control character in text " + shown(text));
  }
  if (text.size() > kMaxTextLength) return makeError("text longer than 128 bytes: " + shown(text));
  if (text.empty()) return OptString();
  std::string out(text);
  if (!validUtf8(out)) {
    for (char& c : out) {
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    }
  }
  return OptString(std::move(out));
}

}  // namespace parc::agent::pjlink
