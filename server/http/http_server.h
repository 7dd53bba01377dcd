#pragma once
// The HTTP/1.1 transport: accepts connections, reads requests within limits,
// hands each to an HttpHandler and writes the answer. It knows no route.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "server/http/http_message.h"
#include "shared/logging.h"
#include "shared/result.h"

namespace parc::server {

struct HttpLimits {
  std::size_t body_bytes = 4 << 20;
  std::size_t header_bytes = 16 << 10;
  std::chrono::seconds request_timeout{30};  // a whole request, headers and body
  std::chrono::seconds idle_timeout{60};     // between requests on a kept-alive connection
  std::size_t max_connections = 10000;
  std::size_t stream_queue_bytes = 1 << 20;  // a streamed body's backlog before the reader is dropped
};

// What the server presents in the TLS handshake (PEM text).
struct TlsCredentials {
  std::string certificate_chain_pem;  // the server certificate first
  std::string private_key_pem;
};

class HttpServer {
 public:
  HttpServer(HttpLimits limits, HttpHandler handler, Logger logger);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serves TLS (1.2 at least, ECDHE with AEAD ciphers only, no compression nor
  // renegotiation) instead of plain HTTP. Call before run(); errors say what was refused.
  Status useTls(const TlsCredentials& credentials);
  // Binds and listens; returns the bound port (useful with port 0).
  Result<std::uint16_t> listen(const std::string& address, std::uint16_t port);
  // Runs the event loop on `threads` threads until stop() or SIGINT/SIGTERM.
  void run(unsigned threads);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parc::server
