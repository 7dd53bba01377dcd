#pragma once
// How a Store says that the database, not the request, is the problem. Store
// methods returning Result<T> put one of these prefixes at the start of the error
// text; the HTTP layer maps both to 503 with Retry-After. Any other error text is
// a refusal of the request itself (unknown site, invalid token, ...).
//
// Methods that return a plain value or std::optional (reads, authenticateAgent)
// cannot carry an error: they throw StoreFailure instead, so a broken database
// is never mistaken for "not found" or "unknown agent".

#include <stdexcept>
#include <string>
#include <string_view>

namespace parc::server {

// The disk or the database is full (SQLITE_FULL; ENOSPC while writing).
inline constexpr std::string_view kStorageFullPrefix = "storage_full: ";
// The database stayed locked longer than the busy timeout.
inline constexpr std::string_view kStorageBusyPrefix = "storage_busy: ";

inline bool isStorageFull(std::string_view error) { return error.starts_with(kStorageFullPrefix); }
inline bool isStorageBusy(std::string_view error) { return error.starts_with(kStorageBusyPrefix); }
// The agent is unknown or revoked (found at ingest time, e.g. revoked by another
// process since it authenticated): the caller answers 401 with reenroll.
inline constexpr std::string_view kUnknownAgentPrefix = "unknown_agent: ";
inline bool isUnknownAgent(std::string_view error) { return error.starts_with(kUnknownAgentPrefix); }

// True when the caller should answer 503 and let the client retry later.
inline bool isStorageUnavailable(std::string_view error) {
  return isStorageFull(error) || isStorageBusy(error);
}

class StoreFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace parc::server
