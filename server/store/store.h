#pragma once
// The one interface between the server and its database. SqliteStore is the
// embedded default; a PostgreSQL store implements the same interface and passes
// the same conformance suite (tests/server/store/).
//
// Every read takes the caller's Scope: rights are enforced here, where data is
// read, not in the page. A row outside the scope is indistinguishable from a row
// that does not exist.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  OptString kind, address;  // school, college, lycee, annex (server/store/park_vocabulary.h)
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

// What a retention sweep removed.
struct PruneResult {
  std::int64_t reports = 0;
  std::int64_t component_changes = 0;
};

// One change in an alert's life, in the order the store committed them. `id`
// increases across the whole store: it is the SSE event id of the live feed, so a
// subscriber resumes with Last-Event-ID without loss or duplicates.
struct AlertEvent {
  std::int64_t id = 0;
  std::string type;  // opened, updated, acknowledged, resolved, note, intervention
  std::string alert_id, device_id, site_id, collectivity_id;
  std::string rule_id, severity, state;  // state after the event: open, acknowledged, resolved
  std::string at;                        // RFC 3339
  std::string payload_json;              // the alert as GET /api/v1/alerts shows it
};

struct IngestResult {
  std::uint64_t ack = 0;
  bool send_full = false;
  bool replayed = false;  // this seq was already committed: nothing changed
  std::vector<ComponentChange> changes;
  std::vector<std::string> identity_conflicts;  // newly recorded signs of a cloned identity
  std::vector<AlertEvent> alert_events;  // committed with the report; published after commit
};

// ---- Reads ----

// Sort keys of the device list (server/store/park_vocabulary.h names them).
enum class DeviceSort { hostname, kind, status, manufacturer, model, os, last_seen_at, age, site, room };

struct DeviceFilter {
  OptString site_id, room, kind, status, q;
  OptString manufacturer, model, os;  // exact values
  OptInt age_min, age_max;            // years, against built_year
  DeviceSort sort = DeviceSort::hostname;
  bool descending = false;
  std::int64_t limit = 100;
  OptString cursor;  // opaque, from DevicePage::next_cursor; tied to the sort
  bool count_total = true;  // DevicePage::total; false leaves it 0 (export pages)
};

struct DeviceSummary {
  std::string id, site_id, site_name, collectivity_id;
  OptString room, kind, status, hostname, manufacturer, model, serial, os;
  OptString enrolled_at, last_seen_at;
  std::uint64_t last_seq = 0;
  OptInt built_year;
  std::string source = "agent";  // agent, manual, import
  std::int64_t open_alerts = 0;  // not resolved
};

struct DevicePage {
  std::vector<DeviceSummary> devices;
  OptString next_cursor;
  std::int64_t total = 0;  // devices matching the filter, every page together
};

// A whiteboard, pen or touch controller a device has had (USB), current or gone.
struct KitItem {
  std::string identity;      // vendor:product:serial
  std::string device_class;  // whiteboard, pen, touch
  std::string description;
  std::string first_seen;
  OptString removed_at;  // absent while it is plugged in
};

struct DeviceDetail {
  DeviceSummary summary;
  OptString inventory_json;  // canonical inventory JSON, as last accepted
  OptString inventory_hash;
  OptString state_json;      // the latest state
  OptString state_collected_at;
  std::vector<ComponentChange> history;  // newest first
  std::vector<KitItem> kit;              // first seen first
};

// ---- People, sessions, API tokens, audit ----

enum class Role { admin, technician, viewer };

inline std::string roleName(Role role) {
  switch (role) {
    case Role::admin: return "admin";
    case Role::technician: return "technician";
    case Role::viewer: return "viewer";
  }
  return "viewer";
}

inline std::optional<Role> parseRole(std::string_view text) {
  if (text == "admin") return Role::admin;
  if (text == "technician") return Role::technician;
  if (text == "viewer") return Role::viewer;
  return std::nullopt;
}

struct NewUser {
  std::string email;  // unique, compared case-insensitively
  Role role = Role::viewer;
  Scope scope;                // one collectivity, optionally some of its sites; never `all`
  std::string password_hash;  // encoded by server/auth/password_hash.h
  bool must_change_password = false;
};

