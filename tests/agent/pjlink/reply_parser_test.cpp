// The PJLink reply parsers, on every exchange observed on real projectors
// (tests/fixtures/pjlink/observed-exchanges.tsv) and on hostile replies.
#include "agent/pjlink/reply_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "agent/pjlink/digest.h"

namespace parc::agent::pjlink {
namespace {

struct Exchange {
  std::string id, device, sent, received, what;
};

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, separator)) out.push_back(field);
  return out;
}

// "<CR>" in the fixture stands for the byte 0x0D, which ends a line on the wire.
std::string wireLine(std::string text) {
  if (const auto cr = text.find("<CR>"); cr != std::string::npos) text.erase(cr);
  return text;
}

std::map<std::string, Exchange> observed() {
  std::ifstream in(std::string(PARC_FIXTURES_DIR) + "/pjlink/observed-exchanges.tsv");
  EXPECT_TRUE(in.good());
  std::map<std::string, Exchange> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    const auto fields = split(line, '\t');
    if (fields.size() < 5) continue;
    rows[fields[0]] = {fields[0], fields[1], fields[2], fields[3], fields[4]};
  }
  return rows;
}

// The four letters of "%1POWR ?<CR>".
std::string commandOf(const std::string& sent) { return sent.substr(2, 4); }

TEST(PjlinkObserved, FixtureHasTheExpectedRows) {
  const auto rows = observed();
  for (const char* id : {"1", "2", "3", "4", "5", "6", "7", "9", "10", "11", "12", "13"}) {
    EXPECT_TRUE(rows.contains(id)) << "row " << id;
  }
}

TEST(PjlinkObserved, LowerCasePowerReply) {  // row 1: "%1powr=0"
  const Exchange row = observed()["1"];
  const auto reply = parseReply(wireLine(row.received), commandOf(row.sent));
  ASSERT_TRUE(reply) << reply.error();
  ASSERT_EQ(reply->kind, ReplyKind::kValue);
  EXPECT_EQ(*parsePower(reply->value), "off");
}

TEST(PjlinkObserved, ClassAnsweredAsText) {  // row 2: "%1CLSS=Class 1"
  const Exchange row = observed()["2"];
  const auto reply = parseReply(wireLine(row.received), commandOf(row.sent));
  ASSERT_TRUE(reply) << reply.error();
  const auto cls = parseClass(reply->value);
  ASSERT_TRUE(cls) << cls.error();
  EXPECT_EQ(*cls, 1);
}

TEST(PjlinkObserved, AuthenticationGreeting) {  // row 3: "PJLINK 1 3067e208"
  const Exchange row = observed()["3"];
  const auto greeting = parseGreeting(wireLine(row.received));
  ASSERT_TRUE(greeting) << greeting.error();
  EXPECT_TRUE(greeting->authentication);
  EXPECT_EQ(greeting->random, wireLine(row.received).substr(9));
}

TEST(PjlinkObserved, AuthenticationRefused) {  // row 4: "PJLINK ERRA"
  const Exchange row = observed()["4"];
  const auto reply = parseReply(wireLine(row.received), "POWR");
  ASSERT_TRUE(reply) << reply.error();
  EXPECT_EQ(reply->kind, ReplyKind::kAuthRefused);
  EXPECT_FALSE(parseGreeting(wireLine(row.received)));
}

TEST(PjlinkObserved, DigestOfTheManualExample) {  // row 5
  const Exchange row = observed()["5"];
  // sent: random "a572f60c", password "password"; received: "md5(...) = <hex>, sent as <hex>%1POWR ?<CR>"
  const auto quoted = split(row.sent, '"');
  ASSERT_GE(quoted.size(), 4u);
  const std::string random = quoted[1], password = quoted[3];
  const auto equals = row.received.find("= ");
  ASSERT_NE(equals, std::string::npos);
  const std::string expected = row.received.substr(equals + 2, 32);
  EXPECT_EQ(authDigest(random, password), expected);
  EXPECT_NE(row.received.find("sent as " + expected + "%1POWR ?"), std::string::npos);
}

