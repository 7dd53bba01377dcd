// Projector rules, from the PJLink state the polling PC reports.

#include <algorithm>
#include <array>
#include <utility>

#include "server/alerts/rule_set.h"

namespace parc::server::alerts::rules {
namespace {

struct Category {
  const char* key;
  const char* french;
  OptString ProjectorErrors::*field;
};

constexpr std::array<Category, 6> kCategories{{
    {"lamp", "lampe", &ProjectorErrors::lamp},
    {"fan", "ventilateur", &ProjectorErrors::fan},
    {"temperature", "température", &ProjectorErrors::temperature},
    {"cover", "capot", &ProjectorErrors::cover},
    {"filter", "filtre", &ProjectorErrors::filter},
    {"other", "autre", &ProjectorErrors::other},
}};

}  // namespace

std::vector<Finding> projectorError(const ProjectorFacts& facts, const RuleSettings& settings) {
  std::vector<Finding> out;
  const ProjectorState& p = facts.current;
  if (p.reachable == false || !p.errors) return out;
  const bool warnings = settings.number("warnings", 1) != 0;
  for (const Category& category : kCategories) {
    const OptString& value = (*p.errors).*category.field;
    if (!value || (*value != "error" && !(warnings && *value == "warning"))) continue;
    Finding f = finding(settings, "projector_error", category.key,
                        std::string(*value == "error" ? "Erreur" : "Avertissement") + " du vidéoprojecteur (" +
                            category.french + ")",
                        "PJLink ERST : " + std::string(category.key) + " = " + *value + ", adresse " + p.address,
                        *value);
    f.severity = *value == "error" ? kCritical : kWarning;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Finding> projectorLampHours(const ProjectorFacts& facts, const RuleSettings& settings) {
  std::vector<Finding> out;
  const ProjectorState& p = facts.current;
  const double life = p.lamp_life_hours && *p.lamp_life_hours > 0 ? static_cast<double>(*p.lamp_life_hours)
                                                                   : settings.number("default_life_hours", 3000);
  const double limit = life * settings.number("life_pct", 90) / 100.0;
  for (std::size_t i = 0; i < p.lamp_hours.size(); ++i) {
    const auto hours = static_cast<double>(p.lamp_hours[i]);
    if (hours < limit || life <= 0) continue;
    out.push_back(finding(settings, "projector_lamp_hours", "lamp" + std::to_string(i + 1),
                          "Lampe " + std::to_string(i + 1) + " du vidéoprojecteur à " +
                              std::to_string(p.lamp_hours[i]) + " h",
                          "Durée de vie nominale " + frenchNumber(life) + " h (alerte à " +
                              frenchNumber(settings.number("life_pct", 90)) + " %)"));
  }
  return out;
}

std::vector<Finding> projectorUnreachable(const ProjectorFacts& facts, const RuleSettings& settings) {
  const auto reports = static_cast<std::size_t>(std::max(1.0, settings.number("reports", 2)));
  if (facts.current.reachable != false || facts.previous.size() + 1 < reports) return {};
  for (std::size_t i = 0; i + 1 < reports; ++i) {
    if (facts.previous[i].reachable != false) return {};
  }
  return {finding(settings, "projector_unreachable", "",
                  "Le vidéoprojecteur " + facts.current.address + " ne répond pas",
                  std::to_string(reports) + " interrogations PJLink de suite sans réponse" +
                      (facts.current.poll_error ? " : " + *facts.current.poll_error : ""))};
}

}  // namespace parc::server::alerts::rules
