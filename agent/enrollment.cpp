#include "agent/enrollment.h"

#include <nlohmann/json.hpp>

namespace parc::agent {
namespace {

using nlohmann::json;

// Physical interfaces only: a MAC of a bridge or VPN is not the machine's.
std::vector<std::string> hardwareMacs(const Inventory& inventory) {
  std::vector<std::string> macs;
  for (const auto& nic : inventory.network) {
    if (nic.mac && nic.type != "virtual" && *nic.mac != "00:00:00:00:00:00") macs.push_back(*nic.mac);
  }
  return macs;
}

std::string errorOf(const HttpOutcome& outcome) {
  const auto body = json::parse(outcome.body, nullptr, false);
  std::string code, detail;
  if (body.is_object()) {
    code = body.value("error", "");
    detail = body.value("detail", "");
  }
  std::string text = "HTTP " + std::to_string(outcome.status);
  if (!code.empty()) text += " " + code;
  if (!detail.empty()) text += ": " + detail;
  return text;
}

}  // namespace

std::string enrollBody(const Inventory& inventory, const std::string& token,
                       const std::string& agent_version) {
  json machine = {{"macs", hardwareMacs(inventory)}};
  if (inventory.system.uuid) machine["uuid"] = *inventory.system.uuid;
  if (inventory.system.serial) machine["serial"] = *inventory.system.serial;
  if (inventory.os.hostname) machine["hostname"] = *inventory.os.hostname;
  const json body = {{"token", token}, {"machine", machine}, {"agent", {{"version", agent_version}}}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Identity> enroll(Uploader& uploader, const EnrollmentRequest& request,
                        const Inventory& inventory, const std::string& now) {
  const std::string url = request.server + "/api/v1/enroll";
  const HttpOutcome outcome =
      uploader.post(url, enrollBody(inventory, request.token, request.agent_version), "");
  if (!outcome.transport_ok) {
    return makeError("cannot reach " + url + ": " + outcome.transport_error);
  }
  if (outcome.status == 401) {
    return makeError("the server refused the enrollment token (" + errorOf(outcome) + ")");
  }
  if (outcome.status != 200 && outcome.status != 201) {
    return makeError("enrollment failed at " + url + ": " + errorOf(outcome));
  }
  const auto body = json::parse(outcome.body, nullptr, false);
  Identity identity;
  try {
    identity.agent_id = body.at("agent_id").get<std::string>();
    identity.agent_secret = body.at("agent_secret").get<std::string>();
    identity.device_id = body.at("device_id").get<std::string>();
    identity.site_id = body.at("site").at("id").get<std::string>();
    identity.site_name = body.at("site").at("name").get<std::string>();
    identity.ca_fingerprint = body.value("ca_fingerprint", request.ca_fingerprint);
  } catch (const json::exception& e) {
    return makeError("the server's enrollment answer is not understood: " + std::string(e.what()));
  }
  identity.server = request.server;
  identity.enrolled_at = now;
  return identity;
}

}  // namespace parc::agent
