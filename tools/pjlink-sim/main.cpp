// pjlink-sim: a PJLink projector on a TCP port, for tests and for trying the
// agent by hand. See --help.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "tools/pjlink-sim/sim_server.h"

namespace {

using parc::tools::pjlink_sim::SimClock;
using parc::tools::pjlink_sim::SimModel;
using parc::tools::pjlink_sim::SimServer;

constexpr const char* kHelp = R"(Usage: pjlink-sim [options]

A PJLink class 1/2 projector simulator. Serves one controller at a time: a second
connection is accepted and closed at once, without a greeting. Prints the bound
ports on stdout ("pjlink_port N", "control_port N"), then serves until SIGTERM/SIGINT.

Options:
  --help                 this text
  --bind ADDR            IPv4 address to listen on (default 127.0.0.1)
  --port N               PJLink port (default 4352; 0 picks a free one)
  --control-port N       control port (default 0: a free one)

Settings (also changeable at run time, see below):
  --password TEXT        require PJLink authentication with this password
  --class 1|2            highest PJLink class (default 2; 1 answers ERR1 to class-2 commands)
  --manufacturer TEXT    INF1 (default EPSON)       --model TEXT     INF2 (default EB-W49)
  --serial TEXT          SNUM (default X4JK8300123) --firmware TEXT  SVER (default 1.02)
  --name TEXT            NAME (default "Salle B12") --info TEXT      INFO (default empty)
  --rfil TEXT            RFIL (default ELPAF54)     --rlmp TEXT      RLMP (default ELPLP97)
  --lamp H[,H...]        lamp hours, one per lamp (default 1200)
  --filter H             filter hours, FILT (default 230)
  --erst DDDDDD          error status: fan lamp temperature cover filter other, 0 ok 1 warning 2 error
  --power on|off         initial power (default on)
  --warmup-ms N          warm-up time after power on (default 0)
  --cooldown-ms N        cool-down time after power off (default 0)
  --slow-ms N            delay before every answer (default 0)
  --drop N               cut the next N answers in the middle and close the connection
  --lowercase            answer in lower case ("%1powr=1")
  --class-text           answer CLSS with "Class 1" instead of "1"
  --laser                answer LAMP with ERR1, as laser projectors do
  --standby-err3         answer LAMP and FILT with ERR3 in standby
  --garbage              answer every command with an endless line without CR

Control channel: connect to the control port (e.g. `nc 127.0.0.1 PORT`) and send one
line per setting, named as the options without dashes, '-' written '_', flags with
on|off: "erst 020000", "lamp 3100,20", "power off", "slow_ms 800", "lowercase on",
"password none". Each line is answered "ok" or "error: <why>"; "get" prints the state.
)";

volatile std::sig_atomic_t g_stop = 0;  // the one global: written by the signal handler
extern "C" void onSignal(int) { g_stop = 1; }

constexpr const char* kFlags[] = {"lowercase", "class_text", "laser", "standby_err3", "garbage"};

bool isFlag(const std::string& key) {
  for (const char* flag : kFlags) {
    if (key == flag) return true;
  }
  return false;
}

int usage(const std::string& message) {
  std::cerr << "pjlink-sim: " << message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bind = "127.0.0.1";
  long port = 4352, control_port = 0;
  SimModel model;
  const auto now = SimClock::now();
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (!args[i].starts_with("--")) return usage("unexpected argument \"" + args[i] + "\" (see --help)");
    std::string key = args[i].substr(2);
    for (char& c : key) c = c == '-' ? '_' : c;
    if (isFlag(key)) {
      (void)model.control(key + " on", now);
      continue;
    }
    if (i + 1 >= args.size()) return usage("--" + args[i].substr(2) + " needs a value");
    const std::string value = args[++i];
    try {
      if (key == "bind") {
        bind = value;
      } else if (key == "port" || key == "control_port") {
        const long number = std::stol(value);
        if (number < 0 || number > 65535) return usage("--" + key + ": expected 0 to 65535");
        (key == "port" ? port : control_port) = number;
      } else if (auto status = model.control(key + " " + value, now); !status) {
        return usage(status.error());
      }
    } catch (const std::exception&) {
      return usage("--" + key + ": expected a number, got \"" + value + "\"");
    }
  }
  auto server = SimServer::listen(bind, static_cast<std::uint16_t>(port),
                                  static_cast<std::uint16_t>(control_port), model);
  if (!server) {
    std::cerr << "pjlink-sim: " << server.error() << "\n";
    return 1;
  }
  std::signal(SIGTERM, onSignal);
  std::signal(SIGINT, onSignal);
  std::signal(SIGPIPE, SIG_IGN);
  std::cout << "pjlink_port " << (*server)->port() << "\ncontrol_port " << (*server)->controlPort()
            << std::endl;
  (*server)->run(&g_stop);
  return 0;
}
