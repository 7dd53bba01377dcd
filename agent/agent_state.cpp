#include "agent/agent_state.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "agent/delivery/durable_file.h"

namespace parc::agent {
namespace {

using nlohmann::json;

constexpr const char* kIdentityFile = "identity.json";
constexpr const char* kProgressFile = "progress.json";

Result<std::optional<json>> loadJson(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<json>{};
  auto bytes = readWholeFile(path);
  if (!bytes) return makeError(bytes.error());
  auto parsed = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return makeError(path.string() + ": damaged (not a JSON object)");
  }
  return std::optional<json>{std::move(parsed)};
}

Status saveJson(const std::filesystem::path& path, const json& value, mode_t mode) {
  const auto temp = std::filesystem::path(path.string() + ".tmp");
  // The secret must never be readable by others, not even for an instant: the
  // temp file is created under a restrictive umask.
  const mode_t previous = ::umask(static_cast<mode_t>(~mode & 0777));
  auto status = writeFileDurably(temp, path, value.dump(2) + "\n");
  ::umask(previous);
  return status;
}

template <class T> void readField(const json& j, const char* key, T& out) {
  if (const auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

}  // namespace

Status StateDir::ensureExists() const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return makeError("cannot create state directory " + dir_.string() + ": " + ec.message());
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, ec);
  return {};
}

Result<std::optional<Identity>> StateDir::loadIdentity() const {
  auto loaded = loadJson(dir_ / kIdentityFile);
  if (!loaded) return makeError(loaded.error());
  if (!*loaded) return std::optional<Identity>{};
  const json& j = **loaded;
  Identity identity;
  try {
    readField(j, "server", identity.server);
    readField(j, "agent_id", identity.agent_id);
    readField(j, "agent_secret", identity.agent_secret);
    readField(j, "device_id", identity.device_id);
    readField(j, "site_id", identity.site_id);
    readField(j, "site_name", identity.site_name);
    readField(j, "ca_fingerprint", identity.ca_fingerprint);
    readField(j, "enrolled_at", identity.enrolled_at);
  } catch (const json::exception& e) {
    return makeError((dir_ / kIdentityFile).string() + ": damaged: " + e.what());
  }
  if (identity.agent_id.empty() || identity.agent_secret.empty() || identity.server.empty()) {
    return makeError((dir_ / kIdentityFile).string() + ": damaged: agent_id, agent_secret or server missing");
  }
  return std::optional<Identity>{identity};
}

Status StateDir::saveIdentity(const Identity& identity) const {
  const json j = {{"server", identity.server},         {"agent_id", identity.agent_id},
                  {"agent_secret", identity.agent_secret}, {"device_id", identity.device_id},
                  {"site_id", identity.site_id},       {"site_name", identity.site_name},
                  {"ca_fingerprint", identity.ca_fingerprint}, {"enrolled_at", identity.enrolled_at}};
  return saveJson(dir_ / kIdentityFile, j, 0600);
}

Result<Progress> StateDir::loadProgress() const {
  auto loaded = loadJson(dir_ / kProgressFile);
  if (!loaded) return makeError(loaded.error());
  Progress progress;
  if (!*loaded) return progress;
  const json& j = **loaded;
  try {
    readField(j, "next_seq", progress.next_seq);
    readField(j, "inventory_hash", progress.inventory_hash);
    readField(j, "send_full", progress.send_full);
    readField(j, "last_success_at", progress.last_success_at);
    readField(j, "last_attempt_at", progress.last_attempt_at);
    readField(j, "last_error", progress.last_error);
    readField(j, "next_report_in_s", progress.next_report_in_s);
  } catch (const json::exception& e) {
    return makeError((dir_ / kProgressFile).string() + ": damaged: " + e.what());
  }
  if (progress.next_seq == 0) progress.next_seq = 1;
  return progress;
}

Status StateDir::saveProgress(const Progress& progress) const {
  const json j = {{"next_seq", progress.next_seq},
                  {"inventory_hash", progress.inventory_hash},
                  {"send_full", progress.send_full},
                  {"last_success_at", progress.last_success_at},
                  {"last_attempt_at", progress.last_attempt_at},
                  {"last_error", progress.last_error},
                  {"next_report_in_s", progress.next_report_in_s}};
  return saveJson(dir_ / kProgressFile, j, 0600);
}

}  // namespace parc::agent
