// Exports and imports through the real server and command line: a filtered API
// export holds exactly what GET /api/v1/devices lists for the same filter, another
// collectivity's devices never appear, imports report rejected lines, re-imports
// change nothing, and both are audited.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "tests/integration/csv_rows.h"
#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class ExportsTest : public ::testing::Test {
 protected:
  ExportsTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    server_.start();
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
    a_site2_ = server_.admin({"site", "add", "--collectivity", a_.collectivity, "École annexe"});
    admin_password_ = server_.addUser(a_.collectivity, "admin", "admin@a.fr");
    viewer_password_ = server_.addUser(a_.collectivity, "viewer", "viewer@a.fr");
  }

  Session login(const std::string& email, const std::string& password) {
    return loginSession(server_.url(), email, password);
  }
  HttpAnswer importCsv(const Session& session, const std::string& csv, bool dry_run, bool csrf = true) {
    std::vector<std::string> headers = {"Cookie: " + session.cookie, "Content-Type: text/csv"};
    if (csrf) headers.push_back("X-CSRF-Token: " + session.csrf);
    return httpRequest("POST", server_.url() + "/api/v1/imports" + (dry_run ? "?dry_run=1" : ""), csv, headers);
  }
  HttpAnswer get(const std::string& path, const std::string& token) {
    return httpRequest("GET", server_.url() + path, "", {"Authorization: Bearer " + token});
  }
  // Every device id GET /api/v1/devices lists for `query`, in order, all pages.
  std::vector<std::string> listedIds(const std::string& query, const std::string& token) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      const json body = server_.getJson("/api/v1/devices?limit=7&" + query + cursor, token);
      for (const auto& device : body["devices"]) ids.push_back(device["id"]);
      if (!body.contains("next_cursor")) break;
      cursor = "&cursor=" + body["next_cursor"].get<std::string>();
    }
    return ids;
  }
  std::string boardsCsv() const {
    std::string csv = "site;room;kind;manufacturer;model;serial;name\n";
    for (int i = 0; i < 12; ++i) {
      csv += (i % 3 ? a_.site : std::string("École annexe")) + ";B" + std::to_string(i % 4) + ";" +
             (i % 2 ? "whiteboard" : "projector") + ";Promethean;=HYPERLINK(\"x\");SER-" + std::to_string(i) + ";\n";
    }
    return csv;
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
  std::string a_site2_, admin_password_, viewer_password_;
};

TEST_F(ExportsTest, ImportThroughTheApiIsCheckedAppliedOnceAndAudited) {
  const Session admin = login("admin@a.fr", admin_password_);
  const std::string bad = boardsCsv() + "École inconnue;;whiteboard;;;X-1;\n" + a_.site + ";;toaster;;;X-2;\n";
  auto answer = importCsv(admin, bad, /*dry_run=*/true);
  ASSERT_EQ(answer.status, 200) << answer.body;
  json report = json::parse(answer.body);
  EXPECT_EQ(report["applied"], false);
  EXPECT_EQ(report["created"], 12);
  ASSERT_EQ(report["rejected"].size(), 2u);
  EXPECT_EQ(report["rejected"][0]["line"], 14);
  EXPECT_EQ(report["rejected"][0]["reason"], "unknown site \"École inconnue\"");
  EXPECT_EQ(report["rejected"][1]["line"], 15);
  answer = importCsv(admin, bad, false);
  EXPECT_EQ(answer.status, 422) << answer.body;
  EXPECT_EQ(json::parse(answer.body)["error"], "import_rejected");
  EXPECT_TRUE(listedIds("", a_.api_token).empty());

  answer = importCsv(admin, boardsCsv(), false, /*csrf=*/false);
  EXPECT_EQ(answer.status, 403) << answer.body;
  const Session viewer = login("viewer@a.fr", viewer_password_);
  EXPECT_EQ(importCsv(viewer, boardsCsv(), false).status, 403);
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/imports", boardsCsv(),
                        {"Authorization: Bearer " + a_.api_token}).status, 403);

  answer = importCsv(admin, boardsCsv(), false);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(json::parse(answer.body)["created"], 12);
  const auto first = listedIds("", a_.api_token);
  answer = importCsv(admin, boardsCsv(), false);
  report = json::parse(answer.body);
  EXPECT_EQ(report["created"], 0);
  EXPECT_EQ(report["updated"], 0);
  EXPECT_EQ(report["unchanged"], 12);
  EXPECT_EQ(listedIds("", a_.api_token), first);

  const auto audit = httpRequest("GET", server_.url() + "/api/v1/audit?limit=100", "", {"Cookie: " + admin.cookie});
  EXPECT_NE(audit.body.find("\"import\""), std::string::npos);
}

