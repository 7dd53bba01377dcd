#include "shared/strict_json.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace parc {
namespace {

struct Refused {
  std::string why;
};

}  // namespace

Result<nlohmann::json> parseStrictJson(std::string_view text, int max_depth) {
  // One set of seen keys per open object, to refuse {"a":1,"a":2}: a duplicate
  // would let two readers of the same body disagree on its meaning.
  std::vector<std::set<std::string>> open_objects;
  auto guard = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if ((event == Event::object_start || event == Event::array_start) && depth >= max_depth) {
      throw Refused{"nesting deeper than " + std::to_string(max_depth) + " levels"};
    }
    if (event == Event::object_start) open_objects.emplace_back();
    if (event == Event::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == Event::key && !open_objects.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!open_objects.back().insert(key).second) {
        throw Refused{"duplicate key \"" + key + "\""};
      }
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text.begin(), text.end(), guard);
  } catch (const Refused& refused) {
    return makeError("invalid JSON: " + refused.why);
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's messages are precise ("syntax error while parsing value -
    // unexpected end of input ..."); keep them, without the "[json.exception...]" prefix.
    std::string what = e.what();
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    return makeError("invalid JSON: " + what);
  }
}

}  // namespace parc
