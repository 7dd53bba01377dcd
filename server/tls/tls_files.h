#pragma once
// The server's TLS material on disk. Either generated in the data directory at the
// first start (ca.pem, ca.key, server.pem, server.key; keys mode 0600) or the files
// the configuration names (tls_cert, tls_key, tls_ca).
//
// The generated server certificate is issued again, by the same CA, when it is
// missing, expires within kRenewBefore, or does not carry the configured names;
// the CA (and so the fingerprint agents pin) never changes by itself.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shared/result.h"
#include "shared/time.h"

namespace parc::server::tls {

inline constexpr const char* kCaCertFile = "ca.pem";
inline constexpr const char* kCaKeyFile = "ca.key";
inline constexpr const char* kServerCertFile = "server.pem";
inline constexpr const char* kServerKeyFile = "server.key";
inline constexpr std::chrono::days kRenewBefore{30};

struct TlsSettings {
  std::filesystem::path data_dir;
  std::vector<std::string> names;  // of the generated server certificate
  // Configured files: all three or none.
  std::optional<std::filesystem::path> cert_file, key_file, ca_file;
};

struct TlsMaterial {
  std::string certificate_chain_pem;
  std::string key_pem;
  std::string ca_pem;          // what agents pin, served at GET /api/v1/ca
  std::string ca_fingerprint;  // sha256:…
  std::filesystem::path ca_file;
  std::vector<std::string> names;
  TimePoint not_after;
  bool issued = false;  // a server certificate was issued at this start
};

// This machine's host name, localhost, 127.0.0.1 and ::1.
std::vector<std::string> defaultTlsNames();

// The CA certificate agents pin (created in the data directory when generated
// material does not exist yet), as PEM.
Result<std::string> loadOrCreateCa(const TlsSettings& settings, TimePoint now);

// Everything the server needs to serve TLS. Errors name the file and the reason.
Result<TlsMaterial> loadOrCreateTls(const TlsSettings& settings, TimePoint now);

}  // namespace parc::server::tls
