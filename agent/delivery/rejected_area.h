#pragma once
// <spool>/rejected/: reports the server refused and files the spool could not make
// sense of. Kept for a person to inspect, never sent again, bounded to the last few.
// Each one is "<number>-<original name>", numbered in the order it arrived, with an
// optional "<...>.reason" text file beside it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "shared/result.h"

namespace parc::agent {

class RejectedArea {
 public:
  // Creates the directory if needed, deletes unfinished writes, trims to `keep`.
  static Result<RejectedArea> open(std::filesystem::path dir, std::size_t keep);

  // Moves `file` in (atomically: it is either still where it was or here), writes
  // `reason` beside it, then trims to the last `keep`.
  Status add(const std::filesystem::path& file, std::string_view reason);

  const std::filesystem::path& dir() const { return dir_; }
  std::size_t count() const;

 private:
  RejectedArea(std::filesystem::path dir, std::size_t keep) : dir_(std::move(dir)), keep_(keep) {}
  Status trim();

  std::filesystem::path dir_;
  std::size_t keep_ = 0;
  std::uint64_t next_number_ = 1;
};

}  // namespace parc::agent
