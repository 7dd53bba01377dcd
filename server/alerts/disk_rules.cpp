// Disk health rules, from the SMART figures of each disk's state. The criteria
// are those of agent/collectors/smart_json.h smartLooksFailing, split so each
// kind of failure has its own rule, severity and procedure.

#include <algorithm>
#include <optional>

#include "server/alerts/rule_set.h"

namespace parc::server::alerts::rules {
namespace {

constexpr std::int64_t kSmartBitDiskFailing = 0x08;
constexpr std::int64_t kSmartBitPrefailNow = 0x10;

std::int64_t count(const OptInt& value) { return value && *value > 0 ? *value : 0; }

struct SectorCounts {
  std::int64_t reallocated = 0, pending = 0, uncorrectable = 0, reported = 0, grown = 0;
  std::int64_t total() const { return reallocated + pending + uncorrectable + reported + grown; }
  bool anyAbove(const SectorCounts& o) const {
    return reallocated > o.reallocated || pending > o.pending || uncorrectable > o.uncorrectable ||
           reported > o.reported || grown > o.grown;
  }
};

SectorCounts sectorsOf(const SmartHealth& h) {
  return {count(h.reallocated), count(h.pending), count(h.uncorrectable), count(h.reported_uncorrectable),
          count(h.grown_defects)};
}

const SmartHealth* smartOf(const State& state, const std::string& disk) {
  for (const DiskState& d : state.disks) {
    if (d.name == disk && d.smart) return &*d.smart;
  }
  return nullptr;
}

// Calls `check` on every disk with SMART figures.
template <class Check>
std::vector<Finding> eachDisk(const ComputerFacts& facts, Check check) {
  std::vector<Finding> out;
  for (const DiskState& disk : facts.current.disks) {
    if (!disk.smart) continue;
    if (auto found = check(disk.name, *disk.smart)) out.push_back(std::move(*found));
  }
  return out;
}

}  // namespace

std::vector<Finding> smartFailed(const ComputerFacts& facts, const RuleSettings& settings) {
  return eachDisk(facts, [&](const std::string& name, const SmartHealth& h) -> std::optional<Finding> {
    const std::int64_t bits = h.exit_status.value_or(0);
    if (h.passed != false && (bits & (kSmartBitDiskFailing | kSmartBitPrefailNow)) == 0) return std::nullopt;
    return finding(settings, "disk_smart_failed", name, "Le disque " + name + " signale une panne (SMART)",
                   "Bilan SMART : " + std::string(h.passed == false ? "échec" : "seuil de pré-panne atteint") +
                       ", code de sortie smartctl " + std::to_string(bits));
  });
}

std::vector<Finding> ataSectors(const ComputerFacts& facts, const RuleSettings& settings) {
  const auto min_count = static_cast<std::int64_t>(std::max(1.0, settings.number("min_count", 1)));
  return eachDisk(facts, [&](const std::string& name, const SmartHealth& h) -> std::optional<Finding> {
    const SectorCounts now = sectorsOf(h);
    if (now.total() < min_count) return std::nullopt;
    const bool growing = std::any_of(facts.previous.begin(), facts.previous.end(), [&](const State& s) {
      const SmartHealth* before = smartOf(s, name);
      return before && now.anyAbove(sectorsOf(*before));
    });
    const std::string figures = "réalloués " + std::to_string(now.reallocated) + ", en attente " +
                                std::to_string(now.pending) + ", non corrigibles " +
                                std::to_string(now.uncorrectable + now.reported) +
                                (now.grown ? ", défauts SCSI " + std::to_string(now.grown) : "");
    Finding out = finding(settings, "disk_ata_sectors", name,
                          "Le disque " + name + " a " + std::to_string(now.total()) + " secteurs défectueux" +
                              (growing ? " (en hausse)" : ""),
                          "Secteurs : " + figures, figures);
    if (growing) out.severity = kCritical;
    return out;
  });
}

std::vector<Finding> nvmeCriticalWarning(const ComputerFacts& facts, const RuleSettings& settings) {
  return eachDisk(facts, [&](const std::string& name, const SmartHealth& h) -> std::optional<Finding> {
    if (count(h.critical_warning) == 0) return std::nullopt;
    const std::string bits = std::to_string(*h.critical_warning);
    return finding(settings, "nvme_critical_warning", name,
                   "Le SSD " + name + " émet un avertissement critique",
                   "Critical warning NVMe : " + bits, bits);
  });
}

std::vector<Finding> nvmeSpareLow(const ComputerFacts& facts, const RuleSettings& settings) {
  return eachDisk(facts, [&](const std::string& name, const SmartHealth& h) -> std::optional<Finding> {
    if (!h.available_spare) return std::nullopt;
    const double threshold = h.available_spare_threshold ? static_cast<double>(*h.available_spare_threshold)
                                                         : settings.number("min_spare_pct", 10);
    if (static_cast<double>(*h.available_spare) >= threshold) return std::nullopt;
    return finding(settings, "nvme_spare_low", name, "Le SSD " + name + " a épuisé sa réserve de blocs",
                   "Réserve disponible " + std::to_string(*h.available_spare) + " %, seuil " +
                       frenchNumber(threshold) + " %");
  });
}

std::vector<Finding> nvmeWear(const ComputerFacts& facts, const RuleSettings& settings) {
  return eachDisk(facts, [&](const std::string& name, const SmartHealth& h) -> std::optional<Finding> {
    if (!h.percentage_used || static_cast<double>(*h.percentage_used) < settings.number("wear_pct", 90)) {
      return std::nullopt;
    }
    Finding out = finding(settings, "nvme_wear", name,
                          "Le SSD " + name + " est usé à " + std::to_string(*h.percentage_used) + " %",
                          "Percentage used NVMe : " + std::to_string(*h.percentage_used) + " %");
    if (*h.percentage_used >= 100) out.severity = kCritical;
    return out;
  });
}

std::vector<Finding> nvmeMediaErrors(const ComputerFacts& facts, const RuleSettings& settings) {
  const auto min_errors = static_cast<std::int64_t>(std::max(1.0, settings.number("min_errors", 1)));
  return eachDisk(facts, [&](const std::string& name, const SmartHealth& h) -> std::optional<Finding> {
    if (count(h.media_errors) < min_errors) return std::nullopt;
    const std::string errors = std::to_string(*h.media_errors);
    return finding(settings, "nvme_media_errors", name,
                   "Le SSD " + name + " a " + errors + " erreurs de support", "Media errors NVMe : " + errors,
                   errors);
  });
}

}  // namespace parc::server::alerts::rules
