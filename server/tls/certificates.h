#pragma once
// Keys and certificates in memory, as PEM text: the server's own CA (ECDSA P-256)
// and the server certificate it signs. Pure: no file, no log. OpenSSL stays in the .cpp.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"
#include "shared/time.h"

namespace parc::server::tls {

inline constexpr std::chrono::days kCaValidity{3653};     // 10 years
inline constexpr std::chrono::days kServerValidity{730};  // 2 years

struct KeyAndCertificate {
  std::string key_pem;          // PKCS#8, unencrypted: the file holding it is mode 0600
  std::string certificate_pem;
};

// A self-signed CA: CA:TRUE, pathlen 0, keyCertSign.
Result<KeyAndCertificate> createCa(const std::string& common_name, TimePoint now,
                                   std::chrono::days validity = kCaValidity);

// A server certificate signed by `ca` for `names` (DNS names or IP addresses, the
// first one also being the common name): CA:FALSE, serverAuth.
Result<KeyAndCertificate> createServerCertificate(const KeyAndCertificate& ca,
                                                  const std::vector<std::string>& names,
                                                  TimePoint now,
                                                  std::chrono::days validity = kServerValidity);

struct CertificateInfo {
  std::string fingerprint;  // sha256:… of the DER
  std::string subject;      // one line, e.g. "CN=Parc CA"
  TimePoint not_before, not_after;
  std::vector<std::string> names;  // subjectAltName DNS and IP entries, in order
  bool is_ca = false;
};

// The first certificate of `pem`. Errors say why it cannot be read.
Result<CertificateInfo> inspectCertificate(std::string_view pem);

// Succeeds when `key_pem` is a readable private key matching the certificate.
Status checkKeyMatches(std::string_view certificate_pem, std::string_view key_pem);

// Succeeds when `certificate_pem` was signed by the key of `ca_pem`.
Status checkSignedBy(std::string_view certificate_pem, std::string_view ca_pem);

// A DNS name ("parc.example.fr", "*.example.fr", "localhost") or an IP address.
bool validTlsName(std::string_view name);

}  // namespace parc::server::tls