TEST(PjlinkObserved, ErrorStatusFanErrorTemperatureWarning) {  // row 6: "%1ERST=201000"
  const Exchange row = observed()["6"];
  const auto reply = parseReply(wireLine(row.received), commandOf(row.sent));
  ASSERT_TRUE(reply) << reply.error();
  const auto errors = parseErrorStatus(reply->value);
  ASSERT_TRUE(errors) << errors.error();
  EXPECT_EQ(errors->fan, "error");
  EXPECT_EQ(errors->lamp, "ok");
  EXPECT_EQ(errors->temperature, "warning");
  EXPECT_EQ(errors->cover, "ok");
  EXPECT_EQ(errors->filter, "ok");
  EXPECT_EQ(errors->other, "ok");
}

TEST(PjlinkObserved, TwoLamps) {  // row 7: "%1LAMP=40 1 20 0"
  const Exchange row = observed()["7"];
  const auto reply = parseReply(wireLine(row.received), commandOf(row.sent));
  ASSERT_TRUE(reply) << reply.error();
  const auto lamps = parseLamps(reply->value);
  ASSERT_TRUE(lamps) << lamps.error();
  ASSERT_EQ(lamps->size(), 2u);
  EXPECT_EQ((*lamps)[0].hours, 40);
  EXPECT_TRUE((*lamps)[0].on);
  EXPECT_EQ((*lamps)[1].hours, 20);
  EXPECT_FALSE((*lamps)[1].on);
}

TEST(PjlinkObserved, EmptyInfoAndClassTwo) {  // row 9: INFO empty, CLSS = 2
  const Exchange row = observed()["9"];
  ASSERT_NE(row.received.find("INFO = empty"), std::string::npos);
  const auto info = parseReply("%1INFO=", "INFO");
  ASSERT_TRUE(info) << info.error();
  const auto text = parseText(info->value);
  ASSERT_TRUE(text);
  EXPECT_FALSE(text->has_value());
  EXPECT_EQ(*parseClass("2"), 2);
}

TEST(PjlinkObserved, ClassTwoInventoryReplies) {  // row 10: SNUM, SVER, FILT, RFIL
  const Exchange row = observed()["10"];
  const auto rfil = row.received.find("ET-RFL400");
  ASSERT_NE(rfil, std::string::npos);
  const auto reply = parseReply("%2RFIL=" + row.received.substr(rfil, 9), "RFIL");
  ASSERT_TRUE(reply) << reply.error();
  EXPECT_EQ(**parseText(reply->value), "ET-RFL400");
  for (const char* command : {"SNUM", "SVER", "FILT", "RFIL"}) {
    EXPECT_NE(row.sent.find(std::string("%2") + command), std::string::npos) << command;
  }
}

TEST(PjlinkObserved, LaserProjectorAnswersErr1ToLamp) {  // row 11: LAMP -> ERR1
  const Exchange row = observed()["11"];
  const auto reply = parseReply("%1LAMP=" + row.received, commandOf(row.sent));
  ASSERT_TRUE(reply) << reply.error();
  EXPECT_EQ(reply->kind, ReplyKind::kUndefined);
}

TEST(PjlinkObserved, PowerStates) {  // row 12: 0 standby, 1 on, 2 cooling down, 3 warm-up
  const Exchange row = observed()["12"];
  const std::map<char, std::string> expected{{'0', "off"}, {'1', "on"}, {'2', "cooling"}, {'3', "warming"}};
  for (const auto& [digit, state] : expected) {
    ASSERT_NE(row.received.find(std::string(1, digit) + " "), std::string::npos);
    const auto reply = parseReply(std::string("%1POWR=") + digit, "POWR");
    ASSERT_TRUE(reply);
    EXPECT_EQ(*parsePower(reply->value), state);
  }
}

TEST(PjlinkObserved, StandbyUnavailableIsNotAFailure) {  // row 13: ERR3 in standby
  const auto reply = parseReply("%1LAMP=ERR3", "LAMP");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->kind, ReplyKind::kUnavailable);
  const auto lower = parseReply("%1lamp=err3", "LAMP");
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->kind, ReplyKind::kUnavailable);
}

