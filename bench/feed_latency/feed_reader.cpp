#include "bench/feed_latency/feed_reader.h"

#include <curl/curl.h>

#include <nlohmann/json.hpp>

namespace parc::bench {

FeedReader::FeedReader(std::string url, std::string api_token, LatencyBook& book)
    : url_(std::move(url)), api_token_(std::move(api_token)), book_(book) {
  thread_ = std::thread([this] {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Authorization: Bearer " + api_token_).c_str());
    headers = curl_slist_append(headers, "Accept: text/event-stream");
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &FeedReader::onData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &FeedReader::onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (!stopping_) error_ = "feed ended: " + std::string(curl_easy_strerror(code)) + ", HTTP " + std::to_string(status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
  });
}

FeedReader::~FeedReader() { stop(); }

bool FeedReader::waitConnected(double seconds) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!connected_ && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return connected_;
}

void FeedReader::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

std::string FeedReader::error() const { return stopping_ ? std::string() : error_; }

std::size_t FeedReader::onData(char* data, std::size_t size, std::size_t count, void* user) {
  auto* self = static_cast<FeedReader*>(user);
  self->pending_.append(data, size * count);
  self->connected_ = true;
  // Events end with a blank line; the server writes LF line ends.
  for (auto end = self->pending_.find("\n\n"); end != std::string::npos; end = self->pending_.find("\n\n")) {
    self->consume(self->pending_.substr(0, end));
    self->pending_.erase(0, end + 2);
  }
  return size * count;
}

int FeedReader::onProgress(void* user, long long, long long, long long, long long) {
  return static_cast<FeedReader*>(user)->stopping_ ? 1 : 0;
}

void FeedReader::consume(const std::string& block) {
  const auto now = std::chrono::steady_clock::now();
  std::string type, data;
  std::size_t start = 0;
  while (start < block.size()) {
    auto end = block.find('\n', start);
    if (end == std::string::npos) end = block.size();
    const std::string line = block.substr(start, end - start);
    if (line.rfind("event: ", 0) == 0) type = line.substr(7);
    if (line.rfind("data: ", 0) == 0) data += line.substr(6);
    start = end + 1;
  }
  if (type.empty()) return;  // retry:, a heartbeat
  ++events_;
  if (type != "opened") return;
  const auto alert = nlohmann::json::parse(data, nullptr, false);
  if (!alert.is_object() || !alert.contains("device") || !alert["device"].is_object()) return;
  const std::string device = alert["device"].value("id", "");
  const std::string rule = alert.value("rule", "");
  book_.opened(LatencyBook::keyOf(device, rule), now);
}

}  // namespace parc::bench
