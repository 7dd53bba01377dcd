#pragma once
// Comparing and combining Scopes: what a token may see given its owner's rights.

#include "server/store/store.h"

namespace parc::server {

// A scope that sees nothing: neither `all` nor a collectivity.
Scope noScope();

// True when `inner` sees nothing that `outer` does not.
bool scopeWithin(const Scope& inner, const Scope& outer);

// What both see: the same collectivity, and the common sites when both name some.
Scope intersectScopes(const Scope& a, const Scope& b);

}  // namespace parc::server
