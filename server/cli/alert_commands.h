#pragma once
// parc-server admin rule ... and calendar ...: alert rule settings per
// collectivity and school calendars, from the server admin's command line.
//
//   rule list [--collectivity ID]                 effective settings of every rule
//   rule set --collectivity ID RULE NAME=VALUE... override settings
//   calendar import --zone A|B|C FILE.ics         a zone's school holidays
//   calendar close --site ID FROM TO REASON       a closure, dates YYYY-MM-DD, TO included
//   calendar wednesday --site ID on|off           lessons on Wednesday afternoons or not

#include <iosfwd>
#include <string>
#include <vector>

#include "server/store/store.h"

namespace parc::server {

struct AlertCommand {
  std::string object, action;  // rule | calendar
  OptString collectivity, zone;
  std::vector<std::string> sites;
  std::vector<std::string> arguments;  // the words after the action
};

// Throws std::invalid_argument for a usage error, std::runtime_error for a refusal.
void runAlertCommand(Store& store, const AlertCommand& command, std::ostream& out);

}  // namespace parc::server
