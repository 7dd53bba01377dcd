#include "agent/delivery/rejected_area.h"

#include <algorithm>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "agent/delivery/durable_file.h"
#include "agent/delivery/spool_names.h"

namespace parc::agent {
namespace fs = std::filesystem;
namespace {

// The moved files (not their .reason notes), by number.
std::map<std::uint64_t, std::string> listRejected(const fs::path& dir, std::error_code& ec) {
  std::map<std::uint64_t, std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto number = parseNumberPrefix(name);
    if (number && !name.ends_with(kReasonSuffix)) files.emplace(*number, name);
  }
  return files;
}

}  // namespace

Result<RejectedArea> RejectedArea::open(fs::path dir, std::size_t keep) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return makeError("cannot create " + dir.string() + ": " + ec.message());
  RejectedArea area(std::move(dir), keep);
  for (const fs::directory_entry& entry : fs::directory_iterator(area.dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kTempPrefix)) fs::remove(entry.path(), ec);
    if (const auto number = parseNumberPrefix(name)) {
      area.next_number_ = std::max(area.next_number_, *number + 1);
    }
  }
  if (ec) return makeError("cannot list " + area.dir_.string() + ": " + ec.message());
  if (Status status = area.trim(); !status) return Error{status.error()};
  return area;
}

Status RejectedArea::add(const fs::path& file, std::string_view reason) {
  const std::string name = numberedName(next_number_++, file.filename().string());
  const fs::path target = dir_ / name;
  // The note first: a crash between the two leaves a note without a report, never
  // a report both here and in the spool.
  const std::string note_name = name + std::string(kReasonSuffix);
  Status note = writeFileDurably(dir_ / (std::string(kTempPrefix) + note_name), dir_ / note_name,
                                 std::string(reason) + "\n");
  if (Status moved = moveDurably(file, target); !moved) return moved;
  if (Status trimmed = trim(); !trimmed) return trimmed;
  return note;
}

std::size_t RejectedArea::count() const {
  std::error_code ec;
  return listRejected(dir_, ec).size();
}

Status RejectedArea::trim() {
  std::error_code ec;
  std::map<std::uint64_t, std::string> files = listRejected(dir_, ec);
  if (ec) return makeError("cannot list " + dir_.string() + ": " + ec.message());
  while (files.size() > keep_) {
    const std::string& oldest = files.begin()->second;
    fs::remove(dir_ / oldest, ec);
    if (!ec) fs::remove(dir_ / (oldest + std::string(kReasonSuffix)), ec);
    if (ec) return makeError("cannot remove " + (dir_ / oldest).string() + ": " + ec.message());
    files.erase(files.begin());
  }
  // Notes whose report was trimmed or never arrived (crash between the two steps).
  for (const fs::directory_entry& entry : fs::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(kReasonSuffix)) continue;
    const auto number = parseNumberPrefix(name);
    if (number && !files.contains(*number)) fs::remove(entry.path(), ec);
  }
  return Status::success();
}

}  // namespace parc::agent
