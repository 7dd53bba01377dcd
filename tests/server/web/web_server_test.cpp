// The dashboard served by a real parc-server on 127.0.0.1: the embedded files,
// conditional requests, HEAD, hostile paths sent as raw bytes, and --web-dir.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "tests/integration/http_client.h"
#include "tests/integration/parc_fixture.h"
#include "tests/integration/raw_client.h"

namespace parc::testing {
namespace {

std::filesystem::path freshDir(const std::string& name) {
  const auto dir = std::filesystem::path(PARC_BINARY_DIR) / "tests" / "web-server" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(WebServer, ServesTheEmbeddedDashboardOverTls) {
  ParcServer server(freshDir("tls"));
  server.start();
  const auto page = httpRequest("GET", server.url() + "/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<script type=\"module\" src=\"/assets/app.js\">"), std::string::npos);
  EXPECT_EQ(headerValue(page.headers, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(headerValue(page.headers, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(headerValue(page.headers, "X-Frame-Options"), "DENY");
  EXPECT_EQ(headerValue(page.headers, "X-Content-Type-Options"), "nosniff");

  // Every module index.html and app.js name is there, with its type.
  for (const std::string name : {"app.js", "api.js", "i18n.js", "dom.js", "charts.js", "route.js", "style.css"}) {
    const auto asset = httpRequest("GET", server.url() + "/assets/" + name);
    EXPECT_EQ(asset.status, 200) << name;
    EXPECT_FALSE(asset.body.empty()) << name;
    const auto type = headerValue(asset.headers, "Content-Type");
    EXPECT_EQ(type, name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8") << name;
  }
  // The API is still the API.
  EXPECT_EQ(httpRequest("GET", server.url() + "/healthz").status, 200);
  const auto unknown = httpRequest("GET", server.url() + "/api/v1/nothing-here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(headerValue(unknown.headers, "Content-Type"), "application/json");
}

TEST(WebServer, ConditionalRequestsAndHead) {
  ParcServer server(freshDir("conditional"));
  server.start();
  const auto first = httpRequest("GET", server.url() + "/assets/style.css");
  ASSERT_EQ(first.status, 200);
  const auto etag = headerValue(first.headers, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(headerValue(first.headers, "Cache-Control"), "no-cache");
  const auto again = httpRequest("GET", server.url() + "/assets/style.css", "", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(httpRequest("GET", server.url() + "/assets/style.css", "", {"If-None-Match: \"other\""}).status, 200);

  const auto head = httpRequest("HEAD", server.url() + "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  const auto index = httpRequest("GET", server.url() + "/");
  EXPECT_EQ(headerValue(head.headers, "Content-Length"), std::to_string(index.body.size()));
  EXPECT_EQ(headerValue(head.headers, "ETag"), headerValue(httpRequest("GET", server.url() + "/").headers, "ETag"));
  EXPECT_EQ(httpRequest("POST", server.url() + "/assets/app.js", "x").status, 405);
}

TEST(WebServer, HostilePathsAreRefused) {
  ParcServer server(freshDir("hostile"));
  server.start({"--plain-http"});
  const std::string targets[] = {
      "/assets/../parc.db",      "/assets/%2e%2e/parc.db", "/assets/%2E%2E%2Fparc.db", "/assets/..%2f..%2fetc%2fpasswd",
      "/assets/app.js%00.png",   "/assets/%00",            "/assets/nope.js",          "/assets/.%2e/ca.pem",
      "/assets/..\\parc.db",     "/assets/" + std::string(5000, 'a') + ".js",
  };
  for (const auto& target : targets) {
    RawConnection raw("127.0.0.1", server.port());
    ASSERT_TRUE(raw.connected());
    raw.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto answer = raw.receive(std::chrono::seconds(5));
    const int status = statusOf(answer);
    EXPECT_TRUE(status == 400 || status == 404) << target.substr(0, 80) << " → " << status;
    EXPECT_EQ(answer.find("SQLite format"), std::string::npos) << target.substr(0, 80);
    EXPECT_EQ(answer.find("BEGIN CERTIFICATE"), std::string::npos) << target.substr(0, 80);
  }
  // The server is still fine.
  RawConnection raw("127.0.0.1", server.port());
  raw.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(statusOf(raw.receive(std::chrono::seconds(5))), 200);
}

TEST(WebServer, WebDirServesFilesFromDisk) {
  const auto dir = freshDir("web-dir");
  std::filesystem::create_directories(dir / "static");
  std::ofstream(dir / "static" / "index.html") << "<!doctype html><p>from disk</p>";
  std::ofstream(dir / "static" / "app.js") << "export const fromDisk = 1;\n";
  std::filesystem::create_directories(dir / "server");
  ParcServer server(dir / "server");
  server.start({"--web-dir", (dir / "static").string()});
  const auto page = httpRequest("GET", server.url() + "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><p>from disk</p>");
  EXPECT_EQ(httpRequest("GET", server.url() + "/assets/app.js").body, "export const fromDisk = 1;\n");
  EXPECT_EQ(httpRequest("GET", server.url() + "/assets/style.css").status, 404);
}

}  // namespace
}  // namespace parc::testing
