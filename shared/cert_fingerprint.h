#pragma once
// The fingerprint agents pin: "sha256:<lowercase hex of the certificate's DER>".
// Pure functions over PEM text (OpenSSL stays in the .cpp).

#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc {

// The fingerprint of the first certificate in `pem`. The error says why the text
// is not a certificate.
Result<std::string> certificateFingerprint(std::string_view pem);

// "sha256:AB:CD…", "SHA256:abcd…" or "sha256:abcd…" → "sha256:abcd…" (64 hex digits).
Result<std::string> normalizeFingerprint(std::string_view text);

}  // namespace parc
