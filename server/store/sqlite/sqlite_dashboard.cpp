#include "server/store/sqlite/sqlite_dashboard.h"

#include "server/store/sqlite/sqlite_scope.h"

namespace parc::server::sqlite {

std::optional<Site> siteInScope(Connection& db, const Scope& scope, const std::string& site_id) {
  Conditions conditions;
  addScope(scope, "s", conditions);
  conditions.add("s.id = ?", {site_id});
  Statement query = db.prepare("SELECT s.id, s.collectivity_id, s.name, s.zone FROM sites s" + conditions.where(),
                               "read scoped site");
  query.bindAll(conditions.values());
  if (!query.step()) return std::nullopt;
  Site site;
  site.id = query.text(0);
  site.collectivity_id = query.text(1);
  site.name = query.text(2);
  site.zone = query.optText(3);
  return site;
}

bool deviceInScope(Connection& db, const Scope& scope, const std::string& device_id) {
  Conditions conditions;
  addScope(scope, "s", conditions);
  conditions.add("d.id = ?", {device_id});
  Statement query = db.prepare("SELECT 1 FROM devices d JOIN sites s ON s.id = d.site_id" + conditions.where(),
                               "check scoped device");
  query.bindAll(conditions.values());
  return query.step();
}

}  // namespace parc::server::sqlite
