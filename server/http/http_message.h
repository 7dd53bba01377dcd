#pragma once
// Requests and responses as plain values, so that routes never see Beast: the
// session moves bytes, handlers turn a request into a response.

#include <chrono>
#include <functional>
#include <memory>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parc::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/api/v1/devices?site=…"
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;  // decoded; the last of repeated keys wins
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;

  // Case-insensitive header lookup; empty when absent.
  std::string_view header(std::string_view name) const;
  // The token of "Authorization: Bearer <token>", or empty.
  std::string_view bearerToken() const;
};

struct HttpResponse;

// The body of a streamed response (the SSE feed, a large export), written by a
// producer after the headers have gone out, as HTTP/1.1 chunks. Thread-safe: the
// producer may write from any thread; the session sends on its own strand.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  // Queues a chunk. False when the client has gone, or when more than the
  // stream's queue limit is waiting (a reader too slow to keep up): the producer
  // should stop; the session closes the connection.
  virtual bool write(std::string chunk) = 0;
  // Blocks until the queue has drained below half its limit, the client has gone
  // or `timeout` passed; true when writing may go on. For producers that can wait
  // (an export on its own thread), never for ones on an io thread.
  virtual bool waitWritable(std::chrono::milliseconds timeout) = 0;
  // Ends the body (the last chunk); the connection may then serve another request.
  virtual void close() = 0;
  // False once the client has gone or the stream was closed.
  virtual bool open() const = 0;
};

using StreamProducer = std::function<void(std::shared_ptr<ResponseStream>)>;
// Completes a deferred response; callable once, from any thread.
using Responder = std::function<void(HttpResponse)>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for a streamed body: `body` is ignored; the headers go out at once, then
  // the producer is called with the stream to write to.
  StreamProducer stream;
  // Set for an answer that is not ready yet (waiting for a group commit): every
  // other field is ignored; the session waits, without blocking its thread, until
  // the Responder is called with the real response.
  std::function<void(Responder)> deferred;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// {"error": code, "detail": detail}: the one shape of every error answer.
HttpResponse jsonError(int status, std::string_view code, std::string_view detail);

// Splits "/a/b?x=1&y=%20" into a decoded path and query map. False when the
// percent-encoding is invalid.
bool splitTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace parc::server
