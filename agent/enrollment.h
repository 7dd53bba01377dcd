#pragma once
// Enrollment: the machine's hardware identity and a token go to the server, an
// agent id and secret come back and are kept in identity.json.

#include <string>

#include "agent/agent_state.h"
#include "agent/delivery/uploader.h"
#include "shared/report.h"
#include "shared/result.h"

namespace parc::agent {

struct EnrollmentRequest {
  std::string server;
  std::string token;
  std::string ca_fingerprint;
  std::string agent_version;
};

// The JSON body of POST /api/v1/enroll for this inventory (protocol.md).
std::string enrollBody(const Inventory& inventory, const std::string& token,
                       const std::string& agent_version);

// Performs the enrollment. Errors say what the server answered ("the server refused
// the enrollment token (401 invalid_token)") or why it could not be reached. The
// identity's ca_fingerprint is the one the server announces (else the request's):
// enrollPinned (agent/cli/pinned_enrollment.h) checks it against the pinned CA.
Result<Identity> enroll(Uploader& uploader, const EnrollmentRequest& request,
                        const Inventory& inventory, const std::string& now);

}  // namespace parc::agent
