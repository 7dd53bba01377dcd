#pragma once
// Pages the idle agent can give back without losing anything. What the network module
// leaves behind after dlclose (libcrypto and libssl are linked with -z nodelete, OpenSSL 3
// pins itself, and p11-kit too) and the agent's own executable stay mapped; their pages
// that are exact copies of the file can be dropped with madvise(MADV_DONTNEED): the
// kernel maps them again from the page cache (or the file) when they are next used.
//
// MADV_DONTNEED on a private mapping also discards pages the process wrote (relocated
// data, a debugger's breakpoint, anything swapped out): those would silently come back
// as the file's bytes. So a mapping is released only when smaps proves, for that very
// mapping, that it holds none: private, not writable, and Anonymous, Swap,
// Private_Dirty and Shared_Dirty all present and zero. Anything unknown keeps it.

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace parc::agent {

struct Mapping {
  unsigned long start = 0;
  unsigned long end = 0;
  bool writable = false;
  bool shared = false;  // 's' in the permissions (MAP_SHARED)
  std::string path;     // empty for anonymous mappings
  unsigned long rss_kib = 0;
  unsigned long anonymous_kib = 0;  // written private pages (copies made on write)
  unsigned long swap_kib = 0;       // written pages swapped out
  unsigned long private_dirty_kib = 0;
  unsigned long shared_dirty_kib = 0;
  unsigned fields_seen = 0;  // which of the four counters above smaps gave
};

// /proc/<pid>/smaps text -> its mappings. Pure; malformed lines are skipped.
std::vector<Mapping> parseSmaps(std::string_view text);

// True when every page of the mapping is provably an unwritten copy of its file. Pure.
bool isCleanFileCopy(const Mapping& mapping);

// The files mapped in this process now.
std::set<std::string> mappedFiles();

// This process's executable, as /proc/self/maps names it; empty if unknown.
std::string ownExecutable();

// Drops the pages of every mapping of `files` that isCleanFileCopy() accepts; returns
// the KiB that were resident in them.
unsigned long releaseCleanPages(const std::set<std::string>& files);

}  // namespace parc::agent
