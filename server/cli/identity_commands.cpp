#include "server/cli/identity_commands.h"

#include <stdexcept>

#include "server/cli/cli.h"
#include "server/tls/tls_files.h"
#include "shared/cert_fingerprint.h"

namespace parc::server {
namespace {

std::string onlyArgument(const std::vector<std::string>& arguments, const char* what) {
  if (arguments.size() != 1 || arguments[0].empty()) {
    throw std::invalid_argument(std::string("expected one ") + what);
  }
  return arguments[0];
}

// id, site, room, uses/max, expires, revoked — never the secret (only its hash is stored).
void listTokens(Store& store, std::ostream& out) {
  for (const auto& t : store.listEnrollmentTokens(Scope::everything())) {
    out << t.id << "\t" << t.site_id << "\t" << t.room.value_or("-") << "\t" << t.uses << "/"
        << t.max_uses << "\t" << t.expires_at << "\t" << t.revoked_at.value_or("-") << "\n";
  }
}

void revokeToken(Store& store, const std::string& id_or_secret, std::ostream& out) {
  auto revoked = store.revokeEnrollmentToken(id_or_secret, systemNow());
  if (!revoked && revoked.error() == "not_found") {
    throw std::runtime_error("no enrollment token with this id (see 'token list')");
  }
  if (!revoked) throw std::runtime_error(revoked.error());
  out << revoked->id << "\n";
}

void revokeAgent(Store& store, const std::string& id, std::ostream& out) {
  auto revoked = store.revokeAgent(id, systemNow());
  if (!revoked && revoked.error() == "not_found") {
    throw std::runtime_error("no agent or device with id " + id);
  }
  if (!revoked) throw std::runtime_error(revoked.error());
  out << revoked->agent_id << "\n";
}

}  // namespace

void runIdentityCommand(Store& store, const std::string& object, const std::string& action,
                        const std::vector<std::string>& arguments, std::ostream& out) {
  if (object == "token" && action == "list") {
    if (!arguments.empty()) throw std::invalid_argument("token list takes no argument");
    listTokens(store, out);
  } else if (object == "token" && action == "revoke") {
    revokeToken(store, onlyArgument(arguments, "token ID"), out);
  } else if (object == "agent" && action == "revoke") {
    revokeAgent(store, onlyArgument(arguments, "DEVICE_OR_AGENT_ID"), out);
  } else {
    throw std::invalid_argument("unknown admin command \"" + object + " " + action + "\"");
  }
}

int caFingerprintCommand(const std::filesystem::path& data_dir,
                         const std::optional<std::filesystem::path>& tls_ca, std::ostream& out,
                         std::ostream& err) {
  tls::TlsSettings settings;
  settings.data_dir = data_dir;
  settings.ca_file = tls_ca;
  auto pem = tls::loadOrCreateCa(settings, systemNow());
  if (!pem) {
    err << "parc-server admin: " << pem.error() << "\n";
    return kExitFailure;
  }
  auto fingerprint = certificateFingerprint(*pem);
  if (!fingerprint) {
    err << "parc-server admin: " << (tls_ca ? *tls_ca : data_dir / tls::kCaCertFile).string() << ": "
        << fingerprint.error() << "\n";
    return kExitFailure;
  }
  out << *fingerprint << "\n";
  return kExitOk;
}

}  // namespace parc::server
