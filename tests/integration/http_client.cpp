#include "tests/integration/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

namespace parc::testing {
namespace {

size_t append(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

// The one registry of the test process: every test and fixture reaches the same
// servers through plain URLs, so the trust follows the URL.
struct TrustBook {
  std::mutex mutex;
  std::map<std::string, TrustedServer> servers;
};

TrustBook& trustBook() {
  static TrustBook book;
  return book;
}

}  // namespace

void trustServer(const std::string& base_url, TrustedServer trusted) {
  std::lock_guard lock(trustBook().mutex);
  trustBook().servers[base_url] = std::move(trusted);
}

std::optional<TrustedServer> trustedServer(const std::string& url) {
  std::lock_guard lock(trustBook().mutex);
  for (const auto& [base, trusted] : trustBook().servers) {
    if (url == base || url.starts_with(base + "/")) return trusted;
  }
  return std::nullopt;
}

HttpAnswer httpRequest(const std::string& method, const std::string& url, const std::string& body,
                       const std::vector<std::string>& headers) {
  HttpAnswer answer;
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  if (!body.empty() || method == "POST") {
    list = curl_slist_append(list, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  // A HEAD answer announces a length but carries no body: curl must not wait for one.
  if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const auto trusted = trustedServer(url);
  const std::string ca_file = trusted ? trusted->ca_file.string() : "";
  curl_easy_setopt(curl, CURLOPT_CAINFO, trusted ? ca_file.c_str() : nullptr);
  curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return answer;
}

std::string headerValue(const std::string& headers, const std::string& name) {
  std::size_t at = 0;
  while (at < headers.size()) {
    const auto end = headers.find("\r\n", at);
    const std::string line = headers.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.size() > name.size() && line[name.size()] == ':' &&
        std::equal(name.begin(), name.end(), line.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      std::string value = line.substr(name.size() + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      return value;
    }
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return "";
}

}  // namespace parc::testing