struct User {
  std::string id, email;
  Role role = Role::viewer;
  Scope scope;
  bool must_change_password = false;
  std::string created_at;
  OptString disabled_at;
};

// What login needs: the user, disabled or not, and the stored password hash.
struct UserLogin {
  User user;
  std::string password_hash;
};

// A new session: the cookie value and the CSRF token, each returned once.
struct SessionSecrets {
  std::string session_id, csrf_token;
  TimePoint expires_at;
};

struct ActiveSession {
  User user;
  std::string csrf_token;
  TimePoint expires_at;
};

// An API token; no owner: the server admin's own (command line), scoped explicitly.
struct NewApiToken {
  Scope scope;
  std::string label;
  OptString owner_user_id;
};

struct CreatedApiToken {
  std::string id, secret;  // the secret is shown once, stored hashed
};

struct ApiTokenInfo {
  std::string id, label, created_at;
  Scope scope;
  OptString owner_user_id, owner_email, revoked_at;
};

// The holder of a valid token. `scope` is the token's scope narrowed to its owner's
// current scope, so a token never sees more than the person who made it.
struct TokenHolder {
  std::string token_id;
  Scope scope;
  std::optional<User> owner;
};

struct AuditEntry {
  std::int64_t id = 0;  // assigned by the store
  std::string at;       // RFC 3339
  std::string action;   // login, login_failed, logout, token_created, token_revoked, user_created, ...
  OptString collectivity_id;  // whose log it belongs to; none: the server admin's
  OptString actor;            // an email, "token:<id>" or "cli"
  OptString target, address, detail;
};

struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  OptString next_cursor;
};

// ---- Agent identity: enrollment tokens, revocation, duplicated identities ----

struct EnrollmentTokenInfo {
  std::string id, site_id, site_name;
  OptString room;
  std::int64_t uses = 0, max_uses = 0;
  std::string expires_at, created_at;
  OptString revoked_at;
};

struct RevokedAgent {
  std::string agent_id, device_id;
};

// A sign that two machines report with one agent identity (a cloned disk or a
// copied state directory), recorded on the device when a report shows it.
struct IdentityConflict {
  std::string agent_id;
  std::string kind;    // seq_reused, seq_backwards
  std::string detail;  // one sentence for a human
  std::string at;      // RFC 3339
};

// ---- Exports and imports ----

// A device as the inventory export shows it: its summary and a few figures read
// from its last accepted inventory (absent for a device without an agent).
struct DeviceExportRow {
  DeviceSummary summary;
  OptString cpu;            // the first processor's model
  OptInt cpu_threads;       // over every processor
  OptInt memory_bytes;      // memory.total_bytes
  OptInt disk_bytes;        // the sum of the non-removable disks
  OptString bios_date;      // YYYY-MM-DD
};

struct DeviceExportPage {
  std::vector<DeviceExportRow> rows;
  OptString next_cursor;  // same cursor as listDevices
};

// One device of an imported inventory (no agent: boards, projectors, cameras, or
// another tool's list), already validated (server/import/).
struct ImportedDevice {
  std::size_t line = 0;  // in the source file, for messages
  std::string site_id;
  OptString room;
  std::string kind;
  std::string status;  // in_service when not given
  OptString manufacturer, model, serial, hostname;
  OptInt built_year;  // the "year" column, when the file has one
};

// What an import did (or, dry, would do). An existing device matches on
// (collectivity, serial), or without serial on (site, room, kind, hostname).
struct ImportOutcome {
  std::size_t created = 0, updated = 0, unchanged = 0;
};

// ---- Alerts, interventions, school calendars ----

// An alert as people see it; one per (device, rule, key) while not resolved.
struct Alert {
  std::string id, rule_id, key, severity, state;  // state: open, acknowledged, resolved
  std::string summary, details;                   // French, from the rule
  std::string device_id, site_id, collectivity_id;
  OptString device_name, room, site_name;
  std::string opened_at, last_seen_at;  // RFC 3339
  std::int64_t count = 1;               // evaluations that found it
  OptString acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note;
};