TEST_F(ExportsTest, AFilteredExportHoldsExactlyWhatTheListShows) {
  const Session admin = login("admin@a.fr", admin_password_);
  ASSERT_EQ(importCsv(admin, boardsCsv(), false).status, 200);
  // Collectivity B's own boards, through the command line.
  const auto b_csv = dir_.path() / "b.csv";
  std::ofstream(b_csv) << "site,kind,serial\n" << b_.site << ",whiteboard,B-SER-1\n" << b_.site << ",projector,B-SER-2\n";
  const auto cli = run(serverBinary(), {"import", "--data-dir", server_.dataDir().string(), "--collectivity",
                                        b_.collectivity, b_csv.string()}, dir_.path() / "import");
  ASSERT_EQ(cli.exit_code, 0) << cli.err << cli.out;
  // And one real machine in A, with its inventory.
  ParcAgent agent(dir_.path(), "desktop");
  ASSERT_EQ(agent.enroll(server_.url(), a_.token).exit_code, 0);
  ASSERT_EQ(agent.once().exit_code, 0);

  for (const std::string& query :
       std::vector<std::string>{"site=" + a_.site + "&kind=whiteboard", "room=B1", "q=SER-1", ""}) {
    const auto answer = get("/api/v1/exports/inventory?format=csv&separator=%3B&bom=1&" + query, a_.api_token);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(answer.body.starts_with("\xEF\xBB\xBF")) << query;
    EXPECT_EQ(headerValue(answer.headers, "Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(headerValue(answer.headers, "Content-Disposition").starts_with("attachment; filename=\"parc-inventaire-20"));
    const auto rows = csvRows(answer.body.substr(3), ';');
    std::vector<std::string> ids;
    for (const auto& row : rows) {
      ids.push_back(row.at("id"));
      EXPECT_NE(row.at("site"), "École Commune B");
      if (row.at("kind") == "whiteboard" || row.at("kind") == "projector") {
        EXPECT_EQ(row.at("model"), "'=HYPERLINK(\"x\")");
      }
    }
    EXPECT_EQ(ids, listedIds(query, a_.api_token)) << query;
  }
  // The real machine carries its inventory figures.
  auto desktop = csvRows(get("/api/v1/exports/inventory", a_.api_token).body, ',');
  std::erase_if(desktop, [](const auto& row) { return row.at("kind") == "whiteboard" || row.at("kind") == "projector"; });
  ASSERT_EQ(desktop.size(), 1u);
  EXPECT_FALSE(desktop[0].at("memory_mib").empty());
  EXPECT_FALSE(desktop[0].at("cpu").empty());

  // JSON: the same ids as the list, and never one of B's.
  const auto answer = get("/api/v1/exports/inventory?format=json", a_.api_token);
  ASSERT_EQ(answer.status, 200);
  const json exported = json::parse(answer.body);
  std::vector<std::string> ids;
  for (const auto& device : exported) ids.push_back(device["id"]);
  EXPECT_EQ(ids, listedIds("", a_.api_token));
  EXPECT_EQ(ids.size(), 13u);
  const auto b_ids = listedIds("", b_.api_token);
  ASSERT_EQ(b_ids.size(), 2u);
  for (const auto& id : b_ids) EXPECT_EQ(std::find(ids.begin(), ids.end(), id), ids.end());
  // A site of B asked by A: nothing.
  EXPECT_EQ(json::parse(get("/api/v1/exports/inventory?format=json&site=" + b_.site, a_.api_token).body).size(), 0u);

  // XLSX: a zip, named for a spreadsheet.
  const auto xlsx = get("/api/v1/exports/inventory?format=xlsx", a_.api_token);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_TRUE(headerValue(xlsx.headers, "Content-Disposition").ends_with(".xlsx\""));

  const auto audit = httpRequest("GET", server_.url() + "/api/v1/audit?limit=100", "", {"Cookie: " + admin.cookie});
  EXPECT_NE(audit.body.find("\"export\""), std::string::npos);

  // The command line sees every collectivity.
  const auto out = dir_.path() / "all.csv";
  const auto exported_cli = run(serverBinary(), {"export", "--data-dir", server_.dataDir().string(), "--format",
                                                 "csv", "-o", out.string()}, dir_.path() / "export");
  ASSERT_EQ(exported_cli.exit_code, 0) << exported_cli.err;
  EXPECT_EQ(csvRows(readFile(out), ',').size(), 15u);
}

TEST_F(ExportsTest, BadRequestsAreRefused) {
  EXPECT_EQ(get("/api/v1/exports/inventory?format=pdf", a_.api_token).status, 400);
  EXPECT_EQ(get("/api/v1/exports/inventory?separator=|", a_.api_token).status, 400);
  EXPECT_EQ(get("/api/v1/exports/inventory?bom=maybe", a_.api_token).status, 400);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/exports/inventory").status, 401);
  EXPECT_EQ(get("/api/v1/exports/inventory", "not-a-token").status, 401);
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/exports/inventory", "", {"Authorization: Bearer " + a_.api_token}).status, 405);
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/imports", "site,kind\n").status, 401);
  const auto usage = run(serverBinary(), {"export", "--format", "pdf"}, dir_.path() / "usage");
  EXPECT_EQ(usage.exit_code, 2);
}

}  // namespace
}  // namespace parc::testing
