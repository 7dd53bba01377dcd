#include "tests/golden/normalise.h"

#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

namespace parc::testing {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

nlohmann::json normaliseReport(nlohmann::json report, bool live) {
  if (!report.is_object()) return report;
  if (report.contains("collected_at")) report["collected_at"] = kNormalisedMarker;
  if (auto agent = report.find("agent"); agent != report.end() && agent->is_object() &&
                                         agent->contains("version")) {
    (*agent)["version"] = kNormalisedMarker;
  }
  if (auto runs = report.find("collectors"); runs != report.end() && runs->is_array()) {
    for (auto& run : *runs) {
      if (run.is_object() && run.contains("ms")) run["ms"] = 0;
    }
  }
  if (auto state = report.find("state"); live && state != report.end() && state->is_object() &&
                                         state->contains("uptime_s")) {
    (*state)["uptime_s"] = 0;
  }
  return report;
}

std::string lineDiff(const std::string& expected, const std::string& actual, std::size_t max_lines) {
  const auto want = splitLines(expected);
  const auto got = splitLines(actual);
  std::ostringstream out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < std::max(want.size(), got.size()) && shown < max_lines; ++i) {
    const std::string* a = i < want.size() ? &want[i] : nullptr;
    const std::string* b = i < got.size() ? &got[i] : nullptr;
    if (a && b && *a == *b) continue;
    out << "line " << (i + 1) << ":\n";
    if (a) out << "  -" << *a << "\n";
    if (b) out << "  +" << *b << "\n";
    ++shown;
  }
  return out.str();
}

}  // namespace parc::testing
