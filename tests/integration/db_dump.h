#pragma once
// Every row of every table of a SQLite database, as text: compared before and
// after a hostile request to prove it changed nothing.

#include <filesystem>
#include <string>

namespace parc::testing {

std::string dumpDatabase(const std::filesystem::path& file);

}  // namespace parc::testing
