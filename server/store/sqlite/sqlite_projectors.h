#pragma once
// Projectors and classroom kit, inside the ingest transaction.
//
// Each projector a PC reports becomes a device of its own (kind "projector") in the
// site and room of the PC that polls it. Its identity: (collectivity, serial) when
// PJLink gives a serial; else (polling device, address); for a projector known only
// from the PC's EDID (displays[].kind == "projector"), (polling device, EDID
// manufacturer + product code + serial). Its latest state is kept beside the link.
//
// Kit: the whiteboard, pen and touch controllers (USB) a device has had, with the
// time each was first seen and, once gone, removed.

#include <string>
#include <vector>

#include "server/store/store.h"
#include "shared/report.h"

namespace parc::server::sqlite {

class Connection;

// From a full report: creates or updates the projector devices and the kit.
void linkProjectors(Connection& db, const std::string& polling_device, const Inventory& inventory,
                    const std::string& at);
void syncKit(Connection& db, const std::string& device_id, const Inventory& inventory,
             const std::string& at);
// From every report: the latest state of each polled projector. An unchanged state
// costs one UPDATE of its time (and the projector's last_seen_at when reachable).
// `encoded_states`, when given, is projectorStateJson() of each state.projectors[i],
// computed before the writer (PreparedReport).
void storeProjectorStates(Connection& db, const std::string& polling_device, const State& state,
                          const std::string& at, const std::vector<std::string>* encoded_states = nullptr);
// A polled projector's state as stored beside its link (JSON, with "source").
std::string projectorStateJson(const ProjectorState& projector);

// Reads. The state of a projector device (nullopt for other devices) and its time.
std::optional<std::pair<std::string, std::string>> readProjectorState(Connection& db,
                                                                       const std::string& device_id);
std::vector<KitItem> readKit(Connection& db, const std::string& device_id);

}  // namespace parc::server::sqlite
