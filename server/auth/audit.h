#pragma once
// The audit hook every route calls after an action worth remembering (logins,
// tokens, acknowledgements, exports): who, what, on what, when, from where.

#include <string>

#include "server/api/api.h"
#include "server/auth/principal.h"

namespace parc::server::auth {

struct AuditEvent {
  std::string action;  // "token_created", "alert_acknowledged", "export", ...
  OptString target;    // the id acted on
  OptString detail;    // short, never a secret
};

// Records `event` by `principal` in the log of its collectivity. A failure to
// write is logged as an error; the action itself has already happened.
void recordAudit(const ApiContext& ctx, const HttpRequest& request, const Principal& principal,
                 AuditEvent event);

// The same for an entry without a principal (failed logins): `at` and `address`
// are filled in here.
void recordAudit(const ApiContext& ctx, const HttpRequest& request, AuditEntry entry);

}  // namespace parc::server::auth
