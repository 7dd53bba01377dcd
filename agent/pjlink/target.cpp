#include "agent/pjlink/target.h"

#include <arpa/inet.h>

#include <charconv>

namespace parc::agent::pjlink {
namespace {

constexpr std::size_t kMaxLine = 512;
constexpr std::size_t kMaxPassword = 32;  // PJLink passwords are at most 32 bytes
constexpr std::int64_t kMaxLampLife = 200000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool printable(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text.substr(0, 40)) + (text.size() > 40 ? "…" : "") + "\"";
}

Result<std::int64_t> parseNumber(std::string_view text, std::int64_t min, std::int64_t max,
                                 std::string_view what) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return makeError(std::string(what) + ": expected a whole number from " + std::to_string(min) +
                     " to " + std::to_string(max) + ", got " + quoted(text));
  }
  return value;
}

bool numericHost(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// "10.0.0.1", "10.0.0.1:4352", "[fd00::1]", "[fd00::1]:4352".
Status parseAddress(std::string_view word, ProjectorTarget& target) {
  std::string_view host = word;
  std::string_view port;
  if (word.starts_with('[')) {
    const auto close = word.find(']');
    if (close == std::string_view::npos) return makeError("address " + quoted(word) + ": missing ']'");
    host = word.substr(1, close - 1);
    const std::string_view rest = word.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(':')) return makeError("address " + quoted(word) + ": expected ':' after ']'");
      port = rest.substr(1);
      if (port.empty()) return makeError("address " + quoted(word) + ": empty port");
    }
  } else if (const auto colon = word.find(':'); colon != std::string_view::npos) {
    if (word.find(':', colon + 1) != std::string_view::npos) {
      return makeError("address " + quoted(word) + ": write IPv6 addresses in brackets, [fd00::40]:4352");
    }
    host = word.substr(0, colon);
    port = word.substr(colon + 1);
    if (port.empty()) return makeError("address " + quoted(word) + ": empty port");
  }
  target.host = std::string(host);
  if (!numericHost(target.host)) {
    return makeError("address " + quoted(word) + ": expected an IPv4 address or a bracketed IPv6 address");
  }
  if (!port.empty()) {
    auto number = parseNumber(port, 1, 65535, "port");
    if (!number) return makeError(number.error());
    target.port = static_cast<std::uint16_t>(*number);
  }
  return {};
}

Status applyOption(std::string_view key, std::string_view value, ProjectorTarget& target) {
  if (key == "password") {
    if (value.empty() || value.size() > kMaxPassword) {
      return makeError("password: expected 1 to 32 characters");
    }
    target.password = std::string(value);
  } else if (key == "lamp_life_hours") {
    auto number = parseNumber(value, 1, kMaxLampLife, "lamp_life_hours");
    if (!number) return makeError(number.error());
    target.lamp_life_hours = *number;
  } else {
    return makeError("unknown option " + quoted(key) + " (expected password=, lamp_life_hours= or name=)");
  }
  return {};
}

}  // namespace

std::string ProjectorTarget::address() const {
  const bool v6 = host.find(':') != std::string::npos;
  if (port == kDefaultPort) return host;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ProjectorTarget> parseProjectorTarget(std::string_view line) {
  if (line.size() > kMaxLine) return makeError("line longer than 512 bytes");
  if (!printable(line)) return makeError("control characters in the line");
  std::string_view rest = trim(line);
  if (rest.empty()) return makeError("empty: expected ADDR[:PORT] [password=…] [lamp_life_hours=…] [name=…]");
  ProjectorTarget target;
  const auto space = rest.find_first_of(" \t");
  if (auto status = parseAddress(rest.substr(0, space), target); !status) return makeError(status.error());
  rest = space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
  while (!rest.empty()) {
    const auto eq = rest.find('=');
    const auto word_end = rest.find_first_of(" \t");
    if (eq == std::string_view::npos || (word_end != std::string_view::npos && word_end < eq)) {
      return makeError("expected key=value, got " + quoted(rest.substr(0, word_end)));
    }
    const std::string_view key = rest.substr(0, eq);
    if (key == "name") {  // takes the rest of the line
      const std::string_view name = trim(rest.substr(eq + 1));
      if (name.empty() || name.size() > 64) return makeError("name: expected 1 to 64 characters");
      target.name = std::string(name);
      break;
    }
    const std::string_view value = rest.substr(eq + 1, word_end == std::string_view::npos
                                                            ? std::string_view::npos
                                                            : word_end - eq - 1);
    if (auto status = applyOption(key, value, target); !status) return makeError(status.error());
    rest = word_end == std::string_view::npos ? std::string_view() : trim(rest.substr(word_end));
  }
  return target;
}

Result<std::vector<ProjectorTarget>> parseProjectorTargets(const std::vector<std::string>& lines) {
  std::vector<ProjectorTarget> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto target = parseProjectorTarget(lines[i]);
    if (!target) return makeError("projector " + std::to_string(i + 1) + ": " + target.error());
    for (const auto& seen : out) {
      if (seen.address() == target->address()) {
        return makeError("projector " + std::to_string(i + 1) + ": " + target->address() +
                         " is listed twice");
      }
    }
    out.push_back(std::move(*target));
  }
  return out;
}

}  // namespace parc::agent::pjlink
