#include "server/tls/certificates.h"

#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>
#include <memory>

#include "shared/cert_fingerprint.h"

namespace parc::server::tls {
namespace {

template <auto Free>
struct Deleter {
  template <class T> void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Names = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

constexpr std::size_t kMaxPemBytes = 1 << 20;

Bio readBio(std::string_view pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Cert readCert(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return nullptr;
  Bio bio = readBio(pem);
  return Cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

Key readKey(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return nullptr;
  Bio bio = readBio(pem);
  return Key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

Result<std::string> keyPem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return makeError("cannot encode a private key as PEM");
  }
  return bioText(bio.get());
}

Result<std::string> certPem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return makeError("cannot encode a certificate");
  return bioText(bio.get());
}

bool setRandomSerial(X509* cert) {
  std::unique_ptr<BIGNUM, Deleter<BN_free>> number(BN_new());
  if (!number || BN_rand(number.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) return false;
  return BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert)) != nullptr;
}

bool setValidity(X509* cert, TimePoint now, std::chrono::days validity) {
  const auto from = static_cast<time_t>((now - std::chrono::hours(1)).time_since_epoch().count());
  const auto until = static_cast<time_t>((now + validity).time_since_epoch().count());
  return ASN1_TIME_set(X509_getm_notBefore(cert), from) != nullptr &&
         ASN1_TIME_set(X509_getm_notAfter(cert), until) != nullptr;
}

bool setCommonName(X509* cert, const std::string& common_name) {
  X509_NAME* name = X509_get_subject_name(cert);
  const auto add = [&](const char* field, const std::string& value) {
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                      0) == 1;
  };
  return add("O", "Parc") && add("CN", common_name.substr(0, 64));
}

bool addExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

// subjectAltName built entry by entry (IPv6 addresses do not survive the
// "IP:::1" configuration syntax).
bool addSubjectAltNames(X509* cert, const std::vector<std::string>& names) {
  Names list(sk_GENERAL_NAME_new_null());
  if (!list) return false;
  for (const std::string& name : names) {
    GENERAL_NAME* entry = nullptr;
    if (ASN1_OCTET_STRING* ip = a2i_IPADDRESS(name.c_str())) {
      entry = GENERAL_NAME_new();
      if (entry) GENERAL_NAME_set0_value(entry, GEN_IPADD, ip);
      else ASN1_OCTET_STRING_free(ip);
    } else {
      ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
      if (dns && ASN1_STRING_set(dns, name.data(), static_cast<int>(name.size())) == 1 &&
          (entry = GENERAL_NAME_new()) != nullptr) {
        GENERAL_NAME_set0_value(entry, GEN_DNS, dns);
      } else {
        ASN1_IA5STRING_free(dns);
      }
    }
    if (!entry || sk_GENERAL_NAME_push(list.get(), entry) == 0) {
      GENERAL_NAME_free(entry);
      return false;
    }
  }
  return X509_add1_ext_i2d(cert, NID_subject_alt_name, list.get(), 0, X509V3_ADD_DEFAULT) == 1;
}

// A certificate with a fresh P-256 key, a random serial and its validity; the
// caller adds names and extensions, then signs.
Result<std::pair<Cert, Key>> startCertificate(const std::string& common_name, TimePoint now,
                                              std::chrono::days validity) {
  Key key(EVP_EC_gen("P-256"));
  if (!key) return makeError("cannot generate an ECDSA P-256 key");
  Cert cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 || !setRandomSerial(cert.get()) ||
      !setValidity(cert.get(), now, validity) || !setCommonName(cert.get(), common_name) ||
      X509_set_pubkey(cert.get(), key.get()) != 1) {
    return makeError("cannot prepare a certificate for \"" + common_name + "\"");
  }
  return std::make_pair(std::move(cert), std::move(key));
}

Result<KeyAndCertificate> finish(X509* cert, EVP_PKEY* key, EVP_PKEY* signer) {
  if (X509_sign(cert, signer, EVP_sha256()) == 0) return makeError("cannot sign a certificate");
  auto key_text = keyPem(key);
  if (!key_text) return makeError(key_text.error());
  auto cert_text = certPem(cert);
  if (!cert_text) return makeError(cert_text.error());
  return KeyAndCertificate{std::move(*key_text), std::move(*cert_text)};
}

TimePoint toTimePoint(const ASN1_TIME* time) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(time, &tm) != 1) return TimePoint{};
  return TimePoint{std::chrono::seconds(timegm(&tm))};
}

