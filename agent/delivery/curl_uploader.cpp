#include "agent/delivery/curl_uploader.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace parc::agent {
namespace {

// Longer than a week is not a sane Retry-After; Backoff caps it further.
constexpr std::uint64_t kMaxRetryAfterSeconds = 7ULL * 24 * 3600;

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// What the callbacks collect during one transfer.
struct Answer {
  std::string body;
  std::size_t max_body = 0;
  std::optional<std::chrono::seconds> retry_after;
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<Answer*>(user);
  const std::size_t bytes = size * count;
  const std::size_t room = answer->max_body - std::min(answer->max_body, answer->body.size());
  answer->body.append(data, std::min(bytes, room));
  return bytes;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<Answer*>(user);
  const std::string_view line(data, size * count);
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.starts_with("HTTP/")) answer->retry_after.reset();  // a new (e.g. final) answer
  if (startsWithNoCase(line, kRetryAfter)) {
    answer->retry_after = parseRetryAfter(line.substr(kRetryAfter.size()));
  }
  return size * count;
}

HeaderList buildHeaders(const std::string& bearer_token) {
  curl_slist* list = nullptr;
  for (const char* header :
       {"Content-Type: application/json", "Accept: application/json", "Expect:"}) {
    list = curl_slist_append(list, header);
  }
  if (!bearer_token.empty()) {
    list = curl_slist_append(list, ("Authorization: Bearer " + bearer_token).c_str());
  }
  return HeaderList(list);
}

}  // namespace

CurlGlobal::CurlGlobal() {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    throw std::runtime_error("cannot initialise libcurl");
  }
}

CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value) {
  value = trim(value);
  std::uint64_t seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size()) return std::nullopt;
  return std::chrono::seconds(std::min(seconds, kMaxRetryAfterSeconds));
}

struct CurlUploader::Handle {
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

Result<std::unique_ptr<CurlUploader>> CurlUploader::create(const CurlGlobal& /*global*/,
                                                           UploaderOptions options) {
  auto handle = std::make_unique<Handle>();
  handle->curl = curl_easy_init();
  if (handle->curl == nullptr) return makeError("cannot create a libcurl handle");
  return std::unique_ptr<CurlUploader>(new CurlUploader(std::move(handle), std::move(options)));
}

CurlUploader::CurlUploader(std::unique_ptr<Handle> handle, UploaderOptions options)
    : handle_(std::move(handle)), options_(std::move(options)) {}

CurlUploader::~CurlUploader() = default;

namespace {

// The pinned CA only (no system store, no CA directory), peer and host name verified.
void applyTls(CURL* curl, const TlsOptions& tls) {
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(curl, CURLOPT_CAINFO, tls.ca_file.empty() ? nullptr : tls.ca_file.c_str());
}

// Everything but the body callbacks' targets; reset first, so nothing leaks from the
// previous call (reset keeps the connection cache, so the connection can be reused).
void applyOptions(CURL* curl, const std::string& url, const std::string& body,
                  const curl_slist* headers, const std::string& user_agent,
                  const UploaderOptions& options) {
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  applyTls(curl, options.tls);
}

}  // namespace

HttpOutcome CurlUploader::post(const std::string& url, const std::string& body,
                               const std::string& bearer_token) {
  if (url.starts_with("https://") && options_.tls.ca_file.empty()) {
    HttpOutcome refused;
    refused.transport_error = "no pinned CA for " + url + " (enroll with --ca-fingerprint first)";
    return refused;
  }
  CURL* curl = handle_->curl;
  const HeaderList headers = buildHeaders(bearer_token);
  const std::string user_agent = "parc-agent/" + options_.agent_version;
  applyOptions(curl, url, body, headers.get(), user_agent, options_);
  Answer answer;
  answer.max_body = options_.max_response_bytes;
  handle_->error[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle_->error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer);

  HttpOutcome outcome;
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    outcome.transport_error = handle_->error[0] != '\0' ? handle_->error : curl_easy_strerror(code);
    return outcome;
  }
  outcome.transport_ok = true;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &outcome.status);
  outcome.body = std::move(answer.body);
  outcome.retry_after = answer.retry_after;
  return outcome;
}

}  // namespace parc::agent
