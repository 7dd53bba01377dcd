#pragma once
// parc-server admin commands about agent identity: enrollment tokens listed and
// revoked, agents revoked, the CA fingerprint agents are given.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "server/store/store.h"

namespace parc::server {

// token list | token revoke ID_OR_TOKEN | agent revoke DEVICE_OR_AGENT_ID.
// Throws std::invalid_argument on a usage error, std::runtime_error on a failure.
void runIdentityCommand(Store& store, const std::string& object, const std::string& action,
                        const std::vector<std::string>& arguments, std::ostream& out);

// Prints "sha256:<hex>" of the CA agents pin: `tls_ca` when given, else the CA in
// `data_dir` (created there when the server has not made it yet). Returns the exit code.
int caFingerprintCommand(const std::filesystem::path& data_dir,
                         const std::optional<std::filesystem::path>& tls_ca, std::ostream& out,
                         std::ostream& err);

}  // namespace parc::server
