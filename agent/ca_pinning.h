#pragma once
// The agent's trust in its server: one CA certificate, accepted only when its
// SHA-256 fingerprint is the one the agent was given (--ca-fingerprint, or
// ca_fingerprint in agent.conf), kept as <state>/ca.pem and used as the only trust
// anchor of every https:// request (agent/delivery/curl_uploader.h). The network
// work goes through the network module (agent/net/net_api.h).
//
// Where the CA comes from: a <state>/ca.pem already there (from a previous
// enrollment, or dropped by a package for a server behind a TLS proxy) when it
// matches; otherwise GET <server>/api/v1/ca, fetched once without verifying the
// connection. What that answer holds is trusted only when its fingerprint matches,
// so someone in the middle can at most make the enrollment fail.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "agent/agent_state.h"
#include "agent/net/net_api.h"
#include "shared/result.h"

namespace parc::agent {

// Succeeds when `pem` is a certificate whose fingerprint is `expected` (any
// accepted spelling, see shared/cert_fingerprint.h). The error names both.
Status checkCaFingerprint(const NetApi& net, std::string_view pem, const std::string& expected);

// The CA file to enroll with: <state>/ca.pem when it matches `fingerprint`, else the
// fetched CA written to <state>/ca.pem.pending (made ca.pem by commitPinnedCa once
// the enrollment succeeded, so a failed one leaves the previous trust untouched).
Result<std::filesystem::path> pinServerCa(NetApi& net, const StateDir& state,
                                          const std::string& server, const std::string& fingerprint,
                                          std::chrono::milliseconds timeout);
Status commitPinnedCa(const StateDir& state, const std::filesystem::path& ca_file);

}  // namespace parc::agent
