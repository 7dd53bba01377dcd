// libFuzzer target: raw bytes from a client, through Beast's request parser (with
// the server's limits) and the request-target splitting, up to routing.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <cstdint>

#include "server/http/http_message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.body_limit(64 * 1024);
  parser.header_limit(16 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_header_done()) return 0;
  const auto& request = parser.get();
  parc::server::HttpRequest plain;
  plain.target = std::string(request.target());
  for (const auto& field : request) {
    plain.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  if (parc::server::splitTarget(plain.target, plain.path, plain.query)) {
    (void)plain.bearerToken();
    (void)plain.header("Content-Type");
  }
  return 0;
}
