#pragma once
// Typed cells of an export: the spreadsheet keeps numbers as numbers and dates as
// dates; CSV and JSON render them as text the same way everywhere.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace parc::server::exports {

struct Date {
  int year = 0, month = 0, day = 0;
};

struct DateTime {  // UTC
  Date date;
  int hour = 0, minute = 0, second = 0;
};

// std::monostate: an empty cell (JSON null).
using Cell = std::variant<std::monostate, std::string, std::int64_t, Date, DateTime>;

enum class ColumnType { text, integer, date, datetime };

struct Column {
  std::string_view name;  // the header, and the JSON key
  ColumnType type = ColumnType::text;
  double width = 14;      // in the spreadsheet, in characters
};

using Row = std::vector<Cell>;

// "2024-03-01" / nullopt when not a real calendar date in that exact form.
std::optional<Date> parseDate(std::string_view text);
// RFC 3339 as the store writes it ("2024-03-01T08:00:03Z"); nullopt otherwise.
std::optional<DateTime> parseDateTime(std::string_view text);
// The text form CSV and JSON use: "2024-03-01", "2024-03-01T08:00:03Z", "42", "".
std::string cellText(const Cell& cell);

}  // namespace parc::server::exports