struct AlertFilter {
  OptString site_id, room, device_id, rule_id, severity, state;
  std::int64_t limit = 100;
  OptString cursor;  // opaque, from AlertPage::next_cursor
};

struct AlertPage {
  std::vector<Alert> alerts;  // newest first
  OptString next_cursor;
};

struct AlertNote {
  std::string at, author, text;
};

struct Intervention {
  std::string id, device_id, site_id;
  OptString alert_id;
  std::string what;
  std::int64_t minutes = 0;
  std::string by, at;  // an email (or "token:<id>"), RFC 3339
};

struct AlertDetail {
  Alert alert;
  std::vector<AlertEvent> events;  // oldest first
  std::vector<AlertNote> notes;    // oldest first
  std::vector<Intervention> interventions;
};

// An intervention on an alert (its device is the alert's) or on a device.
struct NewIntervention {
  OptString alert_id, device_id;
  std::string what;
  std::int64_t minutes = 0;
  std::string by;
};

struct InterventionRecorded {
  Intervention intervention;
  std::vector<AlertEvent> events;  // "intervention" on the alert, when there is one
};

// "Tableau de suivi des interventions": one site, one month (YYYY-MM, Paris time).
struct InterventionSummary {
  std::string site_id, site_name, month;
  std::int64_t count = 0, minutes = 0;
  struct Row {
    std::string key;  // a device id or a person
    OptString label;  // hostname
    std::int64_t count = 0, minutes = 0;
  };
  std::vector<Row> by_device, by_person;
  std::vector<Intervention> interventions;  // oldest first
};

// ---- Park: devices added by hand, moves, facets, charts (sqlite_park*.cpp) ----

// A device without an agent, typed in by a person; validated by the route.
struct NewDevice {
  std::string site_id, kind;
  std::string status = "in_service";
  OptString room, manufacturer, model, serial, hostname;
  OptInt built_year;
  std::string actor;  // who, for the history
};

// What PATCH /api/v1/devices/{id} may change; absent fields stay. `clear_*` set
// the value to null.
struct DevicePatch {
  OptString status, room, site_id, kind;
  OptInt built_year;
  bool clear_room = false, clear_built_year = false;
  std::string actor;
};

struct DeviceFacets {
  std::vector<std::string> manufacturers, models, os, rooms;  // each sorted, capped
};

struct RetireSuggestion {
  DeviceSummary device;
  std::vector<std::string> reasons;  // age, faults
  std::int64_t faults_180d = 0;
};

struct SiteAges {
  std::string site_id, site_name;
  std::vector<std::int64_t> buckets;  // index = age in years, the last holds that age and more
  std::int64_t unknown = 0;
};

struct SiteOverview {
  Site site;
  std::string collectivity_name;
  std::int64_t device_count = 0, room_count = 0, open_alerts = 0, silent_devices = 0;
};

struct ParkOverview {
  std::int64_t total_devices = 0, silent_devices = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_kind, by_status, alerts_by_severity;
  std::vector<SiteOverview> sites;
};

struct RuleSetting {
  std::string collectivity_id, rule_id, name, value;
};

struct Holiday {
  std::string zone, summary;
  TimePoint starts_at, ends_at;  // [starts_at, ends_at)
};

struct SiteClosure {
  std::string id, site_id, reason;
  TimePoint starts_at, ends_at;
};

}  // namespace parc::server

// The dashboard's room, trend, weekly-alert and activity-export types; they use the
// types above.
#include "server/store/dashboard_reads.h"  // IWYU pragma: export

namespace parc::server {

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

  // People. "not_found" is the error for an unknown user or one outside the scope.
  virtual Result<User> createUser(const NewUser& user) = 0;
  // For login only: nullopt when no user has this email.
  virtual std::optional<UserLogin> findLogin(const std::string& email) = 0;
  virtual std::vector<User> listUsers(const Scope& scope) = 0;
  // Disables the user and ends its sessions; its API tokens stop working.
  virtual Result<User> disableUser(const Scope& scope, const std::string& email, TimePoint now) = 0;
  // Stores a new password hash, clears must_change_password and ends the user's
  // sessions except the one whose cookie value is `kept_session_id`. "not_found"
  // for an unknown or disabled user.
  virtual Status changePassword(const std::string& user_id, const std::string& password_hash,
                                const std::string& kept_session_id, TimePoint now) = 0;

