#include "bench/fleet_sim/http_load.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <thread>

namespace parc::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

std::chrono::microseconds since(SteadyTime start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
}

net::awaitable<void> runLane(tcp::endpoint endpoint, std::string host, Lane& lane) {
  auto executor = co_await net::this_coro::executor;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  net::steady_timer timer(executor);
  while (auto request = lane.next()) {
    if (request->scheduled > std::chrono::steady_clock::now()) {
      timer.expires_at(request->scheduled);
      co_await timer.async_wait(net::use_awaitable);
    }
    try {
      if (!stream) {
        stream.emplace(executor);
        stream->expires_after(std::chrono::seconds(30));
        co_await stream->async_connect(endpoint, net::use_awaitable);
        buffer.clear();
      }
      http::request<http::string_body> message{http::verb::post, request->target, 11};
      message.set(http::field::host, host);
      message.set(http::field::content_type, "application/json");
      if (!request->bearer.empty()) message.set(http::field::authorization, "Bearer " + request->bearer);
      message.body() = request->body;  // kept: a refused report is sent again
      message.prepare_payload();
      stream->expires_after(std::chrono::seconds(30));
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

void runLanes(const std::string& host, std::uint16_t port, std::vector<Lane>& lanes, unsigned threads) {
  net::io_context ioc;
  const tcp::endpoint endpoint{net::ip::make_address(host), port};
  for (auto& lane : lanes) net::co_spawn(ioc, runLane(endpoint, host, lane), net::detached);
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& worker : workers) worker.join();
}

}  // namespace parc::bench
