#include "tools/pjlink-sim/sim_model.h"

#include <cctype>
#include <charconv>
#include <sstream>

namespace parc::tools::pjlink_sim {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isClass2Command(const std::string& command) {
  return command == "SNUM" || command == "SVER" || command == "FILT" || command == "RFIL" ||
         command == "RLMP";
}

Result<std::int64_t> number(std::string_view text, std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max) {
    return makeError("expected a number from 0 to " + std::to_string(max) + ", got \"" + std::string(text) + "\"");
  }
  return value;
}

Result<std::vector<std::int64_t>> hoursList(std::string_view text) {
  std::vector<std::int64_t> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    auto hours = number(text.substr(0, comma), 99999);
    if (!hours) return makeError(hours.error());
    out.push_back(*hours);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  if (out.empty() || out.size() > 8) return makeError("expected 1 to 8 lamp hours, comma-separated");
  return out;
}

Status setFlag(std::string_view value, bool& out) {
  auto flag = parseSwitch(value);
  if (!flag) return makeError(flag.error());
  out = *flag;
  return {};
}

Status setMs(std::string_view value, std::chrono::milliseconds& out) {
  auto ms = number(value, 600000);
  if (!ms) return makeError(ms.error());
  out = std::chrono::milliseconds(*ms);
  return {};
}

}  // namespace

Result<bool> parseSwitch(std::string_view word) {
  if (word == "on" || word == "1" || word == "true" || word == "yes") return true;
  if (word == "off" || word == "0" || word == "false" || word == "no") return false;
  return makeError("expected on or off, got \"" + std::string(word) + "\"");
}

Power SimModel::power(SimClock::time_point now) {
  if (now >= transition_end_) {
    if (power_ == Power::kWarming) power_ = Power::kOn;
    if (power_ == Power::kCooling) power_ = Power::kOff;
  }
  return power_;
}

void SimModel::setPower(bool on, SimClock::time_point now) {
  const Power current = power(now);
  if (on && (current == Power::kOff || current == Power::kCooling)) {
    power_ = Power::kWarming;
    transition_end_ = now + settings_.warmup;
  } else if (!on && (current == Power::kOn || current == Power::kWarming)) {
    power_ = Power::kCooling;
    transition_end_ = now + settings_.cooldown;
  }
}

std::string SimModel::value(const std::string& command, std::string_view parameter,
                            SimClock::time_point now) {
  const bool query = parameter == "?";
  const Power state = power(now);
  const bool standby = state == Power::kOff;
  if (command == "POWR") {
    if (query) return std::to_string(static_cast<int>(state));  // the enum follows PJLink's digits
    if (parameter != "0" && parameter != "1") return "ERR2";
    setPower(parameter == "1", now);
    return "OK";
  }
  if (!query) return "ERR2";  // only POWR can be set here
  if (command == "ERST") return settings_.erst;
  if (command == "CLSS") {
    const std::string digit = std::to_string(settings_.pjlink_class);
    return settings_.class_text ? "Class " + digit : digit;
  }
  if (command == "LAMP") {
    if (settings_.laser) return "ERR1";
    if (standby && settings_.standby_err3) return "ERR3";
    const bool lit = state == Power::kOn || state == Power::kWarming;
    std::string out;
    for (std::int64_t hours : settings_.lamp_hours) {
      if (!out.empty()) out += ' ';
      out += std::to_string(hours) + (lit ? " 1" : " 0");
    }
    return out;
  }
  if (command == "INF1") return settings_.manufacturer;
  if (command == "INF2") return settings_.model;
  if (command == "INFO") return settings_.info;
  if (command == "NAME") return settings_.name;
  if (command == "SNUM") return settings_.serial;
  if (command == "SVER") return settings_.firmware;
  if (command == "FILT") return standby && settings_.standby_err3 ? "ERR3" : std::to_string(settings_.filter_hours);
  if (command == "RFIL") return settings_.rfil;
  if (command == "RLMP") return settings_.rlmp;
  return "ERR1";
}

