#pragma once
// CSV exports read back row by row, as the tests compare them with the API.

#include <map>
#include <string>
#include <vector>

namespace parc::testing {

// Rows of a CSV export as column name → value (the BOM, when there, removed);
// every record is EXPECTed to have as many fields as the header.
std::vector<std::map<std::string, std::string>> csvRows(std::string text, char separator);

}  // namespace parc::testing
