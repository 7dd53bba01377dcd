#include "server/auth/audit.h"

namespace parc::server::auth {

void recordAudit(const ApiContext& ctx, const HttpRequest& request, const Principal& principal,
                 AuditEvent event) {
  AuditEntry entry;
  entry.action = std::move(event.action);
  entry.collectivity_id = principal.scope.all ? OptString{} : principal.scope.collectivity_id;
  entry.actor = principal.actor;
  entry.target = std::move(event.target);
  entry.detail = std::move(event.detail);
  recordAudit(ctx, request, std::move(entry));
}

void recordAudit(const ApiContext& ctx, const HttpRequest& request, AuditEntry entry) {
  entry.at = formatRfc3339(ctx.clock());
  if (!request.remote_address.empty()) entry.address = request.remote_address;
  const std::string action = entry.action;
  if (auto status = ctx.store.appendAudit(entry); !status) {
    ctx.logger->error("audit entry {} not recorded: {}", action, status.error());
  }
}

}  // namespace parc::server::auth