std::string SimModel::answer(std::string_view line, SimClock::time_point now) {
  // "%<class><CMD4> <parameter>"
  if (line.size() < 8 || line[0] != '%' || (line[1] != '1' && line[1] != '2') || line[6] != ' ') {
    return "%1ERR=ERR1";
  }
  const char cls = line[1];
  const std::string command = upper(line.substr(2, 4));
  std::string result;
  if (isClass2Command(command) && (cls != '2' || settings_.pjlink_class < 2)) {
    result = "ERR1";
  } else if (cls == '2' && settings_.pjlink_class < 2) {
    result = "ERR1";
  } else {
    result = value(command, line.substr(7), now);
  }
  const bool error = result.size() == 4 && result.starts_with("ERR");
  if (settings_.lowercase) return "%" + std::string(1, cls) + lower(command) + "=" + (error ? lower(result) : result);
  return "%" + std::string(1, cls) + command + "=" + result;
}

Status SimModel::control(std::string_view line, SimClock::time_point now) {
  const auto space = line.find(' ');
  const std::string key(line.substr(0, space));
  const std::string_view value = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  Settings& s = settings_;
  if (key == "password") {
    s.password = value == "none" ? std::string() : std::string(value);
  } else if (key == "class") {
    if (value != "1" && value != "2") return makeError("class: expected 1 or 2");
    s.pjlink_class = value[0] - '0';
  } else if (key == "lowercase") {
    return setFlag(value, s.lowercase);
  } else if (key == "class_text") {
    return setFlag(value, s.class_text);
  } else if (key == "laser") {
    return setFlag(value, s.laser);
  } else if (key == "standby_err3") {
    return setFlag(value, s.standby_err3);
  } else if (key == "garbage") {
    return setFlag(value, s.garbage);
  } else if (key == "manufacturer" || key == "model" || key == "serial" || key == "firmware" ||
             key == "name" || key == "info" || key == "rfil" || key == "rlmp") {
    std::string* field[] = {&s.manufacturer, &s.model, &s.serial, &s.firmware,
                            &s.name, &s.info, &s.rfil, &s.rlmp};
    const char* names[] = {"manufacturer", "model", "serial", "firmware", "name", "info", "rfil", "rlmp"};
    for (std::size_t i = 0; i < 8; ++i) {
      if (key == names[i]) *field[i] = std::string(value);
    }
  } else if (key == "lamp") {
    auto hours = hoursList(value);
    if (!hours) return makeError("lamp: " + hours.error());
    s.lamp_hours = *hours;
  } else if (key == "filter") {
    auto hours = number(value, 99999);
    if (!hours) return makeError("filter: " + hours.error());
    s.filter_hours = *hours;
  } else if (key == "erst") {
    if (value.size() != 6 || value.find_first_not_of("012") != std::string_view::npos) {
      return makeError("erst: expected six digits 0, 1 or 2 (fan lamp temperature cover filter other)");
    }
    s.erst = std::string(value);
  } else if (key == "power") {
    auto on = parseSwitch(value);
    if (!on) return makeError("power: " + on.error());
    setPower(*on, now);
  } else if (key == "warmup_ms") {
    return setMs(value, s.warmup);
  } else if (key == "cooldown_ms") {
    return setMs(value, s.cooldown);
  } else if (key == "slow_ms") {
    return setMs(value, s.slow);
  } else if (key == "drop") {
    auto count = number(value, 1000);
    if (!count) return makeError("drop: " + count.error());
    s.drop = static_cast<int>(*count);
  } else {
    return makeError("unknown setting \"" + key + "\"");
  }
  return {};
}

std::string SimModel::describe(SimClock::time_point now) {
  std::ostringstream out;
  const char* powers[] = {"off", "on", "cooling", "warming"};
  out << "power=" << powers[static_cast<int>(power(now))] << " erst=" << settings_.erst
      << " lamp=";
  for (std::size_t i = 0; i < settings_.lamp_hours.size(); ++i) {
    out << (i ? "," : "") << settings_.lamp_hours[i];
  }
  out << " filter=" << settings_.filter_hours << " class=" << settings_.pjlink_class
      << " auth=" << (settings_.password.empty() ? "off" : "on") << " slow_ms=" << settings_.slow.count()
      << " drop=" << settings_.drop;
  return out.str();
}

}  // namespace parc::tools::pjlink_sim
