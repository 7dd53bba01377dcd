#pragma once
// The embedded default Store: one SQLite database file in WAL mode.
//
// Durability: an acknowledged report survives a power cut. The main connection
// commits with synchronous=FULL; the ingest connection with NORMAL, and its
// commits are made durable by syncCommitted() (one fdatasync of the WAL for the
// batches committed meanwhile, off the writer's thread: sqlite/wal_sync.h);
// ingest() syncs before it returns.
// Concurrency: two connections. Reports are written on the ingest connection
// (ingest, and ingestBatch: many reports in one transaction, fed by one writer
// thread, server/ingest/ingest_queue.h); everything else (reads, enrollment,
// admin writes, agent authentication) goes through the main connection, so reads
// never wait behind a batch (WAL lets readers run beside the writer).
//
// Errors: see server/store/store_error.h (storage_full: / storage_busy: prefixes,
// StoreFailure from the methods that cannot return an error value).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "server/store/batch_ingest.h"
#include "server/store/notification_store.h"
#include "server/store/sqlite/wal_checkpointer.h"
#include "server/store/sqlite/wal_sync.h"
#include "server/store/store.h"

namespace parc::server {

namespace sqlite {
class Connection;
class RuleSettingsCache;
}

struct SqliteOptions {
  Clock clock = systemNow;  // creation times of admin rows
  // Caps the database size in pages, as a full disk would (tests of storage_full).
  std::optional<std::int64_t> max_page_count;
};

class SqliteStore final : public Store, public BatchIngester, public NotificationStore {
 public:
  // Opens or creates the database and migrates it to the current schema. Refuses a
  // database written by a newer parc-server.
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& db_file,
                                                   const SqliteOptions& options = {});
  ~SqliteStore() override;

  Result<Collectivity> createCollectivity(const std::string& name) override;
  Result<Site> createSite(const std::string& collectivity_id, const std::string& name,
                          const OptString& zone) override;
  Result<EnrollmentToken> createEnrollmentToken(const NewEnrollmentToken& token) override;
  std::vector<Collectivity> listCollectivities(const Scope& scope) override;
  std::vector<Site> listSites(const Scope& scope) override;

  Result<std::string> createApiToken(const Scope& scope, const std::string& label) override;
  std::optional<Scope> authenticateApiToken(const std::string& secret) override;

  Result<EnrollResult> enroll(const EnrollRequest& request, TimePoint now) override;
  std::optional<AgentIdentity> authenticateAgent(const std::string& agent_secret) override;

  Result<IngestResult> ingest(const AgentIdentity& agent, const Report& report,
                              TimePoint received_at) override;
  std::vector<Result<IngestResult>> ingestBatch(std::vector<IngestItem> items) override;
  Status syncCommitted() override;

  Result<DevicePage> listDevices(const Scope& scope, const DeviceFilter& filter) override;
  std::optional<DeviceDetail> getDevice(const Scope& scope, const std::string& device_id) override;
  std::vector<std::pair<std::uint64_t, std::string>> reportLog(const Scope& scope,
                                                               const std::string& device_id) override;

  Result<User> createUser(const NewUser& user) override;
  std::optional<UserLogin> findLogin(const std::string& email) override;
  std::vector<User> listUsers(const Scope& scope) override;
  Result<User> disableUser(const Scope& scope, const std::string& email, TimePoint now) override;
  Status changePassword(const std::string& user_id, const std::string& password_hash,
                        const std::string& kept_session_id, TimePoint now) override;

  Result<SessionSecrets> createSession(const std::string& user_id, TimePoint now,
                                       TimePoint expires_at) override;
  std::optional<ActiveSession> useSession(const std::string& session_id, TimePoint now,
                                          std::chrono::seconds idle_timeout) override;
  Status endSession(const std::string& session_id, TimePoint now) override;

  Result<CreatedApiToken> createOwnedApiToken(const NewApiToken& token) override;
  std::optional<TokenHolder> authenticateToken(const std::string& secret) override;
  std::vector<ApiTokenInfo> listApiTokens(const Scope& scope, const OptString& owner_user_id) override;
  Result<ApiTokenInfo> revokeApiToken(const Scope& scope, const OptString& owner_user_id,
                                      const std::string& token_id, TimePoint now) override;

  Status appendAudit(const AuditEntry& entry) override;
  Result<AuditPage> listAudit(const Scope& scope, std::int64_t limit, const OptString& cursor) override;

  std::vector<EnrollmentTokenInfo> listEnrollmentTokens(const Scope& scope) override;
  Result<EnrollmentTokenInfo> revokeEnrollmentToken(const std::string& id_or_secret,
                                                    TimePoint now) override;
  Result<RevokedAgent> revokeAgent(const std::string& agent_or_device_id, TimePoint now) override;
  std::vector<IdentityConflict> identityConflicts(const Scope& scope,
                                                  const std::string& device_id) override;


  std::vector<AlertEvent> listAlertEvents(const Scope& scope, std::int64_t after_id,
                                          std::size_t limit) override;
  Status setRetention(const std::string& collectivity_id, std::optional<std::int64_t> months) override;
  Result<PruneResult> pruneHistory(TimePoint now) override;

  Result<DeviceExportPage> listDeviceExport(const Scope& scope, const DeviceFilter& filter) override;
  Result<ImportOutcome> importDevices(const std::string& collectivity_id,
                                      const std::vector<ImportedDevice>& devices, bool dry_run,
                                      TimePoint now) override;


