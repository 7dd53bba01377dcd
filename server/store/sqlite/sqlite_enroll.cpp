// SqliteStore::enroll: token check, hardware identity matching, agent credentials.
#include <vector>

#include "server/store/hardware_identity.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_device_lookup.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr std::size_t kAgentSecretBytes = 32;

struct TokenRow {
  std::string id;
  OptString room;
  Site site;
};

// The token, if it can still be used at `now`.
std::optional<TokenRow> usableToken(Connection& db, const std::string& secret, const std::string& now) {
  Statement query = db.prepare(
      "SELECT t.id, t.room, s.id, s.collectivity_id, s.name, s.zone FROM enrollment_tokens t "
      "JOIN sites s ON s.id = t.site_id WHERE t.token_hash = ? AND t.revoked_at IS NULL "
      "AND t.uses < t.max_uses AND t.expires_at > ?",
      "find enrollment token");
  query.bind(1, sha256Hex(secret)).bind(2, now);
  if (!query.step()) return std::nullopt;
  return TokenRow{query.text(0), query.optText(1),
                  Site{query.text(2), query.text(3), query.text(4), query.optText(5)}};
}

void consumeToken(Connection& db, const std::string& token_id) {
  db.prepare("UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = ?", "consume enrollment token")
      .bind(1, token_id)
      .run();
}

std::vector<std::string> usableMacs(const std::vector<std::string>& macs) {
  std::vector<std::string> out;
  for (const std::string& mac : macs) {
    if (auto normal = normalizeMac(mac)) out.push_back(*normal);
  }
  return out;
}

std::optional<std::string> firstDevice(Statement& query) {
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

// The device of this collectivity with the same hardware: UUID, else serial, else
// any shared MAC. Placeholders never match.
std::optional<std::string> findDevice(Connection& db, const std::string& collectivity_id,
                                      const MachineIdentity& machine) {
  if (auto uuid = machine.uuid ? usableUuid(*machine.uuid) : std::nullopt) {
    Statement query = db.prepare(sqlite::kDeviceByUuid, "find device by uuid");
    query.bind(1, *uuid).bind(2, collectivity_id);
    if (auto found = firstDevice(query)) return found;
  }
  if (auto serial = machine.serial ? usableSerial(*machine.serial) : std::nullopt) {
    Statement query = db.prepare(sqlite::kDeviceBySerial, "find device by serial");
    query.bind(1, *serial).bind(2, collectivity_id);
    if (auto found = firstDevice(query)) return found;
  }
  for (const std::string& mac : usableMacs(machine.macs)) {
    Statement query = db.prepare(sqlite::kDeviceByMac, "find device by mac");
    query.bind(1, mac).bind(2, collectivity_id);
    if (auto found = firstDevice(query)) return found;
  }
  return std::nullopt;
}

void rememberMacs(Connection& db, const std::string& device_id, const std::vector<std::string>& macs) {
  for (const std::string& mac : usableMacs(macs)) {
    db.prepare("INSERT OR IGNORE INTO device_macs (device_id, mac) VALUES (?, ?)", "insert device mac")
        .bind(1, device_id)
        .bind(2, mac)
        .run();
  }
}

OptString trimmedSerial(const OptString& serial) {
  if (!serial) return std::nullopt;
  return usableSerial(*serial).value_or(*serial);
}

std::string insertDevice(Connection& db, const TokenRow& token, const MachineIdentity& machine,
                         const std::string& now) {
  const std::string id = newId();
  db.prepare("INSERT INTO devices (id, site_id, room, hostname, serial, uuid, enrolled_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
             "insert device")
      .bind(1, id)
      .bind(2, token.site.id)
      .bind(3, token.room)
      .bind(4, machine.hostname)
      .bind(5, trimmedSerial(machine.serial))
      .bind(6, machine.uuid)
      .bind(7, now)
      .run();
  return id;
}

// The site comes from the token: a machine enrolled with another school's token has
// moved there. The room follows the token when it names one, and is dropped when
// the site changes without one.
void moveDevice(Connection& db, const std::string& device_id, const TokenRow& token,
                const MachineIdentity& machine) {
  db.prepare("UPDATE devices SET room = CASE WHEN ? IS NOT NULL THEN ? WHEN site_id = ? THEN room END, "
             "site_id = ?, hostname = COALESCE(?, hostname), last_seq = 0 WHERE id = ?",
             "update re-enrolled device")
      .bind(1, token.room)
      .bind(2, token.room)
      .bind(3, token.site.id)
      .bind(4, token.site.id)
      .bind(5, machine.hostname)
      .bind(6, device_id)
      .run();
}

// The device's agent with a new secret (the old one stops working), or a new agent.
// A new enrollment starts a new sequence space: a reinstalled agent counts from 1.
std::string issueAgent(Connection& db, const std::string& device_id, const std::string& secret_hash,
                       const OptString& version, const std::string& now) {
  Statement existing = db.prepare("SELECT id FROM agents WHERE device_id = ?", "find agent");
  existing.bind(1, device_id);
  if (existing.step()) {
    const std::string agent_id = existing.text(0);
    db.prepare("UPDATE agents SET secret_hash = ?, version = ?, revoked_at = NULL, "
               "enrollment = enrollment + 1 WHERE id = ?",
               "renew agent secret")
        .bind(1, secret_hash)
        .bind(2, version)
        .bind(3, agent_id)
        .run();
    return agent_id;
  }
  const std::string agent_id = newId();
  db.prepare("INSERT INTO agents (id, device_id, secret_hash, version, created_at) VALUES (?, ?, ?, ?, ?)",
             "insert agent")
      .bind(1, agent_id)
      .bind(2, device_id)
      .bind(3, secret_hash)
      .bind(4, version)
      .bind(5, now)
      .run();
  return agent_id;
}

}  // namespace

Result<EnrollResult> SqliteStore::enroll(const EnrollRequest& request, TimePoint now) {
  const std::string now_text = formatRfc3339(now);
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<EnrollResult> {
    Connection& db = *connection_;
    sqlite::Transaction transaction(db);
    const auto token = usableToken(db, request.token, now_text);
    if (!token) return makeError(kInvalidToken);
    consumeToken(db, token->id);

    EnrollResult result;
    result.site = token->site;
    const auto existing = findDevice(db, token->site.collectivity_id, request.machine);
    result.new_device = !existing;
    if (existing) {
      result.device_id = *existing;
      moveDevice(db, result.device_id, *token, request.machine);
    } else {
      result.device_id = insertDevice(db, *token, request.machine, now_text);
    }
    rememberMacs(db, result.device_id, request.machine.macs);
    result.agent_secret = randomHex(kAgentSecretBytes);
    result.agent_id = issueAgent(db, result.device_id, sha256Hex(result.agent_secret),
                                 request.agent_version, now_text);
    transaction.commit();
    return result;
  });
}

}  // namespace parc::server