  // Web sessions. The session id is stored hashed. useSession answers nullopt for an
  // unknown, ended or expired session, one idle longer than `idle_timeout`, or one
  // whose user is disabled; otherwise it records `now` as the last use.
  virtual Result<SessionSecrets> createSession(const std::string& user_id, TimePoint now,
                                               TimePoint expires_at) = 0;
  virtual std::optional<ActiveSession> useSession(const std::string& session_id, TimePoint now,
                                                  std::chrono::seconds idle_timeout) = 0;
  virtual Status endSession(const std::string& session_id, TimePoint now) = 0;

  // API tokens, owned by users (or by nobody, see NewApiToken).
  virtual Result<CreatedApiToken> createOwnedApiToken(const NewApiToken& token) = 0;
  // nullopt when unknown, revoked, or owned by a disabled user.
  virtual std::optional<TokenHolder> authenticateToken(const std::string& secret) = 0;
  // Tokens of the scope's collectivity; only `owner_user_id`'s when given.
  virtual std::vector<ApiTokenInfo> listApiTokens(const Scope& scope, const OptString& owner_user_id) = 0;
  virtual Result<ApiTokenInfo> revokeApiToken(const Scope& scope, const OptString& owner_user_id,
                                              const std::string& token_id, TimePoint now) = 0;

  // Audit log: appended by routes and the command line, read newest first.
  virtual Status appendAudit(const AuditEntry& entry) = 0;
  virtual Result<AuditPage> listAudit(const Scope& scope, std::int64_t limit, const OptString& cursor) = 0;

  // Enrollment tokens (the server admin's command line). `id_or_secret` is the
  // token's id or the token itself; "not_found" when neither.
  virtual std::vector<EnrollmentTokenInfo> listEnrollmentTokens(const Scope& scope) = 0;
  virtual Result<EnrollmentTokenInfo> revokeEnrollmentToken(const std::string& id_or_secret,
                                                            TimePoint now) = 0;
  // The agent (by its id or its device's) stops being accepted: its reports get 401
  // reenroll. Enrolling again with a valid token gives it a new secret.
  virtual Result<RevokedAgent> revokeAgent(const std::string& agent_or_device_id, TimePoint now) = 0;
  // The duplicated identities recorded for a device, newest first; empty outside the scope.
  virtual std::vector<IdentityConflict> identityConflicts(const Scope& scope,
                                                          const std::string& device_id) = 0;

  // Alert events after `after_id` (0: from the start), oldest first, at most `limit`;
  // only those of devices inside the scope. The live feed's catch-up read.
  virtual std::vector<AlertEvent> listAlertEvents(const Scope& scope, std::int64_t after_id,
                                                  std::size_t limit) = 0;

  // Retention: a collectivity keeps reports and component history for `months`
  // (nullopt: forever, the default); pruneHistory applies every setting at `now`.
  virtual Status setRetention(const std::string& collectivity_id, std::optional<std::int64_t> months) = 0;
  virtual Result<PruneResult> pruneHistory(TimePoint now) = 0;

  // The inventory export's read: listDevices' filters, scope and keyset cursor,
  // with the figures of each device's inventory.
  virtual Result<DeviceExportPage> listDeviceExport(const Scope& scope, const DeviceFilter& filter) = 0;
  // Creates or updates `devices` in one transaction (nothing when `dry_run`). Every
  // site must belong to `collectivity_id`.
  virtual Result<ImportOutcome> importDevices(const std::string& collectivity_id,
                                              const std::vector<ImportedDevice>& devices, bool dry_run,
                                              TimePoint now) = 0;

