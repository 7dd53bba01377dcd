// POST /api/v1/enroll: an enrollment token and the machine's identity in, an
// agent id and secret out. The site comes from the token, never from the body.

#include <nlohmann/json.hpp>

#include "server/api/api.h"
#include "shared/strict_json.h"

namespace parc::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxStringLength = 256;
constexpr std::size_t kMaxMacs = 64;

struct BadField {
  std::string detail;
};

OptString optionalString(const json& object, const char* key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw BadField{path + key + ": expected a string"};
  const auto& value = it->get_ref<const std::string&>();
  if (value.size() > kMaxStringLength) throw BadField{path + key + ": longer than 256 characters"};
  return value;
}

EnrollRequest readEnrollRequest(const json& body) {
  if (!body.is_object()) throw BadField{"expected a JSON object"};
  EnrollRequest request;
  auto token = optionalString(body, "token", "");
  if (!token || token->empty()) throw BadField{"token: is required"};
  request.token = *token;

  const auto machine = body.find("machine");
  if (machine == body.end() || !machine->is_object()) throw BadField{"machine: expected an object"};
  request.machine.uuid = optionalString(*machine, "uuid", "machine.");
  request.machine.serial = optionalString(*machine, "serial", "machine.");
  request.machine.hostname = optionalString(*machine, "hostname", "machine.");
  if (const auto macs = machine->find("macs"); macs != machine->end() && !macs->is_null()) {
    if (!macs->is_array()) throw BadField{"machine.macs: expected an array"};
    if (macs->size() > kMaxMacs) throw BadField{"machine.macs: more than 64 addresses"};
    for (std::size_t i = 0; i < macs->size(); ++i) {
      const auto& mac = (*macs)[i];
      if (!mac.is_string() || mac.get_ref<const std::string&>().size() > 64) {
        throw BadField{"machine.macs[" + std::to_string(i) + "]: expected a MAC address string"};
      }
      request.machine.macs.push_back(mac.get<std::string>());
    }
  }
  if (const auto agent = body.find("agent"); agent != body.end() && agent->is_object()) {
    request.agent_version = optionalString(*agent, "version", "agent.");
  }
  return request;
}

}  // namespace

HttpResponse enrollRoute(const ApiContext& ctx, const HttpRequest& http_request) {
  auto parsed = parseStrictJson(http_request.body);
  if (!parsed) return jsonError(400, "invalid_request", parsed.error());
  EnrollRequest request;
  try {
    request = readEnrollRequest(*parsed);
  } catch (const BadField& bad) {
    return jsonError(400, "invalid_request", bad.detail);
  }

  auto result = ctx.store.enroll(request, ctx.clock());
  if (!result) {
    if (result.error() == kInvalidToken) {
      ctx.logger->warn("enrollment refused from {}: invalid token", http_request.remote_address);
      return jsonError(401, kInvalidToken,
                       "the enrollment token is unknown, expired, revoked or used up");
    }
    ctx.logger->error("enrollment failed: {}", result.error());
    return jsonError(500, "internal_error", "the server could not enroll this machine");
  }
  ctx.logger->info("{} device {} in site \"{}\" (agent {})",
                   result->new_device ? "enrolled new" : "re-enrolled", result->device_id,
                   result->site.name, result->agent_id);
  json body = {{"agent_id", result->agent_id},
               {"agent_secret", result->agent_secret},
               {"device_id", result->device_id},
               {"site", {{"id", result->site.id}, {"name", result->site.name}}},
               {"report_interval_s", ctx.options.report_interval.count()}};
  if (!ctx.options.ca_fingerprint.empty()) body["ca_fingerprint"] = ctx.options.ca_fingerprint;
  return HttpResponse{result->new_device ? 201 : 200, "application/json",
                      body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

}  // namespace parc::server
