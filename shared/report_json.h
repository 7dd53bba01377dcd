#pragma once
// JSON (de)serialisation of the report schema. Decoding validates types and
// required fields and names the offending one ("inventory.disks[2].size_bytes:
// expected an integer"); unknown keys are preserved in `extra`.

#include <string>
#include <string_view>

#include "shared/report.h"
#include "shared/result.h"

namespace parc {

Result<Report> decodeReport(std::string_view json_text);
std::string encodeReport(const Report& report);

// Canonical JSON (sorted keys, no spaces): what inventory_hash is computed over.
std::string encodeInventory(const Inventory& inventory);
Result<Inventory> decodeInventory(std::string_view json_text);
std::string encodeState(const State& state);
Result<State> decodeState(std::string_view json_text);
// One projector's state as encodeState writes it, with "source" added (where the
// state came from: "pjlink", "edid").
std::string encodeProjectorState(const ProjectorState& projector, std::string_view source);

// "sha256:<hex>" of encodeInventory(inventory).
std::string inventoryHash(const Inventory& inventory);

}  // namespace parc
