#include "tests/integration/sse_client.h"

#include <curl/curl.h>

#include <sstream>

#include "tests/integration/http_client.h"

namespace parc::testing {

std::vector<SseEvent> parseSse(const std::string& text) {
  std::vector<SseEvent> events;
  SseEvent current;
  bool any = false;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (any) events.push_back(current);
      current = SseEvent{};
      any = false;
    } else if (line.rfind("id: ", 0) == 0) {
      current.id = std::stoll(line.substr(4));
      any = true;
    } else if (line.rfind("event: ", 0) == 0) {
      current.type = line.substr(7);
      any = true;
    } else if (line.rfind("data: ", 0) == 0) {
      current.data += line.substr(6);
      any = true;
    }
  }
  return events;
}

SseClient::SseClient(const std::string& url, std::vector<std::string> headers) {
  thread_ = std::thread([this, url, headers = std::move(headers)] {
    CURL* curl = curl_easy_init();
    curl_slist* list = nullptr;
    for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
    list = curl_slist_append(list, "Accept: text/event-stream");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &SseClient::onData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &SseClient::onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (const auto trusted = trustedServer(url)) {
      curl_easy_setopt(curl, CURLOPT_CAINFO, trusted->ca_file.c_str());
      curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
    }
    curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    std::lock_guard lock(mutex_);
    status_ = status;
    finished_ = true;
    changed_.notify_all();
  });
}

SseClient::~SseClient() { stop(); }

std::size_t SseClient::onData(char* data, std::size_t size, std::size_t count, void* user) {
  auto* self = static_cast<SseClient*>(user);
  std::lock_guard lock(self->mutex_);
  self->text_.append(data, size * count);
  self->changed_.notify_all();
  return size * count;
}

int SseClient::onProgress(void* user, long long, long long, long long, long long) {
  return static_cast<SseClient*>(user)->stopping_ ? 1 : 0;
}

bool SseClient::waitFor(const std::function<bool(const std::string&)>& done,
                        std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return done(text_) || finished_; }) && done(text_);
}

std::string SseClient::text() const {
  std::lock_guard lock(mutex_);
  return text_;
}

long SseClient::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void SseClient::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace parc::testing
