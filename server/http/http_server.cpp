#include "server/http/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

namespace parc::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

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
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpLimits& limits, const HttpHandler& handler,
          std::atomic<std::size_t>& live, Logger& logger)
      : stream_(std::move(socket)), limits_(limits), handler_(handler), live_(live), logger_(logger) {
    boost::system::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() { live_.fetch_sub(1); }

  void start() { readRequest(limits_.idle_timeout); }

 private:
  void readRequest(std::chrono::seconds timeout) {
    parser_.emplace();
    parser_->body_limit(limits_.body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(limits_.header_bytes));
    stream_.expires_after(timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::onRead, shared_from_this()));
  }

  void onRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return close();
    }
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
    answer(std::move(response), request.keep_alive());
  }

  void answer(HttpResponse response, bool keep_alive) {
    auto message = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(response.status), 11);
    message->set(http::field::server, "parc-server");
    message->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    stream_.expires_after(limits_.request_timeout);
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                        if (ec || !message->keep_alive()) return self->close();
                        self->readRequest(self->limits_.idle_timeout);
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const HttpLimits& limits_;
  const HttpHandler& handler_;
  std::atomic<std::size_t>& live_;
  Logger& logger_;
  std::string remote_;
};

}  // namespace

struct HttpServer::Impl {
  HttpLimits limits;
  HttpHandler handler;
  Logger logger;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  std::atomic<std::size_t> live{0};

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) admit(std::move(socket));
      accept();
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
    std::make_shared<Session>(std::move(socket), limits, handler, live, logger)->start();
  }
};

HttpServer::HttpServer(HttpLimits limits, HttpHandler handler, Logger logger)
    : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  impl_->handler = std::move(handler);
  impl_->logger = std::move(logger);
}

HttpServer::~HttpServer() = default;

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
