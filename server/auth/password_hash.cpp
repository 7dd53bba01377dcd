#include "server/auth/password_hash.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>

#include "shared/crypto.h"

namespace parc::server::auth {
namespace {

constexpr std::string_view kScheme = "$scrypt$";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kMinStoredBytes = 16;
constexpr std::size_t kMaxStoredBytes = 64;
constexpr int kMinLog2N = 10;
constexpr int kMaxLog2N = 22;
constexpr std::uint32_t kMaxR = 32;
constexpr std::uint32_t kMaxP = 16;
constexpr std::string_view kPasswordAlphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
constexpr std::size_t kGeneratedLength = 20;

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Result<std::string> fromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return makeError("odd number of hex digits");
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hexDigit(hex[i]);
    const int low = hexDigit(hex[i + 1]);
    if (high < 0 || low < 0) return makeError("not lowercase hex");
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

std::string toHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

template <class T>
bool parseNumber(std::string_view text, T& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// "ln=15,r=8,p=1", exactly in this order.
Result<ScryptParams> parseParams(std::string_view text) {
  ScryptParams params;
  const auto r_at = text.find(",r=");
  const auto p_at = text.find(",p=");
  if (!text.starts_with("ln=") || r_at == std::string_view::npos || p_at == std::string_view::npos ||
      p_at < r_at) {
    return makeError("parameters: expected ln=N,r=N,p=N");
  }
  if (!parseNumber(text.substr(3, r_at - 3), params.log2_n) ||
      !parseNumber(text.substr(r_at + 3, p_at - r_at - 3), params.r) ||
      !parseNumber(text.substr(p_at + 3), params.p)) {
    return makeError("parameters: not numbers");
  }
  if (params.log2_n < kMinLog2N || params.log2_n > kMaxLog2N || params.r < 1 || params.r > kMaxR ||
      params.p < 1 || params.p > kMaxP) {
    return makeError("parameters: out of bounds");
  }
  return params;
}

Result<std::string> scrypt(std::string_view password, std::string_view salt, const ScryptParams& params,
                           std::size_t length) {
  const std::uint64_t n = std::uint64_t{1} << params.log2_n;
  const std::uint64_t max_memory = 128ULL * params.r * (n + params.p + 2) + (16ULL << 20);
  std::string out(length, '\0');
  if (EVP_PBE_scrypt(password.data(), password.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                     salt.size(), n, params.r, params.p, max_memory,
                     reinterpret_cast<unsigned char*>(out.data()), out.size()) != 1) {
    return makeError("scrypt failed (parameters or memory)");
  }
  return out;
}

}  // namespace

Result<PasswordHash> parsePasswordHash(std::string_view encoded) {
  if (!encoded.starts_with(kScheme)) return makeError("password hash: unknown scheme");
  std::string_view rest = encoded.substr(kScheme.size());
  const auto first = rest.find('$');
  const auto second = first == std::string_view::npos ? first : rest.find('$', first + 1);
  if (second == std::string_view::npos || rest.find('$', second + 1) != std::string_view::npos) {
    return makeError("password hash: expected $scrypt$params$salt$hash");
  }
  auto params = parseParams(rest.substr(0, first));
  if (!params) return makeError("password hash: " + params.error());
  auto salt = fromHex(rest.substr(first + 1, second - first - 1));
  auto hash = fromHex(rest.substr(second + 1));
  if (!salt || !hash) return makeError("password hash: salt or hash is not hex");
  for (const std::string* bytes : {&*salt, &*hash}) {
    if (bytes->size() < kMinStoredBytes || bytes->size() > kMaxStoredBytes) {
      return makeError("password hash: salt or hash has a wrong length");
    }
  }
  return PasswordHash{*params, std::move(*salt), std::move(*hash)};
}

std::string encodePasswordHash(const PasswordHash& hash) {
  return std::string(kScheme) + "ln=" + std::to_string(hash.params.log2_n) +
         ",r=" + std::to_string(hash.params.r) + ",p=" + std::to_string(hash.params.p) + "$" +
         toHex(hash.salt) + "$" + toHex(hash.hash);
}

Result<std::string> hashPassword(std::string_view password, const ScryptParams& params) {
  auto salt = fromHex(randomHex(kSaltBytes));
  if (!salt) return makeError(salt.error());
  auto derived = scrypt(password, *salt, params, kHashBytes);
  if (!derived) return makeError(derived.error());
  return encodePasswordHash(PasswordHash{params, std::move(*salt), std::move(*derived)});
}

bool verifyPassword(std::string_view password, std::string_view encoded) {
  const auto stored = parsePasswordHash(encoded);
  if (!stored) return false;
  const auto derived = scrypt(password, stored->salt, stored->params, stored->hash.size());
  return derived && constantTimeEquals(*derived, stored->hash);
}

bool needsRehash(std::string_view encoded, const ScryptParams& params) {
  const auto stored = parsePasswordHash(encoded);
  return !stored || !(stored->params == params);
}

std::string generatePassword() {
  // Rejection sampling: bytes past the last whole multiple of the alphabet are
  // dropped, so every character is equally likely.
  const std::size_t limit = 256 - 256 % kPasswordAlphabet.size();
  std::string out;
  while (out.size() < kGeneratedLength) {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
    for (unsigned char b : bytes) {
      if (b < limit && out.size() < kGeneratedLength) out.push_back(kPasswordAlphabet[b % kPasswordAlphabet.size()]);
    }
  }
  return out;
}

}  // namespace parc::server::auth
