// Rules on the rest of a PC: file systems, batteries, temperatures, classroom
// kit, and parts that disappeared from its inventory.

#include <cmath>
#include <cstdio>

#include "server/alerts/rule_set.h"

namespace parc::server::alerts::rules {
namespace {

bool hot(const Temperature& t, double threshold, double margin) {
  if (!t.celsius) return false;
  if (*t.celsius >= threshold) return true;
  return t.critical_celsius && *t.critical_celsius > 0 && *t.celsius >= *t.critical_celsius - margin;
}

bool hotIn(const State& state, const std::string& label, double threshold, double margin) {
  for (const Temperature& t : state.temperatures) {
    if (t.label == label && hot(t, threshold, margin)) return true;
  }
  return false;
}

}  // namespace

std::string frenchNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  std::string out = text;
  for (char& c : out) {
    if (c == '.') c = ',';
  }
  if (out.size() > 2 && out.ends_with(",0")) out.resize(out.size() - 2);
  return out;
}

Finding finding(const RuleSettings& settings, std::string rule_id, std::string key, std::string summary,
                std::string details, std::string level) {
  return Finding{std::move(rule_id), std::move(key), settings.text("severity", kWarning),
                 std::move(summary), std::move(details), std::move(level)};
}

std::vector<Finding> filesystemFull(const ComputerFacts& facts, const RuleSettings& settings) {
  const double min_bytes = settings.number("min_size_mb", 100) * 1024 * 1024;
  std::vector<Finding> out;
  for (const FilesystemState& fs : facts.current.filesystems) {
    if (!fs.size_bytes || !fs.free_bytes || *fs.size_bytes <= 0 || *fs.free_bytes < 0) continue;
    const auto size = static_cast<double>(*fs.size_bytes);
    if (size < min_bytes || *fs.free_bytes > *fs.size_bytes) continue;
    const double used_pct = 100.0 * (size - static_cast<double>(*fs.free_bytes)) / size;
    if (used_pct < settings.number("warning_pct", 90)) continue;
    const bool critical = used_pct >= settings.number("critical_pct", 97);
    Finding f = finding(settings, "filesystem_full", fs.mount,
                        fs.mount + " est plein à " + frenchNumber(std::floor(used_pct)) + " %",
                        "Libre : " + frenchNumber(static_cast<double>(*fs.free_bytes) / 1e9) + " Go sur " +
                            frenchNumber(size / 1e9) + " Go");
    f.severity = critical ? kCritical : kWarning;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Finding> batteryWorn(const ComputerFacts& facts, const RuleSettings& settings) {
  std::vector<Finding> out;
  for (const BatteryState& battery : facts.current.batteries) {
    if (!battery.health_pct || !std::isfinite(*battery.health_pct) || *battery.health_pct <= 0) continue;
    if (*battery.health_pct >= settings.number("health_pct", 50)) continue;
    out.push_back(finding(settings, "battery_worn", battery.name,
                          "La batterie " + battery.name + " ne tient plus que " +
                              frenchNumber(*battery.health_pct) + " % de sa capacité",
                          "Santé " + frenchNumber(*battery.health_pct) + " %" +
                              (battery.cycles ? ", " + std::to_string(*battery.cycles) + " cycles" : "")));
  }
  return out;
}

std::vector<Finding> temperatureHigh(const ComputerFacts& facts, const RuleSettings& settings) {
  const double threshold = settings.number("celsius", 85);
  const double margin = settings.number("margin_celsius", 5);
  const auto reports = static_cast<std::size_t>(std::max(1.0, settings.number("reports", 3)));
  std::vector<Finding> out;
  for (const Temperature& t : facts.current.temperatures) {
    if (!hot(t, threshold, margin) || facts.previous.size() + 1 < reports) continue;
    bool sustained = true;
    for (std::size_t i = 0; i + 1 < reports && sustained; ++i) {
      sustained = hotIn(facts.previous[i], t.label, threshold, margin);
    }
    if (!sustained) continue;
    out.push_back(finding(settings, "temperature_high", t.label,
                          "Température élevée (" + t.label + ") : " + frenchNumber(*t.celsius) + " °C",
                          std::to_string(reports) + " rapports de suite au-dessus de " + frenchNumber(threshold) +
                              " °C ou à moins de " + frenchNumber(margin) + " °C du seuil critique" +
                              (t.critical_celsius ? " (" + frenchNumber(*t.critical_celsius) + " °C)" : "")));
  }
  return out;
}

std::vector<Finding> kitGone(const ComputerFacts& facts, const RuleSettings& settings) {
  std::vector<Finding> out;
  for (const KitItem& item : facts.kit) {
    if (!item.removed_at) continue;
    const std::string what = item.device_class == "pen" ? "Le stylet" : item.device_class == "touch"
                                                                         ? "Le contrôleur tactile"
                                                                         : "Le tableau interactif";
    out.push_back(finding(settings, "kit_gone", item.identity,
                          what + " « " + item.description + " » n'est plus branché",
                          "Vu depuis " + item.first_seen + ", absent depuis " + *item.removed_at));
  }
  return out;
}

std::vector<Finding> componentRemoved(const ComputerFacts& facts, const RuleSettings& settings) {
  std::vector<Finding> out;
  for (const ComponentChange& change : facts.changes) {
    if (change.change != "removed" || (change.component != "memory" && change.component != "disk")) continue;
    const std::string what = change.component == "memory" ? "Barrette mémoire" : "Disque";
    out.push_back(finding(settings, "component_removed", change.component + ":" + change.key,
                          what + " retiré : " + change.key,
                          change.before.value_or(change.key) + " absent de l'inventaire du " + change.at));
  }
  return out;
}

std::vector<Finding> serialChanged(const ComputerFacts& facts, const RuleSettings& settings) {
  std::vector<Finding> out;
  for (const ComponentChange& change : facts.changes) {
    if (change.component != "system" || change.change != "replaced") continue;
    out.push_back(finding(settings, "serial_changed", "system", "Le numéro de série de la machine a changé",
                          "Avant : " + change.before.value_or("?") + " ; après : " + change.after.value_or("?")));
  }
  return out;
}

}  // namespace parc::server::alerts::rules
