#pragma once
// The simulated projector: its settings, its power state machine and its answers
// to PJLink commands. Pure: time comes in as an argument, no sockets here.
//
// Settings change at run time through control lines ("erst 020000", "lamp 1200"),
// the same lines the command line options are turned into (--erst 020000).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace parc::tools::pjlink_sim {

using SimClock = std::chrono::steady_clock;

enum class Power { kOff = 0, kOn = 1, kCooling = 2, kWarming = 3 };  // PJLink's POWR digits

struct Settings {
  std::string password;  // empty: no authentication
  int pjlink_class = 2;
  bool lowercase = false;     // "%1powr=0"
  bool class_text = false;    // CLSS answers "Class 1"
  bool laser = false;         // LAMP answers ERR1
  bool standby_err3 = false;  // LAMP and FILT answer ERR3 in standby
  bool garbage = false;       // every answer is an endless line without CR
  std::string manufacturer = "EPSON", model = "EB-W49", serial = "X4JK8300123",
              firmware = "1.02", name = "Salle B12", info, rfil = "ELPAF54", rlmp = "ELPLP97";
  std::vector<std::int64_t> lamp_hours{1200};
  std::int64_t filter_hours = 230;
  std::string erst = "000000";
  std::chrono::milliseconds warmup{0}, cooldown{0}, slow{0};
  int drop = 0;  // the next N answers are cut in the middle and the connection closed
};

class SimModel {
 public:
  explicit SimModel(Settings settings = {}) : settings_(std::move(settings)) {}

  // The answer to one command line (without its CR and without the auth digest).
  std::string answer(std::string_view command, SimClock::time_point now);
  // Applies a control line; the error says what was wrong with it.
  Status control(std::string_view line, SimClock::time_point now);
  // One line describing the current state, for the control channel's "get".
  std::string describe(SimClock::time_point now);

  const Settings& settings() const { return settings_; }
  Settings& settings() { return settings_; }
  Power power(SimClock::time_point now);

 private:
  void setPower(bool on, SimClock::time_point now);
  std::string value(const std::string& command, std::string_view parameter, SimClock::time_point now);

  Settings settings_;
  Power power_ = Power::kOn;
  SimClock::time_point transition_end_{};
};

// "on"/"off" and friends for the control lines.
Result<bool> parseSwitch(std::string_view word);

}  // namespace parc::tools::pjlink_sim
