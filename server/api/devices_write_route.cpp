// POST /api/v1/devices (a device without an agent) and PATCH /api/v1/devices/{id}
// (status, room, site, kind, built_year), for technicians and admins. Bodies are
// checked field by field before the store sees them; both are audited.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "server/api/device_json.h"
#include "server/api/park_routes.h"
#include "server/api/people_json.h"
#include "server/auth/audit.h"
#include "server/auth/authenticate.h"
#include "server/store/built_year.h"
#include "server/store/park_vocabulary.h"
#include "server/store/store_error.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBodyBytes = 16 * 1024;
constexpr std::size_t kMaxFieldBytes = 200;

constexpr std::string_view kCreateFields[] = {"site",  "room",   "kind",     "status",    "manufacturer",
                                              "model", "serial", "hostname", "built_year"};
constexpr std::string_view kPatchFields[] = {"status", "room", "site", "kind", "built_year"};

template <std::size_t N>
Status onlyKnownFields(const json& body, const std::string_view (&known)[N]) {
  for (const auto& [key, value] : body.items()) {
    if (std::find(std::begin(known), std::end(known), key) == std::end(known)) {
      return makeError("unknown field \"" + key.substr(0, 40) + "\"");
    }
  }
  return {};
}

Result<json> parseBody(const HttpRequest& request) {
  if (request.body.size() > kMaxBodyBytes) return makeError("body: at most 16 KiB");
  auto parsed = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return makeError("body: expected a JSON object");
  return parsed;
}

// A short string or nothing (absent, null or ""); any other type is an error.
Result<OptString> optionalText(const json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return OptString();
  if (!it->is_string()) return makeError(std::string(key) + ": expected a string");
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > kMaxFieldBytes) return makeError(std::string(key) + ": at most 200 bytes");
  // Control bytes (NUL, line breaks, escapes) would reach CSV cells, logs and the page.
  const auto control = [](unsigned char c) { return c < 0x20 || c == 0x7f; };
  if (std::any_of(text.begin(), text.end(), control)) {
    return makeError(std::string(key) + ": control characters are not allowed");
  }
  if (text.find_first_not_of(" \t") == std::string::npos) return OptString();
  return OptString(text);
}

Result<OptInt> optionalYear(const json& body) {
  const auto it = body.find("built_year");
  if (it == body.end() || it->is_null()) return OptInt();
  if (!it->is_number_integer()) return makeError("built_year: expected a whole number");
  const auto year = it->get<std::int64_t>();
  if (year < kEarliestBuiltYear || year > kLatestBuiltYear) {
    return makeError("built_year: expected a year from 1980 to 2100");
  }
  return OptInt(year);
}

Status checkVocabulary(const OptString& kind, const OptString& status) {
  if (kind && !isDeviceKind(*kind)) return makeError("kind: unknown kind \"" + kind->substr(0, 40) + "\"");
  if (status && !isDeviceStatus(*status)) return makeError("status: unknown status \"" + status->substr(0, 40) + "\"");
  return {};
}

Result<NewDevice> readNewDevice(const json& body) {
  if (auto known = onlyKnownFields(body, kCreateFields); !known) return makeError(known.error());
  NewDevice device;
  std::pair<const char*, OptString*> texts[] = {{"room", &device.room},       {"manufacturer", &device.manufacturer},
                                                {"model", &device.model},     {"serial", &device.serial},
                                                {"hostname", &device.hostname}};
  for (auto& [key, target] : texts) {
    auto value = optionalText(body, key);
    if (!value) return makeError(value.error());
    *target = *value;
  }
  auto site = optionalText(body, "site");
  auto kind = optionalText(body, "kind");
  auto status = optionalText(body, "status");
  auto year = optionalYear(body);
  if (!site) return makeError(site.error());
  if (!kind) return makeError(kind.error());
  if (!status) return makeError(status.error());
  if (!year) return makeError(year.error());
  if (!*site) return makeError("site: required");
  if (!*kind) return makeError("kind: required");
  if (auto checked = checkVocabulary(*kind, *status); !checked) return makeError(checked.error());
  device.site_id = **site;
  device.kind = **kind;
  device.status = status->value_or("in_service");
  device.built_year = *year;
  return device;
}

