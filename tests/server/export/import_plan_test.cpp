#include <gtest/gtest.h>

#include "server/import/csv_records.h"
#include "server/import/import_plan.h"

namespace parc::server::imports {
namespace {

const std::vector<Site> kSites = {
    {"site-1", "coll-1", "Collège Jean Moulin", std::nullopt},
    {"site-2", "coll-1", "École Jules Ferry", std::nullopt},
    {"site-3", "coll-1", "École Jules Ferry", std::nullopt},  // two schools of one name
};

std::string reasonAt(const ImportPlan& plan, std::size_t line) {
  for (const auto& rejection : plan.rejections) {
    if (rejection.line == line) return rejection.reason;
  }
  return "";
}

TEST(ImportPlan, AcceptsGoodLinesByIdOrNameWithEitherSeparator) {
  const std::string text =
      "site;room;kind;manufacturer;model;serial;status;name\n"
      "Collège Jean Moulin;B12;whiteboard;Promethean;ActivBoard 10;PRM-001;;\n"
      "site-2;;Projector;Epson;EB-680;;in_stock;VP salle 3\n";
  const ImportPlan plan = planImport(text, kSites);
  EXPECT_TRUE(plan.rejections.empty()) << plan.rejections[0].reason;
  ASSERT_EQ(plan.devices.size(), 2u);
  EXPECT_EQ(plan.devices[0].site_id, "site-1");
  EXPECT_EQ(plan.devices[0].room, "B12");
  EXPECT_EQ(plan.devices[0].status, "in_service");
  EXPECT_EQ(plan.devices[0].serial, "PRM-001");
  EXPECT_EQ(plan.devices[0].line, 2u);
  EXPECT_EQ(plan.devices[1].kind, "projector");
  EXPECT_EQ(plan.devices[1].status, "in_stock");
  EXPECT_FALSE(plan.devices[1].serial);
  EXPECT_EQ(plan.devices[1].hostname, "VP salle 3");

  const ImportPlan commas = planImport("\xEF\xBB\xBFkind,serial,site\r\nlaptop,X1,site-1\r\n", kSites);
  ASSERT_EQ(commas.devices.size(), 1u);
  EXPECT_EQ(commas.devices[0].serial, "X1");
}

TEST(ImportPlan, RejectsEveryBadLineWithItsNumberAndReason) {
  const std::string text =
      "site,room,kind,serial,name\n"                    // 1
      "Lycée Inconnu,A1,desktop,S1,\n"                 // 2 unknown site
      "site-1,A1,toaster,S2,\n"                        // 3 bad kind
      "site-1,A1,desktop,S3,\n"                        // 4 ok
      "site-1,A1,desktop,S3,\n"                        // 5 duplicate serial of line 4
      "site-1,A1,desktop\n"                            // 6 wrong column count
      "École Jules Ferry,A1,desktop,S6,\n"             // 7 ambiguous name
      "site-1,A1,desktop,,\n"                          // 8 neither serial nor name
      "\n"                                             // 9 blank: skipped
      "site-1,\"multi\nline room\",laptop,S9,\n"       // 10-11 ok, quoted line break
      "site-1,A2,laptop,,portable 1\n"                 // 12 ok
      "site-1,A2,laptop,,portable 1\n";                // 13 duplicate (site, room, kind, name)
  const ImportPlan plan = planImport(text, kSites);
  EXPECT_EQ(plan.devices.size(), 3u);
  EXPECT_EQ(plan.records, 10u);
  EXPECT_EQ(reasonAt(plan, 2), "unknown site \"Lycée Inconnu\"");
  EXPECT_EQ(reasonAt(plan, 3), "unknown kind \"toaster\"");
  EXPECT_EQ(reasonAt(plan, 4), "");
  EXPECT_EQ(reasonAt(plan, 5), "duplicate serial \"S3\" (line 4)");
  EXPECT_EQ(reasonAt(plan, 6), "expected 5 fields, found 3");
  EXPECT_NE(reasonAt(plan, 7).find("ambiguous"), std::string::npos);
  EXPECT_NE(reasonAt(plan, 8).find("neither serial nor name"), std::string::npos);
  EXPECT_EQ(reasonAt(plan, 13), "duplicate device (line 12)");
  ASSERT_EQ(plan.devices[1].line, 10u);
  EXPECT_EQ(plan.devices[1].room, "multi\nline room");
  EXPECT_EQ(plan.rejections.size(), 7u);
}

TEST(ImportPlan, RefusesABadHeader) {
  EXPECT_EQ(planImport("", kSites).rejections.at(0).reason, "no header line");
  EXPECT_EQ(planImport("room,kind\nA,desktop\n", kSites).rejections.at(0).reason,
            "the header needs at least the columns site and kind");
  EXPECT_EQ(planImport("site,kind,colour\n", kSites).rejections.at(0).reason, "unknown column \"colour\"");
  EXPECT_EQ(planImport("site,kind,name,hostname\n", kSites).rejections.at(0).reason,
            "column \"hostname\" given twice");
  EXPECT_TRUE(planImport("site,kind,name,hostname\nsite-1,laptop,a,b\n", kSites).devices.empty());
}

TEST(ImportPlan, HostileInput) {
  // Truncated in a quoted field.
  auto plan = planImport("site,kind,serial\nsite-1,laptop,\"S1", kSites);
  EXPECT_TRUE(plan.devices.empty());
  EXPECT_NE(reasonAt(plan, 2).find("not closed"), std::string::npos);
  // NUL bytes.
  plan = planImport(std::string("site,kind,serial\nsite-1,laptop,S") + '\0' + " 1\nsite-1,laptop,S2\n", kSites);
  EXPECT_EQ(reasonAt(plan, 2), "NUL byte in the line");
  EXPECT_EQ(plan.devices.size(), 1u);
  // Latin-1 (Windows-1252) instead of UTF-8.
  plan = planImport("site,kind,serial,room\nsite-1,laptop,S1,R\xE9" "fectoire\n", kSites);
  EXPECT_EQ(reasonAt(plan, 2), "invalid UTF-8 (save the file as UTF-8)");
  // UTF-16 with its BOM.
  plan = planImport(std::string("\xFF\xFEs\0i\0t\0e\0", 10), kSites);
  EXPECT_EQ(reasonAt(plan, 1), "the file is UTF-16: save it as UTF-8");
  // Garbage bytes.
  plan = planImport("site,kind,serial\n\x80\x81\x82,\xFF,\xFE\n", kSites);
  EXPECT_FALSE(reasonAt(plan, 2).empty());
  EXPECT_TRUE(plan.devices.empty());
  // An oversized field.
  plan = planImport("site,kind,serial\nsite-1,laptop," + std::string(5000, 'S') + "\n", kSites);
  EXPECT_NE(reasonAt(plan, 2).find("longer than"), std::string::npos);
}

TEST(ImportPlan, AFiftyMegabyteLineIsRejectedAndTheNextLinesStillCount) {
  std::string text = "site,kind,serial\nsite-1,laptop,";
  text.append(50u << 20, 'x');
  text += "\nsite-1,laptop,S2\n";
  const ImportPlan plan = planImport(text, kSites);
  EXPECT_NE(reasonAt(plan, 2).find("line longer than"), std::string::npos);
  ASSERT_EQ(plan.devices.size(), 1u);
  EXPECT_EQ(plan.devices[0].line, 3u);
}

TEST(CsvRecords, DetectsTheSeparatorFromTheHeader) {
  EXPECT_EQ(detectSeparator("site;kind;serial\na,b,c,d,e"), ';');
  EXPECT_EQ(detectSeparator("site,kind,\"a;b;c\"\n"), ',');
}

}  // namespace
}  // namespace parc::server::imports
