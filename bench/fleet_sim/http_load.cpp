#include "bench/fleet_sim/http_load.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <thread>

namespace parc::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
namespace ssl = net::ssl;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

std::chrono::microseconds since(SteadyTime start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
}

// A new connection on `stream`: TCP, then the TLS handshake for a TLS stream.
template <class Stream>
net::awaitable<void> connect(std::optional<Stream>& stream, tcp::endpoint endpoint, ssl::context* tls) {
  auto executor = co_await net::this_coro::executor;
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    stream.emplace(executor, *tls);
  } else {
    stream.emplace(executor);
  }
  beast::get_lowest_layer(*stream).expires_after(std::chrono::seconds(30));
  co_await beast::get_lowest_layer(*stream).async_connect(endpoint, net::use_awaitable);
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    co_await stream->async_handshake(ssl::stream_base::client, net::use_awaitable);
  }
}

template <class Stream>
net::awaitable<void> runLane(tcp::endpoint endpoint, std::string host, Lane& lane, ssl::context* tls) {
  auto executor = co_await net::this_coro::executor;
  std::optional<Stream> stream;
  beast::flat_buffer buffer;
  net::steady_timer timer(executor);
  while (auto request = lane.next()) {
    if (request->scheduled > std::chrono::steady_clock::now()) {
      timer.expires_at(request->scheduled);
      co_await timer.async_wait(net::use_awaitable);
    }
    try {
      if (!stream) {
        co_await connect(stream, endpoint, tls);
        buffer.clear();
      }
      http::request<http::string_body> message{http::verb::post, request->target, 11};
      message.set(http::field::host, host);
      message.set(http::field::content_type, "application/json");
      if (!request->bearer.empty()) message.set(http::field::authorization, "Bearer " + request->bearer);
      message.body() = request->body;  // kept: a refused report is sent again
      message.prepare_payload();
      beast::get_lowest_layer(*stream).expires_after(std::chrono::seconds(30));
      co_await http::async_write(*stream, message, net::use_awaitable);
      http::response_parser<http::string_body> parser;
      parser.body_limit(1 << 20);
      co_await http::async_read(*stream, buffer, parser, net::use_awaitable);
      const auto& answer = parser.get();
      LoadResponse response{static_cast<int>(answer.result_int()), answer.body(),
                            std::string(answer[http::field::retry_after])};
      const bool keep = answer.keep_alive();
      lane.done(*request, &response, "", since(request->scheduled));
      if (!keep) stream.reset();
    } catch (const boost::system::system_error& e) {
      const std::string kind = e.code() == beast::error::timeout ? "timeout"
                               : e.code() == net::error::connection_refused ? "connection_refused"
                               : e.code() == net::error::connection_reset ? "connection_reset"
                               : e.code() == http::error::end_of_stream ? "closed"
                                                                         : "io_" + e.code().message();
      lane.done(*request, nullptr, kind, since(request->scheduled));
      stream.reset();
    }
  }
}

}  // namespace

void runLanes(const std::string& host, std::uint16_t port, std::vector<Lane>& lanes, unsigned threads,
              const TlsOptions& tls) {
  net::io_context ioc;
  const tcp::endpoint endpoint{net::ip::make_address(host), port};
  ssl::context context(ssl::context::tls_client);
  if (tls.enabled && !tls.insecure) {
    context.load_verify_file(tls.ca_file);  // throws when unreadable: the caller reports it
    context.set_verify_mode(ssl::verify_peer);
  }
  for (auto& lane : lanes) {
    if (tls.enabled) {
      net::co_spawn(ioc, runLane<TlsStream>(endpoint, host, lane, &context), net::detached);
    } else {
      net::co_spawn(ioc, runLane<beast::tcp_stream>(endpoint, host, lane, nullptr), net::detached);
    }
  }
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& worker : workers) worker.join();
}

}  // namespace parc::bench
