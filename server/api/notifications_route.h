#pragma once
// GET /api/v1/notifications[?state=pending|sent|dead][&limit=N]: the alert
// notification deliveries of the caller's scope, newest first, for the
// collectivity's admins (notifications_route.cpp).

#include "server/api/api.h"

namespace parc::server {

HttpResponse notificationsRoute(const ApiContext& ctx, const HttpRequest& request);

}  // namespace parc::server
