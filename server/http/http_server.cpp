#include "server/http/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "server/http/session_stream.h"

namespace parc::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

// TLS 1.2 suites: ECDHE key exchange with AEAD ciphers only. TLS 1.3 keeps
// OpenSSL's defaults (all AEAD).
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

HttpRequest toHttpRequest(const http::request<http::string_body>& in, const std::string& remote) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = in.body();
  out.remote_address = remote;
  return out;
}

// The session only moves bytes: read one request within the limits, ask the
// handler, write the answer, repeat while the client keeps the connection.
// Stream is beast::tcp_stream (plain HTTP) or TlsStream (the TLS handshake first,
// under the request timeout).
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  Session(Stream stream, const HttpLimits& limits, const HttpHandler& handler,
          std::atomic<std::size_t>& live, Logger& logger)
      : stream_(std::move(stream)), limits_(limits), handler_(handler), live_(live), logger_(logger) {
    boost::system::error_code ec;
    const auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() { live_.fetch_sub(1); }

  void start() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(limits_.request_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              beast::bind_front_handler(&Session::onHandshake, this->shared_from_this()));
    } else {
      readRequest(limits_.idle_timeout);
    }
  }

 private:
  void onHandshake(beast::error_code ec) {
    if (ec) {
      logger_->debug("TLS handshake with {} failed: {}", remote_, ec.message());
      return closeTcp();
    }
    readRequest(limits_.idle_timeout);
  }

  void readRequest(std::chrono::seconds timeout) {
    parser_.emplace();
    parser_->body_limit(limits_.body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(limits_.header_bytes));
    beast::get_lowest_layer(stream_).expires_after(timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::onRead, this->shared_from_this()));
  }

  void onRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::connection_reset || ec == net::error::eof ||
        ec == net::ssl::error::stream_truncated) {
      return close();
    }
    // Refused before its body was read: the client may still be sending it. Closing
    // at once would reset the connection and lose the answer; drain a little first.
    if (ec) linger_on_close_ = true;
    if (ec == http::error::body_limit) {
      return answer(jsonError(413, "body_too_large",
                              "the request body exceeds " + std::to_string(limits_.body_bytes) + " bytes"),
                    false);
    }
    if (ec == http::error::header_limit) {
      return answer(jsonError(431, "headers_too_large", "the request headers are too large"), false);
    }
    if (ec) {
      return answer(jsonError(400, "bad_request", "malformed HTTP request: " + ec.message()), false);
    }
    const auto& request = parser_->get();
    HttpResponse response;
    HttpRequest plain = toHttpRequest(request, remote_);
    if (!splitTarget(plain.target, plain.path, plain.query)) {
      response = jsonError(400, "bad_request", "invalid percent-encoding in the request target");
    } else {
      try {
        response = handler_(plain);
      } catch (const std::exception& e) {
        logger_->error("{} {}: unhandled error: {}", plain.method, plain.path, e.what());
        response = jsonError(500, "internal_error", "the server failed to answer this request");
      }
    }
    head_only_ = request.method() == http::verb::head;
    if (response.deferred) return awaitDeferred(std::move(response.deferred), request.keep_alive());
    answer(std::move(response), request.keep_alive());
  }

  // The handler answers later, from another thread: nothing is read or written on
  // this connection meanwhile; the answer is posted back onto the session's strand.
  void awaitDeferred(std::function<void(Responder)> deferred, bool keep_alive) {
    auto respond = [self = this->shared_from_this(), keep_alive](HttpResponse ready) {
      auto executor = self->stream_.get_executor();
      net::post(executor, [self, keep_alive, ready = std::move(ready)]() mutable {
        self->answer(std::move(ready), keep_alive);
      });
    };
    try {
      deferred(std::move(respond));
    } catch (const std::exception& e) {
      logger_->error("deferred answer failed: {}", e.what());
      answer(jsonError(500, "internal_error", "the server failed to answer this request"), false);
    }
  }

  void answer(HttpResponse response, bool keep_alive) {
    if (response.stream) return answerStreamed(std::move(response), keep_alive);
    auto message = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(response.status), 11);
    message->set(http::field::server, "parc-server");
    message->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    // HEAD: the length a GET would carry, and no body (RFC 9110, 9.3.2).
    if (head_only_) message->body().clear();
    beast::get_lowest_layer(stream_).expires_after(limits_.request_timeout);
    http::async_write(stream_, *message,
                      [self = this->shared_from_this(), message](beast::error_code ec, std::size_t) {
                        if (!ec && self->linger_on_close_) return self->lingerThenClose();
                        if (ec || !message->keep_alive()) return self->close();
                        self->readRequest(self->limits_.idle_timeout);
                      });
  }

  // Headers now, then the producer's chunks as they come (chunked encoding).
  void answerStreamed(HttpResponse response, bool keep_alive) {
    auto header = std::make_shared<http::response<http::empty_body>>(
        static_cast<http::status>(response.status), 11);
    header->set(http::field::server, "parc-server");
    header->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) header->set(name, value);
    header->keep_alive(keep_alive);
    header->chunked(true);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*header);
    beast::get_lowest_layer(stream_).expires_after(limits_.request_timeout);
    http::async_write_header(
        stream_, *serializer,
        [self = this->shared_from_this(), header, serializer, producer = std::move(response.stream),
         keep_alive](beast::error_code ec, std::size_t) {
          if (ec) return self->close();
          self->stream_keep_alive_ = keep_alive;
          // The stream owns the session until the producer lets go of it, so an idle
          // feed keeps its connection; the session drops the stream when it ends.
          auto executor = self->stream_.get_executor();
          self->body_stream_ = std::make_shared<SessionStream>(
              self->limits_.stream_queue_bytes, [self, executor] {
                net::post(executor, [self] { self->drainStream(); });
              });
          try {
            producer(self->body_stream_);
          } catch (const std::exception& e) {
            self->logger_->error("streamed answer failed: {}", e.what());
            self->body_stream_->drop();
          }
          self->drainStream();
        });
  }

  void drainStream() {
    if (!body_stream_ || writing_) return;
    std::string chunk;
    switch (body_stream_->take(chunk)) {
      case SessionStream::Next::kIdle:
        return;
      case SessionStream::Next::kGone:
        body_stream_.reset();
        return close();
      case SessionStream::Next::kEnd:
        writing_ = true;
        // Dropped now, not when the last chunk is written: the stream's wake-up holds
        // the session, and a server stopped before that write completes would
        // otherwise never free either.
        body_stream_.reset();
        beast::get_lowest_layer(stream_).expires_after(limits_.request_timeout);
        net::async_write(stream_, http::make_chunk_last(),
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                           self->writing_ = false;
                           if (ec || !self->stream_keep_alive_) return self->close();
                           self->readRequest(self->limits_.idle_timeout);
                         });
        return;
      case SessionStream::Next::kChunk: {
        writing_ = true;
        auto data = std::make_shared<std::string>(std::move(chunk));
        beast::get_lowest_layer(stream_).expires_after(limits_.request_timeout);
        net::async_write(stream_, http::make_chunk(net::buffer(*data)),
                         [self = this->shared_from_this(), data](beast::error_code ec, std::size_t) {
                           self->writing_ = false;
                           if (self->body_stream_) self->body_stream_->written(data->size(), !ec);
                           self->drainStream();
                         });
        return;
      }
    }
  }

  // Reads and discards what the client still sends (bounded by a short deadline),
  // so the error answer reaches it before the connection closes.
  void lingerThenClose() {
    if constexpr (!kTls) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
    discard(std::make_shared<std::array<char, 8192>>());
  }

  void discard(std::shared_ptr<std::array<char, 8192>> scratch) {
    stream_.async_read_some(net::buffer(*scratch),
                            [self = this->shared_from_this(), scratch](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->discard(scratch);
                            });
  }

  void close() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->closeTcp(); });
    } else {
      closeTcp();
    }
  }

  void closeTcp() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const HttpLimits& limits_;
  const HttpHandler& handler_;
  std::atomic<std::size_t>& live_;
  Logger& logger_;
  std::string remote_;
  std::shared_ptr<SessionStream> body_stream_;  // while a streamed body is being sent
  bool writing_ = false;
  bool stream_keep_alive_ = false;
  bool linger_on_close_ = false;  // the request was refused unread: drain before closing
  bool head_only_ = false;        // the request in hand is a HEAD: send no body
};

}  // namespace

