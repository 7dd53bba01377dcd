#include "agent/delivery/ca_fetch.h"

#include <curl/curl.h>

#include <memory>

namespace parc::agent {
namespace {

struct Bounded {
  std::string body;
  bool too_long = false;
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<Bounded*>(user);
  const std::size_t bytes = size * count;
  if (answer->body.size() + bytes > kMaxCaBytes) {
    answer->too_long = true;
    return 0;  // aborts the transfer
  }
  answer->body.append(data, bytes);
  return bytes;
}

}  // namespace

Result<std::string> fetchServerCa(const CurlGlobal& /*global*/, const std::string& server,
                                  std::chrono::milliseconds timeout) {
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return makeError("cannot create a libcurl handle");
  const std::string url = server + "/api/v1/ca";
  Bounded answer;
  char error[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  // Unverified on purpose: the answer is trusted only through its fingerprint.
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(handle, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(handle);
  if (answer.too_long) return makeError(url + ": the answer is larger than 64 KiB");
  if (code != CURLE_OK) {
    return makeError("cannot fetch the server's CA from " + url + ": " +
                     (error[0] != '\0' ? error : curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    return makeError(url + " answered HTTP " + std::to_string(status) +
                     " (a server behind a TLS proxy: put the proxy's CA in the state directory as ca.pem)");
  }
  return std::move(answer.body);
}

}  // namespace parc::agent
