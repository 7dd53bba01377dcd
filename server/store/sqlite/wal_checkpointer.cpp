#include "server/store/sqlite/wal_checkpointer.h"

#include "server/store/sqlite/sqlite_db.h"

namespace parc::server::sqlite {

WalCheckpointer::WalCheckpointer(std::unique_ptr<Connection> connection, std::chrono::milliseconds period)
    : connection_(std::move(connection)), period_(period) {
  thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WalCheckpointer::nudge() {
  std::lock_guard lock(mutex_);
  pending_ = true;
}

void WalCheckpointer::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, period_, [this] { return stopping_; });
    if (stopping_ || !pending_) continue;
    pending_ = false;
    lock.unlock();
    try {
      connection_->queryText("PRAGMA wal_checkpoint(PASSIVE)", "checkpoint");
    } catch (const SqliteError&) {
      // Busy or full: the next nudge tries again; the writer's own threshold is the net.
    }
    lock.lock();
  }
}

}  // namespace parc::server::sqlite