struct HttpServer::Impl {
  HttpLimits limits;
  HttpHandler handler;
  Logger logger;
  std::optional<net::ssl::context> tls;  // plain HTTP when empty
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::steady_timer accept_pause{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  std::atomic<std::size_t> live{0};

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) {
        admit(std::move(socket));
        return accept();
      }
      // Out of file descriptors (or another transient failure): accepting again at
      // once would spin; give closing connections a moment to free descriptors.
      logger->warn("accept failed: {}; pausing 100 ms", ec.message());
      accept_pause.expires_after(std::chrono::milliseconds(100));
      accept_pause.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec) accept();
      });
    });
  }

  void admit(tcp::socket socket) {
    if (live.fetch_add(1) >= limits.max_connections) {
      live.fetch_sub(1);
      logger->warn("connection limit ({}) reached: refusing a connection", limits.max_connections);
      beast::error_code ignored;
      socket.close(ignored);
      return;
    }
    // Answers and SSE events are small writes: without this, Nagle's algorithm holds
    // them back until the client's delayed ACK (up to 40 ms).
    beast::error_code nodelay_error;
    socket.set_option(tcp::no_delay(true), nodelay_error);
    if (tls) {
      std::make_shared<Session<TlsStream>>(TlsStream(std::move(socket), *tls), limits, handler, live,
                                           logger)
          ->start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), limits,
                                                   handler, live, logger)
          ->start();
    }
  }
};