std::string ipText(const ASN1_OCTET_STRING* ip) {
  char text[INET6_ADDRSTRLEN] = {};
  const int length = ASN1_STRING_length(ip);
  const unsigned char* data = ASN1_STRING_get0_data(ip);
  if (length == 4) inet_ntop(AF_INET, data, text, sizeof text);
  if (length == 16) inet_ntop(AF_INET6, data, text, sizeof text);
  return text;
}

std::vector<std::string> altNames(X509* cert) {
  std::vector<std::string> out;
  Names names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* entry = sk_GENERAL_NAME_value(names.get(), i);
    if (entry->type == GEN_DNS) {
      const ASN1_IA5STRING* dns = entry->d.dNSName;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                       static_cast<std::size_t>(ASN1_STRING_length(dns)));
    } else if (entry->type == GEN_IPADD) {
      out.push_back(ipText(entry->d.iPAddress));
    }
  }
  return out;
}

std::string subjectLine(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) return "";
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  return bioText(bio.get());
}

}  // namespace

bool validTlsName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  if (ASN1_OCTET_STRING* ip = a2i_IPADDRESS(std::string(name).c_str())) {
    ASN1_OCTET_STRING_free(ip);
    return true;
  }
  if (name.front() == '.' || name.back() == '.' || name.front() == '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    const bool wildcard = c == '*' && i == 0 && name.size() > 2 && name[1] == '.';
    if (!std::isalnum(c) && c != '-' && c != '.' && !wildcard) return false;
  }
  return true;
}

Result<KeyAndCertificate> createCa(const std::string& common_name, TimePoint now,
                                   std::chrono::days validity) {
  auto started = startCertificate(common_name, now, validity);
  if (!started) return makeError(started.error());
  auto& [cert, key] = *started;
  X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
  if (!addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0") ||
      !addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign") ||
      !addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash") ||
      !addExtension(cert.get(), cert.get(), NID_authority_key_identifier, "keyid:always")) {
    return makeError("cannot add the CA extensions");
  }
  return finish(cert.get(), key.get(), key.get());
}

Result<KeyAndCertificate> createServerCertificate(const KeyAndCertificate& ca,
                                                  const std::vector<std::string>& names,
                                                  TimePoint now, std::chrono::days validity) {
  if (names.empty()) return makeError("a server certificate needs at least one name");
  for (const std::string& name : names) {
    if (!validTlsName(name)) return makeError("tls_names: \"" + name + "\" is not a DNS name or IP address");
  }
  const Cert ca_cert = readCert(ca.certificate_pem);
  const Key ca_key = readKey(ca.key_pem);
  if (!ca_cert || !ca_key) return makeError("the CA certificate or key cannot be read");
  auto started = startCertificate(names.front(), now, validity);
  if (!started) return makeError(started.error());
  auto& [cert, key] = *started;
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get()));
  if (!addExtension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !addExtension(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature") ||
      !addExtension(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth") ||
      !addExtension(cert.get(), ca_cert.get(), NID_subject_key_identifier, "hash") ||
      !addExtension(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always") ||
      !addSubjectAltNames(cert.get(), names)) {
    return makeError("cannot add the server certificate extensions");
  }
  return finish(cert.get(), key.get(), ca_key.get());
}

Result<CertificateInfo> inspectCertificate(std::string_view pem) {
  const Cert cert = readCert(pem);
  if (!cert) return makeError("not a PEM certificate (no readable BEGIN CERTIFICATE block)");
  auto fingerprint = certificateFingerprint(pem);
  if (!fingerprint) return makeError(fingerprint.error());
  CertificateInfo info;
  info.fingerprint = std::move(*fingerprint);
  info.subject = subjectLine(cert.get());
  info.not_before = toTimePoint(X509_get0_notBefore(cert.get()));
  info.not_after = toTimePoint(X509_get0_notAfter(cert.get()));
  info.names = altNames(cert.get());
  info.is_ca = X509_check_ca(cert.get()) > 0;
  return info;
}

Status checkKeyMatches(std::string_view certificate_pem, std::string_view key_pem) {
  const Cert cert = readCert(certificate_pem);
  if (!cert) return makeError("not a PEM certificate");
  const Key key = readKey(key_pem);
  if (!key) return makeError("not a PEM private key (or an encrypted one)");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return makeError("the private key does not match the certificate");
  }
  return {};
}

Status checkSignedBy(std::string_view certificate_pem, std::string_view ca_pem) {
  const Cert cert = readCert(certificate_pem);
  const Cert ca = readCert(ca_pem);
  if (!cert || !ca) return makeError("not a PEM certificate");
  Key ca_key(X509_get_pubkey(ca.get()));
  if (!ca_key || X509_verify(cert.get(), ca_key.get()) != 1) {
    return makeError("the certificate is not signed by the CA");
  }
  return {};
}

}  // namespace parc::server::tls
