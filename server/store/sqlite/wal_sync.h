#pragma once
// Makes committed WAL frames durable from a thread other than the writer's.
//
// The ingest connection commits with synchronous=NORMAL: a COMMIT writes its frames
// to the WAL file and returns without waiting for the disk. fdatasync() of that
// file, on a descriptor of our own, then makes every frame written before it
// durable; the ingest queue acknowledges a batch only after such a sync has
// completed, so the writer prepares the next batch while the disk works.
// (SQLite itself still syncs the WAL before each checkpoint, and its header when
// the file is reused, so nothing is reordered against the database file.)

#include <filesystem>
#include <mutex>
#include <sys/types.h>

#include "shared/result.h"

namespace parc::server::sqlite {

class WalSync {
 public:
  explicit WalSync(std::filesystem::path db_file);
  ~WalSync();
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  // fdatasync() of the WAL file; reopens it first if it is not the file open here
  // (SQLite recreated it). Thread-safe.
  Status sync();

 private:
  Status reopenIfReplaced();  // under mutex_

  const std::filesystem::path wal_file_;
  std::mutex mutex_;  // guards fd_ and inode_
  int fd_ = -1;
  ino_t inode_ = 0;
};

}  // namespace parc::server::sqlite
