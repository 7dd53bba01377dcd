#pragma once
// The silence rules, run by the periodic sweep: a device silent for too many
// school days, and a whole site silent at once (one "site offline" alert, which
// holds back the per-device silence alerts of that site). Pure.

#include <optional>
#include <string>
#include <vector>

#include "server/alerts/rule_types.h"
#include "server/alerts/school_calendar.h"

namespace parc::server::alerts {

struct SilentCandidate {
  std::string device_id;
  OptString name;       // hostname, for the summary
  TimePoint last_seen;  // last report (or enrollment when it never reported)
};

struct SiteSilence {
  // site_offline, keyed by the site id, attached to `site_device`; nullopt when the
  // site is not offline.
  std::optional<Finding> site_offline;
  std::string site_device;
  // device id -> its device_silent finding (none while the site is offline).
  std::vector<std::pair<std::string, Finding>> devices;
  // False while the site is offline: the per-device rule was not evaluated, so
  // no device_silent alert clears or opens.
  bool devices_evaluated = true;
};

SiteSilence evaluateSilence(const std::string& site_id, const std::string& site_name,
                            const std::vector<SilentCandidate>& devices, const SchoolCalendar& calendar,
                            TimePoint now, const Overrides& overrides);

}  // namespace parc::server::alerts