Result<DevicePatch> readPatch(const json& body) {
  if (auto known = onlyKnownFields(body, kPatchFields); !known) return makeError(known.error());
  if (body.empty()) return makeError("body: nothing to change");
  DevicePatch patch;
  auto status = optionalText(body, "status");
  auto kind = optionalText(body, "kind");
  auto site = optionalText(body, "site");
  auto room = optionalText(body, "room");
  auto year = optionalYear(body);
  if (!status) return makeError(status.error());
  if (!kind) return makeError(kind.error());
  if (!site) return makeError(site.error());
  if (!room) return makeError(room.error());
  if (!year) return makeError(year.error());
  const std::pair<const char*, const OptString*> required[] = {{"status", &*status}, {"kind", &*kind}, {"site", &*site}};
  for (const auto& [key, value] : required) {
    if (body.contains(key) && !*value) return makeError(std::string(key) + ": cannot be empty");
  }
  if (auto checked = checkVocabulary(*kind, *status); !checked) return makeError(checked.error());
  patch.status = *status;
  patch.kind = *kind;
  patch.site_id = *site;
  patch.room = *room;
  patch.clear_room = body.contains("room") && !*room;
  patch.built_year = *year;
  patch.clear_built_year = body.contains("built_year") && !*year;
  return patch;
}

std::variant<auth::Principal, HttpResponse> operatorOf(const ApiContext& ctx, const HttpRequest& request) {
  auto authenticated = auth::authenticatePerson(ctx, request);
  if (!authenticated.principal) return authenticated.refusal;
  if (!auth::allowed(*authenticated.principal, auth::Action::operate)) {
    return auth::forbidden("changing devices is for technicians and admins");
  }
  return std::move(*authenticated.principal);
}

HttpResponse storeRefusal(const std::string& error) {
  if (error == "not_found") return jsonError(404, "not_found", "no such device");
  if (error == "not_found: site") return jsonError(404, "not_found", "no such site");
  if (isStorageUnavailable(error)) {
    auto response = jsonError(503, "unavailable", "the store is busy; try again");
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  return jsonError(500, "internal", "the device could not be saved");
}

std::string patchDetail(const DevicePatch& patch) {
  std::string detail;
  const auto add = [&](const char* key, const OptString& value) {
    if (value) detail += std::string(detail.empty() ? "" : " ") + key + "=" + value->substr(0, 80);
  };
  add("status", patch.status);
  add("kind", patch.kind);
  add("site", patch.site_id);
  add("room", patch.room);
  if (patch.clear_room) detail += " room=null";
  if (patch.built_year) detail += " built_year=" + std::to_string(*patch.built_year);
  if (patch.clear_built_year) detail += " built_year=null";
  return detail;
}

}  // namespace

HttpResponse createDeviceRoute(const ApiContext& ctx, const HttpRequest& request) {
  auto who = operatorOf(ctx, request);
  if (auto* refusal = std::get_if<HttpResponse>(&who)) return std::move(*refusal);
  const auto& principal = std::get<auth::Principal>(who);
  const auto body = parseBody(request);
  if (!body) return jsonError(400, "invalid_request", body.error());
  auto device = readNewDevice(*body);
  if (!device) return jsonError(400, "invalid_request", device.error());
  device->actor = principal.actor;
  const auto created = ctx.store.createDevice(principal.scope, *device);
  if (!created) return storeRefusal(created.error() == "not_found" ? "not_found: site" : created.error());
  auth::recordAudit(ctx, request, principal,
                    {"device_created", created->id, "kind=" + device->kind + " site=" + device->site_id});
  return jsonBody(201, deviceSummaryJson(*created, currentYear(ctx.clock())));
}

HttpResponse updateDeviceRoute(const ApiContext& ctx, const HttpRequest& request, const std::string& device_id) {
  auto who = operatorOf(ctx, request);
  if (auto* refusal = std::get_if<HttpResponse>(&who)) return std::move(*refusal);
  const auto& principal = std::get<auth::Principal>(who);
  const auto body = parseBody(request);
  if (!body) return jsonError(400, "invalid_request", body.error());
  auto patch = readPatch(*body);
  if (!patch) return jsonError(400, "invalid_request", patch.error());
  patch->actor = principal.actor;
  const TimePoint now = ctx.clock();
  const auto updated = ctx.store.updateDevice(principal.scope, device_id, *patch, now);
  if (!updated) return storeRefusal(updated.error());
  auth::recordAudit(ctx, request, principal, {"device_updated", device_id, patchDetail(*patch)});
  return jsonBody(200, deviceSummaryJson(*updated, currentYear(now)));
}

}  // namespace parc::server
