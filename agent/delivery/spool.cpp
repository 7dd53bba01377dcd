#include "agent/delivery/spool.h"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <system_error>
#include <utility>

#include "agent/delivery/durable_file.h"
#include "agent/delivery/spool_names.h"

namespace parc::agent {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kDroppedStateKey = "dropped_state_reports";
constexpr std::string_view kDroppedFullKey = "dropped_full_reports";

std::uint64_t parseCounter(std::string_view text, std::string_view key) {
  const std::string prefix = std::string(key) + " ";
  const std::size_t at = text.find(prefix);
  if (at == std::string_view::npos) return 0;
  std::uint64_t value = 0;
  const char* first = text.data() + at + prefix.size();
  std::from_chars(first, text.data() + text.size(), value);
  return value;
}

}  // namespace

Spool::Spool(fs::path dir, SpoolLimits limits, Logger logger, RejectedArea rejected)
    : dir_(std::move(dir)),
      limits_(limits),
      logger_(logger ? std::move(logger) : nullLogger("agent.spool")),
      rejected_(std::move(rejected)) {}

Result<Spool> Spool::open(fs::path dir, SpoolLimits limits, Logger logger) {
  if (limits.max_files == 0 || limits.max_bytes == 0) {
    return makeError("spool " + dir.string() + ": max_files and max_bytes must be positive");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return makeError("cannot create spool directory " + dir.string() + ": " + ec.message());
  auto rejected = RejectedArea::open(dir / kRejectedDirName, limits.rejected_keep);
  if (!rejected) return Error{rejected.error()};
  Spool spool(std::move(dir), limits, std::move(logger), std::move(*rejected));
  if (Status status = spool.scan(); !status) return Error{status.error()};
  spool.loadCounters();
  return spool;
}

Status Spool::scan() {
  std::error_code ec;
  std::vector<fs::directory_entry> files;
  for (const fs::directory_entry& file : fs::directory_iterator(dir_, ec)) files.push_back(file);
  if (ec) return makeError("cannot list spool directory " + dir_.string() + ": " + ec.message());
  for (const fs::directory_entry& file : files) {
    if (Status status = adopt(file); !status) return status;
  }
  return syncDirectory(dir_);
}

// One file found at open: a report, a leftover temp file, our own bookkeeping, or junk.
Status Spool::adopt(const fs::directory_entry& file) {
  const std::string name = file.path().filename().string();
  std::error_code ec;
  if (name == kRejectedDirName || name == kCountersFileName) return Status::success();
  if (name.starts_with(kTempPrefix)) {
    logger_->info("spool: deleting unfinished write {}", file.path().string());
    fs::remove(file.path(), ec);
    if (ec) return makeError("cannot remove " + file.path().string() + ": " + ec.message());
    return Status::success();
  }
  const std::optional<EntryName> parsed = parseEntryFileName(name);
  if (parsed && file.is_regular_file(ec) && !entries_.contains(parsed->seq)) {
    const std::uint64_t size = file.file_size(ec);
    if (ec) return makeError("cannot stat " + file.path().string() + ": " + ec.message());
    entries_[parsed->seq] = SpoolEntry{parsed->seq, parsed->kind, file.path(), size};
    bytes_ += size;
    return Status::success();
  }
  logger_->warn("spool: moving unexpected file {} to {}", file.path().string(),
                rejected_.dir().string());
  return rejected_.add(file.path(), "unexpected file in the spool directory");
}

Status Spool::push(std::uint64_t seq, ReportKind kind, std::string_view body) {
  if (entries_.contains(seq)) {
    return makeError("spool " + dir_.string() + ": seq " + std::to_string(seq) +
                     " is already spooled");
  }
  auto drops = planDrops(seq, kind, body.size());
  if (!drops) return Error{drops.error()};
  const std::string name = entryFileName(seq, kind);
  const fs::path path = dir_ / name;
  if (Status status = writeFileDurably(dir_ / (std::string(kTempPrefix) + name), path, body);
      !status) {
    return status;
  }
  entries_[seq] = SpoolEntry{seq, kind, path, body.size()};
  bytes_ += body.size();
  drop(*drops);
  return Status::success();
}

std::optional<std::uint64_t> Spool::newestFull(std::uint64_t seq, ReportKind kind) const {
  std::optional<std::uint64_t> newest;
  if (kind == ReportKind::kFull) newest = seq;
  for (const auto& [entry_seq, entry] : entries_) {
    if (entry.kind == ReportKind::kFull && (!newest || entry_seq > *newest)) newest = entry_seq;
  }
  return newest;
}

// Which reports to drop so that one more of `size` bytes fits: oldest state reports
// first, then older full reports, never the newest full one nor the new report itself.
Result<std::vector<std::uint64_t>> Spool::planDrops(std::uint64_t seq, ReportKind kind,
                                                    std::uint64_t size) const {
  std::size_t files = entries_.size() + 1;
  std::uint64_t bytes = bytes_ + size;
  std::vector<std::uint64_t> drops;
  const std::optional<std::uint64_t> keep_full = newestFull(seq, kind);
  for (const ReportKind victim_kind : {ReportKind::kState, ReportKind::kFull}) {
    for (const auto& [entry_seq, entry] : entries_) {
      if (files <= limits_.max_files && bytes <= limits_.max_bytes) return drops;
      if (entry.kind != victim_kind || entry_seq == keep_full) continue;
      drops.push_back(entry_seq);
      files -= 1;
      bytes -= entry.size;
    }
  }
  if (files <= limits_.max_files && bytes <= limits_.max_bytes) return drops;
  return makeError("spool " + dir_.string() + ": a report of " + std::to_string(size) +
                   " bytes does not fit within " + std::to_string(limits_.max_bytes) + " bytes / " +
                   std::to_string(limits_.max_files) + " files");
}

void Spool::drop(const std::vector<std::uint64_t>& seqs) {
  if (seqs.empty()) return;
  for (const std::uint64_t seq : seqs) {
    const SpoolEntry entry = entries_.at(seq);
    if (Status status = removeDurably(entry.path); !status) {
      logger_->error("spool: cannot drop seq {}: {}", seq, status.error());
      continue;
    }
    entries_.erase(seq);
    bytes_ -= entry.size;
    (entry.kind == ReportKind::kState ? dropped_state_ : dropped_full_) += 1;
    logger_->warn("spool full: dropped {} report seq {}", kindName(entry.kind), seq);
  }
  saveCounters();
}

std::vector<SpoolEntry> Spool::pending() const {
  std::vector<SpoolEntry> entries;
  entries.reserve(entries_.size());
  for (const auto& [seq, entry] : entries_) entries.push_back(entry);
  return entries;
}

Result<std::string> Spool::read(const SpoolEntry& entry) const { return readWholeFile(entry.path); }

Status Spool::remove(const SpoolEntry& entry) {
  const auto found = entries_.find(entry.seq);
  if (found == entries_.end()) {
    return makeError("spool " + dir_.string() + ": seq " + std::to_string(entry.seq) +
                     " is not spooled");
  }
  if (Status status = removeDurably(found->second.path); !status) return status;
  bytes_ -= found->second.size;
  entries_.erase(found);
  return Status::success();
}

Status Spool::reject(const SpoolEntry& entry, std::string_view reason) {
  const auto found = entries_.find(entry.seq);
  if (found == entries_.end()) {
    return makeError("spool " + dir_.string() + ": seq " + std::to_string(entry.seq) +
                     " is not spooled");
  }
  const Status status = rejected_.add(found->second.path, reason);
  std::error_code ec;
  if (!status && fs::exists(found->second.path, ec)) return status;  // still here: keep it
  bytes_ -= found->second.size;
  entries_.erase(found);
  return status;
}

SpoolStats Spool::stats() const {
  return SpoolStats{entries_.size(), bytes_, dropped_state_, dropped_full_};
}

std::optional<std::uint64_t> Spool::highestSeq() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.rbegin()->first;
}

// The counters are informative: an unreadable file counts from zero rather than
// keeping the spool from opening.
void Spool::loadCounters() {
  const auto text = readWholeFile(dir_ / kCountersFileName);
  if (!text) return;
  dropped_state_ = parseCounter(*text, kDroppedStateKey);
  dropped_full_ = parseCounter(*text, kDroppedFullKey);
}

void Spool::saveCounters() {
  std::ostringstream text;
  text << kDroppedStateKey << ' ' << dropped_state_ << '\n'
       << kDroppedFullKey << ' ' << dropped_full_ << '\n';
  const std::string name(kCountersFileName);
  const Status status =
      writeFileDurably(dir_ / (std::string(kTempPrefix) + name), dir_ / name, text.str());
  if (!status) logger_->error("spool: cannot save counters: {}", status.error());
}

}  // namespace parc::agent
