#pragma once
// What the agent keeps between runs, in its state directory:
//   identity.json  who it is for the server (agent id, secret, device); mode 0600
//   progress.json  next sequence number, hash of the last inventory queued, last outcome
//   spool/         reports not yet acknowledged (agent/delivery/spool.h)
//   ca.pem         the server's CA, pinned by its fingerprint at enrollment
// Both files are replaced atomically (temp file, fsync, rename), so a crash leaves
// either the old or the new version.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "shared/result.h"

namespace parc::agent {

struct Identity {
  std::string server;
  std::string agent_id;
  std::string agent_secret;
  std::string device_id;
  std::string site_id;
  std::string site_name;
  std::string ca_fingerprint;
  std::string enrolled_at;
};

struct Progress {
  std::uint64_t next_seq = 1;
  std::string inventory_hash;  // of the last full report queued; empty: none yet
  bool send_full = false;      // the server asked for a full inventory
  std::string last_success_at;
  std::string last_attempt_at;
  std::string last_error;
  std::int64_t next_report_in_s = 0;
};

class StateDir {
 public:
  explicit StateDir(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path spoolDir() const { return dir_ / "spool"; }
  // The server's CA, pinned at enrollment (agent/ca_pinning.h).
  std::filesystem::path caFile() const { return dir_ / "ca.pem"; }

  Status ensureExists() const;
  // nullopt when the agent has not enrolled yet; an error when the file is damaged.
  Result<std::optional<Identity>> loadIdentity() const;
  Status saveIdentity(const Identity& identity) const;
  // Defaults when the file does not exist yet.
  Result<Progress> loadProgress() const;
  Status saveProgress(const Progress& progress) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace parc::agent
