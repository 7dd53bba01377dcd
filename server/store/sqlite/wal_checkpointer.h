#pragma once
// Moves WAL checkpoints off the ingest writer. With SQLite's automatic checkpoint
// (every 1000 WAL pages) the committing thread copies the WAL back into the
// database and fsyncs it inside a commit: with group commit that is the one
// writer, and every batch waits. Here a thread of its own, on its own connection,
// runs PASSIVE checkpoints (they never block the writer) a short while after
// commits. The writer keeps a far higher automatic threshold as a safety net, for
// a checkpointer that cannot keep up.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace parc::server::sqlite {

class Connection;

class WalCheckpointer {
 public:
  explicit WalCheckpointer(std::unique_ptr<Connection> connection,
                           std::chrono::milliseconds period = std::chrono::milliseconds(200));
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // A commit happened: checkpoint within the period.
  void nudge();

 private:
  void loop();

  std::unique_ptr<Connection> connection_;
  const std::chrono::milliseconds period_;
  std::mutex mutex_;  // guards the two flags
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is built
};

}  // namespace parc::server::sqlite
