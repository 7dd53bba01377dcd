#include "server/web/web_route.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "server/web/asset_path.h"

namespace parc::server::web {
namespace {

const WebAsset kAssets[] = {
    {"app.js", "import { t } from './i18n.js';\n"},
    {"index.html", "<!doctype html><title>Parc</title>"},
    {"style.css", "body { color: #111; }\n"},
};

HttpRequest get(std::string path, std::string method = "GET") {
  HttpRequest request;
  request.method = std::move(method);
  request.path = path;
  request.target = std::move(path);
  return request;
}

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(WebRoute, ServesIndexAndAssetsWithTheirType) {
  const WebRoute route(kAssets);
  for (const auto& asset : kAssets) {
    const std::string path = asset.name == "index.html" ? "/" : "/assets/" + std::string(asset.name);
    const auto response = route.handle(get(path));
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 200) << path;
    EXPECT_EQ(response->body, asset.body) << path;
    EXPECT_EQ(response->content_type, contentTypeFor(asset.name)) << path;
    EXPECT_EQ(header(*response, "ETag"), entityTag(asset.body));
    EXPECT_EQ(header(*response, "Cache-Control"), "no-cache");
  }
}

TEST(WebRoute, EveryAnswerCarriesTheSecurityHeaders) {
  const WebRoute route(kAssets);
  for (const std::string path : {"/", "/assets/app.js", "/assets/nope.js", "/assets/../x"}) {
    const auto response = route.handle(get(path));
    ASSERT_TRUE(response) << path;
    const auto csp = header(*response, "Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(header(*response, "X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(header(*response, "X-Frame-Options"), "DENY") << path;
  }
}

TEST(WebRoute, IfNoneMatchGivesNotModified) {
  const WebRoute route(kAssets);
  auto request = get("/assets/style.css");
  const auto first = route.handle(request);
  ASSERT_TRUE(first);
  request.headers.emplace_back("If-None-Match", header(*first, "ETag"));
  const auto again = route.handle(request);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(header(*again, "ETag"), header(*first, "ETag"));

  request.headers.back().second = "\"stale\"";
  EXPECT_EQ(route.handle(request)->status, 200);
}

TEST(WebRoute, HeadAnswersLikeGetAndTheTransportDropsTheBody) {
  const WebRoute route(kAssets);
  const auto response = route.handle(get("/", "HEAD"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, kAssets[1].body);
  EXPECT_EQ(header(*response, "ETag"), entityTag(kAssets[1].body));
}

TEST(WebRoute, OtherMethodsAreRefused) {
  const WebRoute route(kAssets);
  for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    const auto response = route.handle(get("/assets/app.js", method));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 405) << method;
    EXPECT_EQ(header(*response, "Allow"), "GET, HEAD");
  }
}

TEST(WebRoute, UnknownAndHostilePathsAnswer404WithoutContent) {
  const WebRoute route(kAssets);
  const std::string hostile[] = {"/assets/missing.js", "/assets/../index.html", "/assets/..%2fapp.js",
                                 std::string("/assets/app.js\0", 15), "/assets/", "/assets",
                                 "/assets/app.js/", "/assets/APP.JS"};
  for (const auto& path : hostile) {
    const auto response = route.handle(get(path));
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 404) << path;
    EXPECT_EQ(response->body.find("import"), std::string::npos) << path;
  }
}

TEST(WebRoute, LeavesApiPathsAlone) {
  const WebRoute route(kAssets);
  for (const std::string path : {"/api/v1/devices", "/healthz", "/index.htm", "/asset/app.js", "/x/"}) {
    EXPECT_FALSE(route.handle(get(path))) << path;
  }
}

class WebRouteFromDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("parc-web-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "web");
    write(dir_ / "web" / "index.html", "<!doctype html>v1");
    write(dir_ / "secret.txt", "do not serve");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(WebRouteFromDirectory, ReadsEachRequestFromDisk) {
  const WebRoute route(dir_ / "web");
  EXPECT_EQ(route.handle(get("/"))->body, "<!doctype html>v1");
  const auto etag = header(*route.handle(get("/")), "ETag");
  write(dir_ / "web" / "index.html", "<!doctype html>v2");
  const auto changed = route.handle(get("/"));
  EXPECT_EQ(changed->body, "<!doctype html>v2");
  EXPECT_NE(header(*changed, "ETag"), etag);
}

TEST_F(WebRouteFromDirectory, NeverLeavesItsDirectory) {
  const WebRoute route(dir_ / "web");
  EXPECT_EQ(route.handle(get("/assets/../secret.txt"))->status, 404);
  EXPECT_EQ(route.handle(get("/assets/secret.txt"))->status, 404);
  std::filesystem::create_directories(dir_ / "web" / "sub.js");  // a directory, not a file
  EXPECT_EQ(route.handle(get("/assets/sub.js"))->status, 404);
}

TEST(EmbeddedAssets, HoldTheDashboard) {
  const auto assets = embeddedWebAssets();
  bool index = false, app = false;
  for (const auto& asset : assets) {
    EXPECT_FALSE(asset.body.empty()) << asset.name;
    EXPECT_TRUE(assetNameFor("/assets/" + std::string(asset.name)).ok()) << asset.name;
    index = index || asset.name == "index.html";
    app = app || asset.name == "app.js";
  }
  EXPECT_TRUE(index);
  EXPECT_TRUE(app);
  const WebRoute route(assets);
  const auto page = route.handle(get("/"));
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("app.js"), std::string::npos);
}

}  // namespace
}  // namespace parc::server::web
