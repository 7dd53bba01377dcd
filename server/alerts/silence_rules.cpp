#include "server/alerts/silence_rules.h"

#include <algorithm>
#include <cmath>

#include "server/alerts/rule_catalog.h"
#include "server/alerts/rule_set.h"

namespace parc::server::alerts {
namespace {

RuleSettings settingsOf(std::string_view id, const Overrides& overrides) {
  return effectiveSettings(*findRule(id), overrides);
}

std::optional<Finding> siteOffline(const std::string& site_id, const std::string& site_name,
                                   const std::vector<double>& silent_days, const RuleSettings& settings) {
  if (!settings.enabled() || silent_days.empty()) return std::nullopt;
  const double threshold = settings.number("school_days", 1);
  const auto silent = static_cast<double>(
      std::count_if(silent_days.begin(), silent_days.end(), [&](double d) { return d >= threshold; }));
  const auto total = static_cast<double>(silent_days.size());
  if (total < settings.number("min_devices", 3) || 100.0 * silent / total < settings.number("silent_pct", 90)) {
    return std::nullopt;
  }
  return rules::finding(settings, "site_offline", site_id,
                        site_name + " : aucun rapport de " + rules::frenchNumber(silent) + " postes sur " +
                            rules::frenchNumber(total),
                        "Silencieux depuis au moins " + rules::frenchNumber(threshold) + " jour(s) d'école");
}

}  // namespace

SiteSilence evaluateSilence(const std::string& site_id, const std::string& site_name,
                            const std::vector<SilentCandidate>& devices, const SchoolCalendar& calendar,
                            TimePoint now, const Overrides& overrides) {
  SiteSilence out;
  std::vector<double> silent_days;
  for (const SilentCandidate& device : devices) {
    silent_days.push_back(schoolDaysBetween(calendar, device.last_seen, now));
  }
  out.site_offline = siteOffline(site_id, site_name, silent_days, settingsOf("site_offline", overrides));
  if (out.site_offline) {
    // The device heard from last stands for the site (an alert belongs to a device).
    const auto latest = std::max_element(devices.begin(), devices.end(), [](const auto& a, const auto& b) {
      return a.last_seen < b.last_seen;
    });
    out.site_device = latest->device_id;
    out.devices_evaluated = false;
    return out;
  }
  const RuleSettings settings = settingsOf("device_silent", overrides);
  if (!settings.enabled()) return out;
  const double threshold = settings.number("school_days", 3);
  for (std::size_t i = 0; i < devices.size(); ++i) {
    if (silent_days[i] < threshold) continue;
    const double whole = std::floor(silent_days[i]);
    out.devices.emplace_back(
        devices[i].device_id,
        rules::finding(settings, "device_silent", "",
                       devices[i].name.value_or("Le poste") + " : aucun rapport depuis " +
                           rules::frenchNumber(whole) + " jours d'école",
                       "Dernier rapport : " + formatRfc3339(devices[i].last_seen),
                       std::to_string(static_cast<long long>(whole))));
  }
  return out;
}

}  // namespace parc::server::alerts
