#include "server/store/scope_rules.h"

#include <algorithm>

namespace parc::server {
namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

Scope noScope() { return Scope{}; }

bool scopeWithin(const Scope& inner, const Scope& outer) {
  if (outer.all) return true;
  if (inner.all || !outer.collectivity_id) return false;
  if (!inner.collectivity_id) return true;  // sees nothing
  if (*inner.collectivity_id != *outer.collectivity_id) return false;
  if (outer.site_ids.empty()) return true;
  if (inner.site_ids.empty()) return false;
  return std::all_of(inner.site_ids.begin(), inner.site_ids.end(),
                     [&](const std::string& id) { return contains(outer.site_ids, id); });
}

Scope intersectScopes(const Scope& a, const Scope& b) {
  if (a.all) return b;
  if (b.all) return a;
  if (!a.collectivity_id || !b.collectivity_id || *a.collectivity_id != *b.collectivity_id) {
    return noScope();
  }
  if (a.site_ids.empty()) return b;
  if (b.site_ids.empty()) return a;
  Scope out = Scope::collectivity(*a.collectivity_id);
  for (const std::string& id : a.site_ids) {
    if (contains(b.site_ids, id)) out.site_ids.push_back(id);
  }
  return out.site_ids.empty() ? noScope() : out;
}

}  // namespace parc::server
