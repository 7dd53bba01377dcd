#pragma once
// One import, as the command line and the API run it: check the file, then apply
// it in one transaction. All or nothing: a file with any rejected line imports
// nothing (the store is still asked, in a dry run, what the rest would do).

#include <string>
#include <string_view>

#include "server/import/import_plan.h"
#include "server/store/store.h"

namespace parc::server::imports {

struct ImportReport {
  ImportPlan plan;
  ImportOutcome outcome;  // what was done, or would be done
  bool dry_run = false;
  bool applied = false;   // committed
};

// Errors: an unknown collectivity, or the store's failure.
Result<ImportReport> runImport(Store& store, const std::string& collectivity_id, std::string_view text,
                               bool dry_run, TimePoint now);

}  // namespace parc::server::imports
