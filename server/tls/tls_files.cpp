#include "server/tls/tls_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "server/tls/certificates.h"

namespace parc::server::tls {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

Result<std::string> readText(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return makeError(path.string() + ": cannot read: " + ec.message());
  if (size > kMaxFileBytes) return makeError(path.string() + ": larger than 1 MiB");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) return makeError(path.string() + ": cannot read");
  return text.str();
}

// Temp file created with its final mode, fsync, rename: never readable by others,
// never half written.
Status writeText(const fs::path& path, const std::string& text, mode_t mode) {
  const std::string temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return makeError(temp + ": cannot create");
  bool ok = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (ok) fs::rename(temp, path, ec);
  if (!ok || ec) {
    fs::remove(temp, ec);
    return makeError(path.string() + ": cannot write");
  }
  return {};
}

bool fileExists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string day(TimePoint t) { return formatRfc3339(t).substr(0, 10); }

Status checkValidity(const CertificateInfo& info, const fs::path& path, TimePoint now) {
  if (info.not_after <= now) {
    return makeError(path.string() + ": certificate expired on " + day(info.not_after));
  }
  if (info.not_before > now) {
    return makeError(path.string() + ": certificate not valid before " + day(info.not_before));
  }
  return {};
}

Result<KeyAndCertificate> loadGeneratedCa(const fs::path& dir, TimePoint now) {
  auto cert = readText(dir / kCaCertFile);
  if (!cert) return makeError(cert.error());
  auto key = readText(dir / kCaKeyFile);
  if (!key) return makeError(key.error() + " (the CA key is needed to issue the server certificate)");
  auto info = inspectCertificate(*cert);
  if (!info) return makeError((dir / kCaCertFile).string() + ": " + info.error());
  if (!info->is_ca) return makeError((dir / kCaCertFile).string() + ": not a CA certificate");
  if (auto valid = checkValidity(*info, dir / kCaCertFile, now); !valid) {
    return makeError(valid.error() + "; remove ca.pem and ca.key to create a new CA (every agent "
                                     "must then enroll again with the new fingerprint)");
  }
  if (auto match = checkKeyMatches(*cert, *key); !match) {
    return makeError((dir / kCaKeyFile).string() + ": " + match.error());
  }
  return KeyAndCertificate{std::move(*key), std::move(*cert)};
}

Result<KeyAndCertificate> ensureCa(const fs::path& dir, TimePoint now) {
  if (fileExists(dir / kCaCertFile) || fileExists(dir / kCaKeyFile)) return loadGeneratedCa(dir, now);
  auto created = createCa("Parc CA", now);
  if (!created) return makeError(created.error());
  if (auto s = writeText(dir / kCaKeyFile, created->key_pem, 0600); !s) return makeError(s.error());
  if (auto s = writeText(dir / kCaCertFile, created->certificate_pem, 0644); !s) return makeError(s.error());
  return created;
}

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

// The generated server certificate when it is still good for these names.
std::optional<KeyAndCertificate> usableServerCert(const fs::path& dir, const KeyAndCertificate& ca,
                                                  const std::vector<std::string>& names, TimePoint now) {
  auto cert = readText(dir / kServerCertFile);
  auto key = readText(dir / kServerKeyFile);
  if (!cert || !key) return std::nullopt;
  auto info = inspectCertificate(*cert);
  if (!info || info->not_after <= now + kRenewBefore || sorted(info->names) != sorted(names)) {
    return std::nullopt;
  }
  if (!checkKeyMatches(*cert, *key) || !checkSignedBy(*cert, ca.certificate_pem)) return std::nullopt;
  return KeyAndCertificate{std::move(*key), std::move(*cert)};
}

Result<TlsMaterial> generated(const TlsSettings& settings, TimePoint now) {
  const fs::path& dir = settings.data_dir;
  auto ca = ensureCa(dir, now);
  if (!ca) return makeError(ca.error());
  TlsMaterial material;
  auto server = usableServerCert(dir, *ca, settings.names, now);
  if (!server) {
    auto issued = createServerCertificate(*ca, settings.names, now);
    if (!issued) return makeError(issued.error());
    if (auto s = writeText(dir / kServerKeyFile, issued->key_pem, 0600); !s) return makeError(s.error());
    if (auto s = writeText(dir / kServerCertFile, issued->certificate_pem, 0644); !s) {
      return makeError(s.error());
    }
    server = std::move(*issued);
    material.issued = true;
  }
  material.certificate_chain_pem = std::move(server->certificate_pem);
  material.key_pem = std::move(server->key_pem);
  material.ca_pem = std::move(ca->certificate_pem);
  material.ca_file = dir / kCaCertFile;
  return material;
}

Result<TlsMaterial> configured(const TlsSettings& settings, TimePoint now) {
  if (!settings.cert_file || !settings.key_file || !settings.ca_file) {
    return makeError("tls_cert, tls_key and tls_ca go together: give all three or none");
  }
  TlsMaterial material;
  for (auto [path, target] : {std::pair{*settings.cert_file, &material.certificate_chain_pem},
                              std::pair{*settings.key_file, &material.key_pem},
                              std::pair{*settings.ca_file, &material.ca_pem}}) {
    auto text = readText(path);
    if (!text) return makeError(text.error());
    *target = std::move(*text);
  }
  auto ca = inspectCertificate(material.ca_pem);
  if (!ca) return makeError(settings.ca_file->string() + ": " + ca.error());
  if (auto valid = checkValidity(*ca, *settings.ca_file, now); !valid) return makeError(valid.error());
  if (auto match = checkKeyMatches(material.certificate_chain_pem, material.key_pem); !match) {
    return makeError(settings.key_file->string() + ": " + match.error());
  }
  material.ca_file = *settings.ca_file;
  return material;
}

}  // namespace

std::vector<std::string> defaultTlsNames() {
  std::vector<std::string> names;
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) == 0 && validTlsName(host.data()) &&
      std::string_view(host.data()) != "localhost") {
    names.emplace_back(host.data());
  }
  names.insert(names.end(), {"localhost", "127.0.0.1", "::1"});
  return names;
}

Result<std::string> loadOrCreateCa(const TlsSettings& settings, TimePoint now) {
  if (settings.ca_file) return readText(*settings.ca_file);
  auto ca = ensureCa(settings.data_dir, now);
  if (!ca) return makeError(ca.error());
  return std::move(ca->certificate_pem);
}

Result<TlsMaterial> loadOrCreateTls(const TlsSettings& settings, TimePoint now) {
  const bool any_file = settings.cert_file || settings.key_file || settings.ca_file;
  auto material = any_file ? configured(settings, now) : generated(settings, now);
  if (!material) return material;
  const fs::path cert_path =
      settings.cert_file.value_or(settings.data_dir / kServerCertFile);
  auto info = inspectCertificate(material->certificate_chain_pem);
  if (!info) return makeError(cert_path.string() + ": " + info.error());
  if (auto valid = checkValidity(*info, cert_path, now); !valid) return makeError(valid.error());
  auto fingerprint = inspectCertificate(material->ca_pem);
  if (!fingerprint) return makeError(material->ca_file.string() + ": " + fingerprint.error());
  material->ca_fingerprint = fingerprint->fingerprint;
  material->names = info->names;
  material->not_after = info->not_after;
  return material;
}

}  // namespace parc::server::tls
