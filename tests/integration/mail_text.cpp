#include "tests/integration/mail_text.h"

#include <openssl/evp.h>

namespace parc::testing {

std::string decodeBase64(const std::string& text) {
  std::string clean;
  for (char c : text) if (c != '\r' && c != '\n') clean += c;
  std::string out(clean.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  out.resize(n < 0 ? 0 : n);
  for (auto it = clean.rbegin(); it != clean.rend() && *it == '=' && !out.empty(); ++it) out.pop_back();
  return out;
}

std::string subjectOf(const std::string& message) {
  const auto start = message.find("Subject: ");
  const auto end = message.find("\r\nMessage-ID:", start);
  std::string decoded;
  for (auto at = message.find("=?UTF-8?B?", start); at != std::string::npos && at < end;
       at = message.find("=?UTF-8?B?", at + 1)) {
    const auto stop = message.find("?=", at + 10);
    decoded += decodeBase64(message.substr(at + 10, stop - at - 10));
  }
  return decoded;
}

}  // namespace parc::testing