HttpServer::HttpServer(HttpLimits limits, HttpHandler handler, Logger logger)
    : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  impl_->handler = std::move(handler);
  impl_->logger = std::move(logger);
}

HttpServer::~HttpServer() = default;

Status HttpServer::useTls(const TlsCredentials& credentials) {
  net::ssl::context context(net::ssl::context::tls_server);
  SSL_CTX* native = context.native_handle();
  context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_compression |
                      net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                      net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                      net::ssl::context::single_dh_use);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return makeError("TLS: cannot restrict protocol versions and cipher suites");
  }
  beast::error_code ec;
  context.use_certificate_chain(net::buffer(credentials.certificate_chain_pem), ec);
  if (ec) return makeError("TLS: the certificate chain is refused: " + ec.message());
  context.use_private_key(net::buffer(credentials.private_key_pem), net::ssl::context::pem, ec);
  if (ec) return makeError("TLS: the private key is refused: " + ec.message());
  if (SSL_CTX_check_private_key(native) != 1) {
    return makeError("TLS: the private key does not match the certificate");
  }
  impl_->tls.emplace(std::move(context));
  return {};
}

Result<std::uint16_t> HttpServer::listen(const std::string& address, std::uint16_t port) {
  beast::error_code ec;
  const auto ip = net::ip::make_address(address, ec);
  if (ec) return makeError("invalid listen address \"" + address + "\": " + ec.message());
  const tcp::endpoint endpoint{ip, port};
  auto& acceptor = impl_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); ec) return makeError("open socket: " + ec.message());
  acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (acceptor.bind(endpoint, ec); ec) {
    return makeError("bind " + address + ":" + std::to_string(port) + ": " + ec.message());
  }
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec) {
    return makeError("listen: " + ec.message());
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::run(unsigned threads) {
  impl_->signals.async_wait([this](beast::error_code ec, int signal) {
    if (!ec) impl_->logger->info("signal {} received: stopping", signal);
    stop();
  });
  impl_->accept();
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& worker : workers) worker.join();
}

void HttpServer::stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->signals.cancel(ignored);
    impl_->ioc.stop();
  });
}

}  // namespace parc::server