  // Alerts (server/alerts/). Reads and actions are scoped; "not_found" for an alert
  // outside the scope, "conflict: ..." for an action its state does not allow.
  // Each action returns the events it appended, committed, for the live feed.
  virtual Result<AlertPage> listAlerts(const Scope& scope, const AlertFilter& filter) = 0;
  virtual std::optional<AlertDetail> getAlert(const Scope& scope, const std::string& alert_id) = 0;
  virtual Result<std::vector<AlertEvent>> acknowledgeAlert(const Scope& scope, const std::string& alert_id,
                                                           const std::string& by, TimePoint now) = 0;
  virtual Result<std::vector<AlertEvent>> resolveAlert(const Scope& scope, const std::string& alert_id,
                                                       const std::string& by, const std::string& note,
                                                       TimePoint now) = 0;
  virtual Result<std::vector<AlertEvent>> addAlertNote(const Scope& scope, const std::string& alert_id,
                                                       const std::string& by, const std::string& text,
                                                       TimePoint now) = 0;
  virtual Result<InterventionRecorded> logIntervention(const Scope& scope, const NewIntervention& intervention,
                                                       TimePoint now) = 0;
  virtual Result<InterventionSummary> interventionSummary(const Scope& scope, const std::string& site_id,
                                                          const std::string& month) = 0;
  // The silence rules over every site (the periodic sweep); events committed.
  virtual Result<std::vector<AlertEvent>> sweepAlerts(TimePoint now) = 0;

  // Rule settings per collectivity, validated by server/alerts/rule_catalog.h.
  virtual Status setRuleSetting(const RuleSetting& setting) = 0;
  virtual std::vector<RuleSetting> listRuleSettings(const Scope& scope) = 0;
  // School calendars: a zone's holidays (replacing that zone's holidays inside the
  // imported span), closures per site, Wednesday afternoons off per site.
  virtual Result<std::size_t> importHolidays(const std::string& zone, const std::vector<Holiday>& holidays) = 0;
  virtual Result<SiteClosure> addClosure(const SiteClosure& closure) = 0;
  virtual Status setWednesdayAfternoonOff(const std::string& site_id, bool off) = 0;

  // Park (server/store/park.h). Writes: "not_found" for a device or site outside
  // the scope; `actor` goes into the history entries.
  virtual Status setSiteProfile(const std::string& site_id, const OptString& kind,
                                const OptString& address) = 0;
  virtual Result<DeviceSummary> createDevice(const Scope& scope, const NewDevice& device) = 0;
  virtual Result<DeviceSummary> updateDevice(const Scope& scope, const std::string& device_id,
                                             const DevicePatch& patch, TimePoint now) = 0;
  virtual Result<DeviceFacets> deviceFacets(const Scope& scope, const OptString& site_id) = 0;
  virtual Result<std::vector<RetireSuggestion>> retireSuggestions(const Scope& scope, const OptString& site_id,
                                                                  std::int64_t min_age, TimePoint now) = 0;
  virtual Result<std::vector<SiteAges>> agePyramid(const Scope& scope, const OptString& site_id,
                                                   TimePoint now) = 0;
  virtual Result<std::vector<SiteOverview>> siteOverviews(const Scope& scope, const OptString& site_id,
                                                          TimePoint now) = 0;
  virtual Result<ParkOverview> parkOverview(const Scope& scope, const OptString& site_id, TimePoint now) = 0;

  // Dashboard reads (server/store/dashboard_reads.h); "not_found" for a site or a
  // device outside the scope. roomView with no room: the site's devices without one.
  virtual Result<RoomList> listRooms(const Scope& scope, const std::string& site_id) = 0;
  virtual Result<RoomView> roomView(const Scope& scope, const std::string& site_id, const OptString& room) = 0;
  // Where a device's states come from; then each stored state collected at or after
  // `since` (RFC 3339), oldest first, handed to `visit` one at a time.
  virtual Result<StateSource> deviceStateSource(const Scope& scope, const std::string& device_id) = 0;
  virtual Status visitDeviceStates(const Scope& scope, const std::string& device_id, const std::string& since,
                                   const std::function<void(const StateSample&)>& visit) = 0;
  // Alerts opened since `since` (YYYY-MM-DD, UTC), per day and severity.
  virtual Result<std::vector<DailyAlertCount>> alertsOpenedByDay(const Scope& scope, const OptString& site_id,
                                                                 const std::string& since) = 0;
  virtual Result<InterventionPage> listInterventions(const Scope& scope, const InterventionFilter& filter) = 0;
};

}  // namespace parc::server
