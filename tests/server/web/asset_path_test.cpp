#include "server/web/asset_path.h"

#include <gtest/gtest.h>

#include <string>

namespace parc::server::web {
namespace {

struct NameCase {
  std::string path;
  std::string name;  // empty: refused
};

TEST(AssetPath, NamesTheFileOfADashboardPath) {
  const NameCase cases[] = {
      {"/", "index.html"},
      {"/index.html", "index.html"},
      {"/assets/app.js", "app.js"},
      {"/assets/style.css", "style.css"},
      {"/assets/view-device.js", "view-device.js"},
      {"/assets/favicon.svg", "favicon.svg"},
  };
  for (const auto& c : cases) {
    const auto name = assetNameFor(c.path);
    ASSERT_TRUE(name.ok()) << c.path << ": " << name.error();
    EXPECT_EQ(*name, c.name) << c.path;
  }
}

TEST(AssetPath, RefusesTraversalAndOddNames) {
  // Paths as the transport hands them over: already percent-decoded, so
  // "/assets/%2e%2e/x" arrives as "/assets/../x" and "%00" as a NUL byte.
  const std::string refused[] = {
      "/assets/../api/v1/devices",
      "/assets/..",
      "/assets/../../etc/passwd",
      "/assets/..\\parc.db",
      "/assets/sub/app.js",
      std::string("/assets/app.js\0.png", 19),
      "/assets/app.js\n",
      "/assets/",
      "/assets/.hidden.js",
      "/assets/app.js.",  // no known extension
      "/assets/parc.db",
      "/assets/app.exe",
      "/assets/" + std::string(200, 'a') + ".js",
      "/assets/\xc3\xa9t\xc3\xa9.js",
      "/api/v1/devices",
      "/index.htm",
      "",
  };
  for (const auto& path : refused) {
    EXPECT_FALSE(assetNameFor(path).ok()) << "accepted: " << path;
  }
}

TEST(AssetPath, LabelsEachServedType) {
  EXPECT_EQ(contentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(contentTypeFor("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(contentTypeFor("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(contentTypeFor("favicon.svg"), "image/svg+xml");
  EXPECT_EQ(contentTypeFor("parc.db"), "");
  EXPECT_EQ(contentTypeFor(".js"), "");
}

TEST(AssetPath, EntityTagFollowsTheBytes) {
  const auto a = entityTag("console.log(1)");
  EXPECT_EQ(a, entityTag("console.log(1)"));
  EXPECT_NE(a, entityTag("console.log(2)"));
  EXPECT_EQ(a.front(), '"');
  EXPECT_EQ(a.back(), '"');
  EXPECT_EQ(a.size(), 26U);
}

TEST(AssetPath, IfNoneMatchListsAndWeakTags) {
  const std::string tag = "\"abc\"";
  EXPECT_TRUE(ifNoneMatchHits("\"abc\"", tag));
  EXPECT_TRUE(ifNoneMatchHits("W/\"abc\"", tag));
  EXPECT_TRUE(ifNoneMatchHits("\"x\", \"abc\"", tag));
  EXPECT_TRUE(ifNoneMatchHits(" * ", tag));
  EXPECT_FALSE(ifNoneMatchHits("", tag));
  EXPECT_FALSE(ifNoneMatchHits("abc", tag));
  EXPECT_FALSE(ifNoneMatchHits("\"abcd\"", tag));
  EXPECT_FALSE(ifNoneMatchHits(",,,", tag));
  EXPECT_FALSE(ifNoneMatchHits(std::string(10000, ','), tag));
}

}  // namespace
}  // namespace parc::server::web
