// http-floor: the bare HTTP floor for fleet-sim. The same Beast transport as
// parc-server (server/http), answering every request at once without parsing,
// authenticating or storing anything: what the transport alone costs here.

#include <iostream>
#include <string>

#include "server/http/http_server.h"

int main(int argc, char** argv) {
  using namespace parc::server;
  const std::string usage = "Usage: http-floor [PORT [THREADS]]  (listens on 127.0.0.1; default 8481, 2 threads)\n";
  if (argc > 1 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << usage;
    return 0;
  }
  const auto port = static_cast<std::uint16_t>(argc > 1 ? std::stoi(argv[1]) : 8481);
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoi(argv[2])) : 2;
  const HttpHandler answer = [](const HttpRequest& request) {
    if (request.path == "/api/v1/enroll") {
      return HttpResponse{201, "application/json",
                          R"({"agent_id":"floor","agent_secret":"floor","device_id":"floor",)"
                          R"("site":{"id":"floor","name":"floor"},"report_interval_s":900})",
                          {}};
    }
    return HttpResponse{202, "application/json", R"({"ack":0,"next_report_in_s":900,"send_full":false})", {}};
  };
  HttpServer server(HttpLimits{}, answer, parc::nullLogger());
  auto bound = server.listen("127.0.0.1", port);
  if (!bound) {
    std::cerr << "http-floor: " << bound.error() << "\n";
    return 1;
  }
  std::cout << "http-floor: listening on 127.0.0.1:" << *bound << std::endl;
  server.run(threads);
  return 0;
}
