#pragma once
// The one interface between the server and its database. SqliteStore is the
// embedded default; a PostgreSQL store implements the same interface and passes
// the same conformance suite (tests/server/store/).
//
// Every read takes the caller's Scope: rights are enforced here, where data is
// read, not in the page. A row outside the scope is indistinguishable from a row
// that does not exist.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/report.h"
#include "shared/result.h"
#include "shared/time.h"

namespace parc::server {

// ---- Park model ----

struct Collectivity {
  std::string id, name;
};

struct Site {
  std::string id, collectivity_id, name;
  OptString zone;  // French school holiday zone: A, B or C
};

// What a caller may see. `all` is the server admin's own view (command line).
struct Scope {
  bool all = false;
  OptString collectivity_id;
  std::vector<std::string> site_ids;  // empty: every site of the collectivity

  static Scope everything() {
    Scope scope;
    scope.all = true;
    return scope;
  }
  static Scope collectivity(std::string id) {
    Scope scope;
    scope.collectivity_id = std::move(id);
    return scope;
  }
};

struct NewEnrollmentToken {
  std::string site_id;
  OptString room;
  std::int64_t max_uses = 1;
  TimePoint expires_at;
};

struct EnrollmentToken {
  std::string id;
  std::string secret;  // shown once, stored hashed
};

// ---- Enrollment ----

struct MachineIdentity {
  OptString uuid, serial, hostname;
  std::vector<std::string> macs;
};

struct EnrollRequest {
  std::string token;
  MachineIdentity machine;
  OptString agent_version;
};

struct EnrollResult {
  bool new_device = false;
  std::string agent_id, agent_secret, device_id;
  Site site;
};

// The error text of a refused enrollment (unknown, expired, revoked or used-up
// token: one answer for all four, so a token cannot be probed).
inline constexpr const char* kInvalidToken = "invalid_token";

// An authenticated agent, as the reports route needs it.
struct AgentIdentity {
  std::string agent_id, device_id, site_id, collectivity_id;
};

// ---- Ingest ----

struct ComponentChange {
  std::string component;  // disk, memory, cpu, network, battery, usb, display, system
  std::string change;     // added, removed, replaced
  std::string key;        // slot or name: "sda", "DIMM A1", "eth0"
  OptString before, after;  // short descriptions ("Samsung SSD 860 EVO 500GB #S3Z...")
  std::string at;           // RFC 3339
};

struct IngestResult {
  std::uint64_t ack = 0;
  bool send_full = false;
  bool replayed = false;  // this seq was already committed: nothing changed
  std::vector<ComponentChange> changes;
};

// ---- Reads ----

struct DeviceFilter {
  OptString site_id, room, kind, status, q;
  std::int64_t limit = 100;
  OptString cursor;  // opaque, from DevicePage::next_cursor
};

struct DeviceSummary {
  std::string id, site_id, site_name, collectivity_id;
  OptString room, kind, status, hostname, manufacturer, model, serial, os;
  OptString enrolled_at, last_seen_at;
  std::uint64_t last_seq = 0;
};

struct DevicePage {
  std::vector<DeviceSummary> devices;
  OptString next_cursor;
};

struct DeviceDetail {
  DeviceSummary summary;
  OptString inventory_json;  // canonical inventory JSON, as last accepted
  OptString inventory_hash;
  OptString state_json;      // the latest state
  OptString state_collected_at;
  std::vector<ComponentChange> history;  // newest first
};

class Store {
 public:
  virtual ~Store() = default;

  // Admin.
  virtual Result<Collectivity> createCollectivity(const std::string& name) = 0;
  virtual Result<Site> createSite(const std::string& collectivity_id, const std::string& name,
                                  const OptString& zone) = 0;
  virtual Result<EnrollmentToken> createEnrollmentToken(const NewEnrollmentToken& token) = 0;
  virtual std::vector<Collectivity> listCollectivities(const Scope& scope) = 0;
  virtual std::vector<Site> listSites(const Scope& scope) = 0;

  // API tokens for scripts, each carrying its scope (a collectivity, or everything).
  // The secret is returned once and stored hashed.
  virtual Result<std::string> createApiToken(const Scope& scope, const std::string& label) = 0;
  // nullopt when unknown or revoked.
  virtual std::optional<Scope> authenticateApiToken(const std::string& secret) = 0;

  // Agents. enroll() consumes one use of the token; re-enrolling a machine the
  // store already knows (same hardware identity) returns the same device and agent
  // with a new secret.
  virtual Result<EnrollResult> enroll(const EnrollRequest& request, TimePoint now) = 0;
  virtual std::optional<AgentIdentity> authenticateAgent(const std::string& agent_secret) = 0;

  // Commits the report in one transaction and returns only once it is durable.
  // Replaying a committed (agent, seq) returns the same answer and changes nothing.
  virtual Result<IngestResult> ingest(const AgentIdentity& agent, const Report& report,
                                      TimePoint received_at) = 0;

  // Reads, scoped.
  virtual Result<DevicePage> listDevices(const Scope& scope, const DeviceFilter& filter) = 0;
  virtual std::optional<DeviceDetail> getDevice(const Scope& scope, const std::string& device_id) = 0;
  // The reports stored for a device, oldest first (seq, kind): for tests and history.
  virtual std::vector<std::pair<std::uint64_t, std::string>> reportLog(const Scope& scope,
                                                                       const std::string& device_id) = 0;
};

}  // namespace parc::server
