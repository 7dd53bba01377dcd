#include "server/export/activity_export.h"

namespace parc::server::exports {
namespace {

Cell text(const OptString& value) {
  if (!value || value->empty()) return std::monostate{};
  return *value;
}

Cell dateTimeCell(const OptString& value) {
  if (!value || value->empty()) return std::monostate{};
  if (auto time = parseDateTime(*value)) return *time;
  return *value;
}

// Pages of `read(filter)` until the last, each row through `exporter`.
template <class Filter, class Read, class ToRow>
Result<std::size_t> exportPages(const std::vector<Column>& columns, Filter filter, Exporter& exporter, Read read,
                                ToRow to_row) {
  if (auto status = exporter.begin(columns); !status) return makeError(status.error());
  filter.limit = kActivityPageSize;
  filter.cursor.reset();
  std::size_t written = 0;
  while (true) {
    auto page = read(filter);
    if (!page) return makeError("export: " + page.error());
    for (const auto& item : page->items) {
      if (auto status = exporter.row(to_row(item)); !status) return makeError(status.error());
      ++written;
    }
    if (!page->next_cursor) break;
    filter.cursor = page->next_cursor;
  }
  if (auto status = exporter.finish(); !status) return makeError(status.error());
  return written;
}

template <class T>
struct Page {
  std::vector<T> items;
  OptString next_cursor;
};

}  // namespace

const std::vector<Column>& alertColumns() {
  static const std::vector<Column> kColumns = {
      {"id", ColumnType::text, 34},           {"opened_at", ColumnType::datetime, 20},
      {"site_id", ColumnType::text, 34},      {"site", ColumnType::text, 30},
      {"room", ColumnType::text, 12},         {"device_id", ColumnType::text, 34},
      {"device", ColumnType::text, 20},       {"rule", ColumnType::text, 22},
      {"key", ColumnType::text, 12},          {"severity", ColumnType::text, 10},
      {"state", ColumnType::text, 12},        {"summary", ColumnType::text, 50},
      {"last_seen_at", ColumnType::datetime, 20}, {"count", ColumnType::integer, 8},
      {"acknowledged_at", ColumnType::datetime, 20}, {"acknowledged_by", ColumnType::text, 24},
      {"resolved_at", ColumnType::datetime, 20}, {"resolved_by", ColumnType::text, 24},
      {"resolution_note", ColumnType::text, 40},
  };
  return kColumns;
}

Row alertRow(const Alert& a) {
  return {a.id, dateTimeCell(a.opened_at), a.site_id, text(a.site_name), text(a.room), a.device_id,
          text(a.device_name), a.rule_id, text(a.key), a.severity, a.state, text(a.summary),
          dateTimeCell(a.last_seen_at), a.count, dateTimeCell(a.acknowledged_at), text(a.acknowledged_by),
          dateTimeCell(a.resolved_at), text(a.resolved_by), text(a.resolution_note)};
}

const std::vector<Column>& interventionColumns() {
  static const std::vector<Column> kColumns = {
      {"id", ColumnType::text, 34},        {"at", ColumnType::datetime, 20},
      {"site_id", ColumnType::text, 34},   {"site", ColumnType::text, 30},
      {"room", ColumnType::text, 12},      {"device_id", ColumnType::text, 34},
      {"device", ColumnType::text, 20},    {"alert_id", ColumnType::text, 34},
      {"what", ColumnType::text, 50},      {"minutes", ColumnType::integer, 9},
      {"by", ColumnType::text, 24},
  };
  return kColumns;
}

Row interventionRow(const InterventionRow& row) {
  const Intervention& i = row.intervention;
  return {i.id, dateTimeCell(i.at), i.site_id, text(row.site_name), text(row.room), i.device_id,
          text(row.device_name), text(i.alert_id), text(i.what), i.minutes, text(i.by)};
}

Result<std::size_t> exportAlerts(Store& store, const Scope& scope, AlertFilter filter, Exporter& exporter) {
  return exportPages(
      alertColumns(), std::move(filter), exporter,
      [&](const AlertFilter& f) -> Result<Page<Alert>> {
        auto page = store.listAlerts(scope, f);
        if (!page) return makeError(page.error());
        return Page<Alert>{std::move(page->alerts), page->next_cursor};
      },
      alertRow);
}

Result<std::size_t> exportInterventions(Store& store, const Scope& scope, InterventionFilter filter,
                                        Exporter& exporter) {
  return exportPages(
      interventionColumns(), std::move(filter), exporter,
      [&](const InterventionFilter& f) -> Result<Page<InterventionRow>> {
        auto page = store.listInterventions(scope, f);
        if (!page) return makeError(page.error());
        return Page<InterventionRow>{std::move(page->rows), page->next_cursor};
      },
      interventionRow);
}

}  // namespace parc::server::exports
