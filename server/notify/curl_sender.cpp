#include "server/notify/curl_sender.h"

#include <curl/curl.h>

#include <cstring>

namespace parc::server::notify {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, SlistDeleter>;

// Answers are read and dropped: only the status matters.
std::size_t discard(char* /*data*/, std::size_t size, std::size_t count, void* /*user*/) { return size * count; }

struct Upload {
  const std::string* text = nullptr;
  std::size_t offset = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->text->size() - upload->offset);
  std::memcpy(buffer, upload->text->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

struct CurlSender::Handle {
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

CurlSender::CurlSender(SendTimeouts timeouts) : handle_(std::make_unique<Handle>()), timeouts_(timeouts) {
  handle_->curl = curl_easy_init();
}

CurlSender::~CurlSender() = default;

namespace {

void applyCommon(CURL* curl, char* error, const SendTimeouts& timeouts) {
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts.connect.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts.total.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
}

std::string curlFailure(CURLcode code, const char* error) {
  return std::string(curl_easy_strerror(code)) + (error[0] != '\0' ? std::string(": ") + error : "");
}

}  // namespace

Status CurlSender::postJson(const std::string& url, const std::string& body,
                            const std::vector<std::string>& headers) {
  CURL* curl = handle_->curl;
  if (curl == nullptr) return makeError("cannot create a libcurl handle");
  curl_easy_reset(curl);
  handle_->error[0] = '\0';
  applyCommon(curl, handle_->error, timeouts_);
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
  list = curl_slist_append(list, "Expect:");
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  const CurlList owned(list);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) return makeError(url + ": " + curlFailure(code, handle_->error));
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return makeError(url + ": HTTP " + std::to_string(status));
  return {};
}

Status CurlSender::sendMail(const SmtpSettings& smtp, const std::string& to, const std::string& message) {
  CURL* curl = handle_->curl;
  if (curl == nullptr) return makeError("cannot create a libcurl handle");
  if (smtp.url.empty()) return makeError("e-mail is disabled (smtp_url is empty)");
  curl_easy_reset(curl);
  handle_->error[0] = '\0';
  applyCommon(curl, handle_->error, timeouts_);
  curl_easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!smtp.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, smtp.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  const std::string from = "<" + smtp.from + ">";
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  const CurlList recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
  Upload upload{&message, 0};
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, readUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) return makeError("smtp to " + to + ": " + curlFailure(code, handle_->error));
  return {};
}

}  // namespace parc::server::notify
