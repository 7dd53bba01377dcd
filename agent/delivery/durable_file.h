#pragma once
// Small POSIX helpers for files that must survive a crash: write to a temp file,
// fsync, rename, fsync the directory. Every error names the path and the reason.

#include <filesystem>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::agent {

// Writes `bytes` to `temp_path`, fsyncs it, renames it to `final_path` (same directory)
// and fsyncs that directory. On failure the temp file is removed.
Status writeFileDurably(const std::filesystem::path& temp_path,
                        const std::filesystem::path& final_path, std::string_view bytes);

// fsync of a directory, so that renames and unlinks inside it are on disk.
Status syncDirectory(const std::filesystem::path& dir);

// The whole file, as bytes.
Result<std::string> readWholeFile(const std::filesystem::path& path);

// unlink + fsync of the parent directory. A file already gone is not an error.
Status removeDurably(const std::filesystem::path& path);

// rename + fsync of both directories (destination first).
Status moveDurably(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace parc::agent