TEST(PjlinkReply, EveryErrorCode) {
  EXPECT_EQ(parseReply("%1POWR=ERR1", "POWR")->kind, ReplyKind::kUndefined);
  EXPECT_EQ(parseReply("%1POWR=ERR2", "POWR")->kind, ReplyKind::kOutOfRange);
  EXPECT_EQ(parseReply("%1POWR=ERR3", "POWR")->kind, ReplyKind::kUnavailable);
  EXPECT_EQ(parseReply("%1POWR=ERR4", "POWR")->kind, ReplyKind::kFailure);
  EXPECT_EQ(parseReply("%2SNUM=ERR1", "SNUM")->kind, ReplyKind::kUndefined);
}

TEST(PjlinkReply, GreetingWithoutAuthentication) {
  const auto greeting = parseGreeting("PJLINK 0");
  ASSERT_TRUE(greeting);
  EXPECT_FALSE(greeting->authentication);
  EXPECT_TRUE(parseGreeting("pjlink 0"));
}

struct Hostile {
  const char* name;
  std::string line;
};

void PrintTo(const Hostile& hostile, std::ostream* os) { *os << hostile.name; }

class PjlinkHostileReply : public ::testing::TestWithParam<Hostile> {};

TEST_P(PjlinkHostileReply, IsRefusedWithAReason) {
  const auto reply = parseReply(GetParam().line, "POWR");
  ASSERT_FALSE(reply);
  EXPECT_FALSE(reply.error().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Lines, PjlinkHostileReply,
    ::testing::Values(Hostile{"Empty", ""}, Hostile{"Truncated", "%1PO"}, Hostile{"NoEquals", "%1POWR 1"},
                      Hostile{"OtherCommand", "%1LAMP=1"}, Hostile{"BadClass", "%9POWR=1"},
                      Hostile{"NoPercent", "POWR=1"}, Hostile{"Garbage", std::string("\xff\xfe\x00\x01junk", 9)},
                      Hostile{"Greeting", "PJLINK 0"}, Hostile{"Long", "%1PO" + std::string(100000, 'x')}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PjlinkHostileValues, PowerErrorStatusLampsClassHours) {
  for (const char* value : {"", "4", "01", "x", "-1"}) EXPECT_FALSE(parsePower(value)) << value;
  for (const char* value : {"", "00000", "0000000", "00003x", "abcdef", "0000-1"}) {
    EXPECT_FALSE(parseErrorStatus(value)) << value;
  }
  for (const char* value : {"", "40", "40 2", "-5 1", "100000 1", "40 1 20", "x 1",
                            "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "99999999999999999999 1"}) {
    EXPECT_FALSE(parseLamps(value)) << value;
  }
  for (const char* value : {"", "3", "Class", "Class 3", "12"}) EXPECT_FALSE(parseClass(value)) << value;
  for (const char* value : {"", "-1", "abc", "100000", "1.5"}) EXPECT_FALSE(parseHours(value)) << value;
}

TEST(PjlinkHostileValues, TextRefusesControlBytesAndOverlongValues) {
  EXPECT_FALSE(parseText(std::string("EPS\x01ON", 6)));
  EXPECT_FALSE(parseText(std::string(200, 'a')));
  const auto mangled = parseText("Salle \xe9t\xe9");  // Latin-1, not UTF-8
  ASSERT_TRUE(mangled);
  EXPECT_EQ(**mangled, "Salle ?t?");
  const auto utf8 = parseText("Salle \xc3\xa9t\xc3\xa9");
  ASSERT_TRUE(utf8);
  EXPECT_EQ(**utf8, "Salle \xc3\xa9t\xc3\xa9");
}

TEST(PjlinkHostileValues, GreetingGarbage) {
  for (const std::string& line : {std::string(""), std::string("PJLINK"), std::string("PJLINK 2"),
                                 std::string("PJLINK 1 short"), std::string("PJLINK 1 12345678 extra"),
                                 std::string("HTTP/1.1 400 Bad Request"), std::string("PJLINK ERRA"),
                                 std::string("PJLINK 1 1234\x01" "678", 17)}) {
    EXPECT_FALSE(parseGreeting(line)) << line;
  }
}

}  // namespace
}  // namespace parc::agent::pjlink