  Result<AlertPage> listAlerts(const Scope& scope, const AlertFilter& filter) override;
  std::optional<AlertDetail> getAlert(const Scope& scope, const std::string& alert_id) override;
  Result<std::vector<AlertEvent>> acknowledgeAlert(const Scope& scope, const std::string& alert_id,
                                                   const std::string& by, TimePoint now) override;
  Result<std::vector<AlertEvent>> resolveAlert(const Scope& scope, const std::string& alert_id,
                                               const std::string& by, const std::string& note,
                                               TimePoint now) override;
  Result<std::vector<AlertEvent>> addAlertNote(const Scope& scope, const std::string& alert_id,
                                               const std::string& by, const std::string& text,
                                               TimePoint now) override;
  Result<InterventionRecorded> logIntervention(const Scope& scope, const NewIntervention& intervention,
                                               TimePoint now) override;
  Result<InterventionSummary> interventionSummary(const Scope& scope, const std::string& site_id,
                                                  const std::string& month) override;
  Result<std::vector<AlertEvent>> sweepAlerts(TimePoint now) override;
  Status setRuleSetting(const RuleSetting& setting) override;
  std::vector<RuleSetting> listRuleSettings(const Scope& scope) override;
  Result<std::size_t> importHolidays(const std::string& zone, const std::vector<Holiday>& holidays) override;
  Result<SiteClosure> addClosure(const SiteClosure& closure) override;
  Status setWednesdayAfternoonOff(const std::string& site_id, bool off) override;

  // Park (sqlite_park_writes.cpp, sqlite_park_reads.cpp, sqlite_device_list.cpp).
  Status setSiteProfile(const std::string& site_id, const OptString& kind,
                        const OptString& address) override;
  Result<DeviceSummary> createDevice(const Scope& scope, const NewDevice& device) override;
  Result<DeviceSummary> updateDevice(const Scope& scope, const std::string& device_id,
                                     const DevicePatch& patch, TimePoint now) override;
  Result<DeviceFacets> deviceFacets(const Scope& scope, const OptString& site_id) override;
  Result<std::vector<RetireSuggestion>> retireSuggestions(const Scope& scope, const OptString& site_id,
                                                          std::int64_t min_age, TimePoint now) override;
  Result<std::vector<SiteAges>> agePyramid(const Scope& scope, const OptString& site_id,
                                           TimePoint now) override;
  Result<std::vector<SiteOverview>> siteOverviews(const Scope& scope, const OptString& site_id,
                                                  TimePoint now) override;
  Result<ParkOverview> parkOverview(const Scope& scope, const OptString& site_id, TimePoint now) override;

  // Dashboard reads (sqlite_rooms.cpp, sqlite_trends.cpp, sqlite_activity.cpp).
  Result<RoomList> listRooms(const Scope& scope, const std::string& site_id) override;
  Result<RoomView> roomView(const Scope& scope, const std::string& site_id, const OptString& room) override;
  Result<StateSource> deviceStateSource(const Scope& scope, const std::string& device_id) override;
  Status visitDeviceStates(const Scope& scope, const std::string& device_id, const std::string& since,
                           const std::function<void(const StateSample&)>& visit) override;
  Result<std::vector<DailyAlertCount>> alertsOpenedByDay(const Scope& scope, const OptString& site_id,
                                                         const std::string& since) override;
  Result<InterventionPage> listInterventions(const Scope& scope, const InterventionFilter& filter) override;

  // Notifications (sqlite_notifications.cpp).
  Result<NotifyEndpoint> addNotifyEndpoint(const NotifyEndpoint& endpoint) override;
  std::vector<NotifyEndpoint> listNotifyEndpoints(const Scope& scope) override;
  std::int64_t notifyCursor() override;
  Status enqueueDeliveries(std::int64_t from_id, std::int64_t to_id,
                           const std::vector<NewDelivery>& deliveries) override;
  std::vector<DueDelivery> dueDeliveries(TimePoint now, std::size_t limit) override;
  std::vector<DueDelivery> dueDeliveriesFor(const std::string& endpoint_id, TimePoint now,
                                            std::size_t limit) override;
  Status setNotifyDigest(const std::string& endpoint_id, std::chrono::seconds digest) override;
  Status markSent(const std::vector<std::string>& delivery_ids, TimePoint now) override;
  Status markFailed(const std::vector<std::string>& delivery_ids, const std::string& error,
                    TimePoint retry_at, bool dead) override;
  std::vector<Delivery> listDeliveries(const Scope& scope, const OptString& state,
                                       std::size_t limit) override;

 private:
  SqliteStore(std::unique_ptr<sqlite::Connection> connection,
              std::unique_ptr<sqlite::Connection> ingest_connection, const std::filesystem::path& db_file,
              Clock clock);

  std::mutex mutex_;  // guards connection_: one statement sequence at a time
  std::unique_ptr<sqlite::Connection> connection_;
  std::mutex ingest_mutex_;  // guards ingest_connection_ (reports only)
  std::unique_ptr<sqlite::Connection> ingest_connection_;
  std::unique_ptr<sqlite::RuleSettingsCache> rule_settings_;  // the writer's; guarded by ingest_mutex_
  std::unique_ptr<sqlite::WalSync> wal_sync_;  // thread-safe by itself
  Clock clock_;
  std::unique_ptr<sqlite::WalCheckpointer> checkpointer_;  // last: stopped first
};

}  // namespace parc::server
