#pragma once
// Where SqliteError stops: every public SqliteStore method runs its body through
// one of these, so the exception never leaves the store.

#include <exception>
#include <stdexcept>
#include <string>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store_error.h"
#include "shared/result.h"

namespace parc::server::sqlite {

inline std::string describe(const SqliteError& error) {
  std::string prefix;
  if (error.isFull()) prefix = kStorageFullPrefix;
  if (error.isBusy()) prefix = kStorageBusyPrefix;
  return prefix + error.what();
}

// For bodies returning Result<T>: a database failure becomes the error value.
template <class Body>
auto guardResult(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SqliteError& error) {
    return makeError(describe(error));
  }
}

// For bodies returning a plain value: a database failure becomes StoreFailure.
template <class Body>
auto guardValue(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SqliteError& error) {
    throw StoreFailure(describe(error));
  }
}

}  // namespace parc::server::sqlite
