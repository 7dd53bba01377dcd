#pragma once
// Sends one notification through libcurl: a signed webhook POST, or one e-mail
// over SMTP (STARTTLS when the server offers it). Not thread-safe: one sender
// per notifier thread. The caller keeps libcurl initialised (curl_global_init).

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "shared/result.h"

namespace parc::server::notify {

struct SmtpSettings {
  std::string url;  // smtp://host:port or smtps://host:port; empty: e-mail disabled
  std::string from, user, password;
};

struct SendTimeouts {
  std::chrono::milliseconds connect{5000};
  std::chrono::milliseconds total{15000};
};

class CurlSender {
 public:
  explicit CurlSender(SendTimeouts timeouts);
  ~CurlSender();
  CurlSender(const CurlSender&) = delete;
  CurlSender& operator=(const CurlSender&) = delete;

  // POSTs `body` as JSON with the extra `headers` ("Name: value"); an error unless 2xx.
  Status postJson(const std::string& url, const std::string& body, const std::vector<std::string>& headers);
  // Sends the RFC 5322 `message` from smtp.from to `to`.
  Status sendMail(const SmtpSettings& smtp, const std::string& to, const std::string& message);

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  const SendTimeouts timeouts_;
};

}  // namespace parc::server::notify
