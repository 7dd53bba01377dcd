// The PJLink client against the real pjlink-sim binary, one mode per test.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "agent/pjlink/client.h"
#include "agent/pjlink/projector_collector.h"
#include "tests/agent/pjlink/sim_process.h"

namespace parc::agent::pjlink {
namespace {

using parc::testing::PjlinkSim;
using parc::testing::TempDir;

ProjectorTarget targetOf(const PjlinkSim& sim, const std::string& options = "") {
  auto target = parseProjectorTarget(sim.target(options));
  EXPECT_TRUE(target) << target.error();
  return *target;
}

ClientOptions quick() {
  ClientOptions options;
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.reply_timeout = std::chrono::milliseconds(2000);
  options.total_timeout = std::chrono::milliseconds(10000);
  return options;
}

class PjlinkClientSim : public ::testing::Test {
 protected:
  TempDir dir_{"pjlink-client"};
};

TEST_F(PjlinkClientSim, AuthenticatedClassTwoPoll) {
  PjlinkSim sim(dir_.path(), {"--password", "secret", "--serial", "PTX-0042", "--lamp", "2810",
                              "--filter", "77", "--erst", "000010"});
  const auto reading = pollProjector(targetOf(sim, "password=secret lamp_life_hours=3500 name=Salle B13"), quick());
  EXPECT_EQ(reading.state.reachable, true);
  EXPECT_FALSE(reading.state.poll_error) << *reading.state.poll_error;
  EXPECT_EQ(reading.inventory.address, sim.target());
  EXPECT_EQ(reading.inventory.name, "Salle B13");  // the configured name wins over NAME
  EXPECT_EQ(reading.inventory.manufacturer, "EPSON");
  EXPECT_EQ(reading.inventory.model, "EB-W49");
  EXPECT_EQ(reading.inventory.serial, "PTX-0042");
  EXPECT_EQ(reading.inventory.firmware, "1.02");
  EXPECT_EQ(reading.inventory.pjlink_class, "2");
  EXPECT_EQ(reading.inventory.filter_replacement, "ELPAF54");
  EXPECT_EQ(reading.inventory.lamp_replacement, "ELPLP97");
  EXPECT_FALSE(reading.inventory.other_info);  // empty INFO
  EXPECT_EQ(reading.state.power, "on");
  ASSERT_TRUE(reading.state.errors);
  EXPECT_EQ(reading.state.errors->filter, "warning");
  EXPECT_EQ(reading.state.errors->lamp, "ok");
  EXPECT_EQ(reading.state.lamp_hours, std::vector<std::int64_t>{2810});
  EXPECT_EQ(reading.state.lamp_states, std::vector<std::string>{"on"});
  EXPECT_EQ(reading.state.filter_hours, 77);
  EXPECT_EQ(reading.state.lamp_life_hours, 3500);
}

TEST_F(PjlinkClientSim, WrongPasswordIsReportedNotFatal) {
  PjlinkSim sim(dir_.path(), {"--password", "secret"});
  const auto reading = pollProjector(targetOf(sim, "password=wrong"), quick());
  EXPECT_EQ(reading.state.reachable, true);
  ASSERT_TRUE(reading.state.poll_error);
  EXPECT_NE(reading.state.poll_error->find("wrong password"), std::string::npos) << *reading.state.poll_error;
  EXPECT_FALSE(reading.inventory.manufacturer);
  EXPECT_FALSE(reading.state.power);
}

TEST_F(PjlinkClientSim, MissingPasswordIsSaid) {
  PjlinkSim sim(dir_.path(), {"--password", "secret"});
  const auto reading = pollProjector(targetOf(sim), quick());
  ASSERT_TRUE(reading.state.poll_error);
  EXPECT_NE(reading.state.poll_error->find("requires a password"), std::string::npos);
}

TEST_F(PjlinkClientSim, ClassOneOnlyWithTextualClass) {
  PjlinkSim sim(dir_.path(), {"--class", "1", "--class-text"});
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_FALSE(reading.state.poll_error) << *reading.state.poll_error;
  EXPECT_EQ(reading.inventory.pjlink_class, "1");
  EXPECT_EQ(reading.inventory.manufacturer, "EPSON");
  EXPECT_FALSE(reading.inventory.serial);  // SNUM is class 2: never asked
  EXPECT_FALSE(reading.state.filter_hours);
}

TEST_F(PjlinkClientSim, LampErrorAndHoursSetAtRunTime) {
  PjlinkSim sim(dir_.path(), {});
  ASSERT_EQ(sim.control("erst 020000"), "ok");
  ASSERT_EQ(sim.control("lamp 3100,45"), "ok");
  const auto reading = pollProjector(targetOf(sim), quick());
  ASSERT_TRUE(reading.state.errors);
  EXPECT_EQ(reading.state.errors->lamp, "error");
  EXPECT_EQ(reading.state.errors->fan, "ok");
  EXPECT_EQ(reading.state.lamp_hours, (std::vector<std::int64_t>{3100, 45}));
}

TEST_F(PjlinkClientSim, CoverOpen) {
  PjlinkSim sim(dir_.path(), {"--erst", "000200"});
  const auto reading = pollProjector(targetOf(sim), quick());
  ASSERT_TRUE(reading.state.errors);
  EXPECT_EQ(reading.state.errors->cover, "error");
  EXPECT_EQ(reading.state.errors->lamp, "ok");
}

TEST_F(PjlinkClientSim, StandbySlowAnswersWithinTheTimeout) {
  PjlinkSim sim(dir_.path(), {"--standby-err3"});
  ASSERT_EQ(sim.control("power off"), "ok");
  ASSERT_EQ(sim.control("slow_ms 150"), "ok");
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_EQ(reading.state.reachable, true);
  EXPECT_FALSE(reading.state.poll_error) << *reading.state.poll_error;
  EXPECT_EQ(reading.state.power, "off");
  EXPECT_TRUE(reading.state.lamp_hours.empty());  // ERR3 in standby: not a fault
  EXPECT_EQ(reading.inventory.serial, "X4JK8300123");
}

TEST_F(PjlinkClientSim, AnswerSlowerThanTheTimeoutStopsThePoll) {
  PjlinkSim sim(dir_.path(), {"--slow-ms", "3000"});
  ClientOptions options = quick();
  options.reply_timeout = std::chrono::milliseconds(200);
  const auto reading = pollProjector(targetOf(sim), options);
  EXPECT_EQ(reading.state.reachable, true);
  ASSERT_TRUE(reading.state.poll_error);
  EXPECT_NE(reading.state.poll_error->find("timed out"), std::string::npos) << *reading.state.poll_error;
}

TEST_F(PjlinkClientSim, OneDroppedAnswerIsRetriedOnANewConnection) {
  PjlinkSim sim(dir_.path(), {"--drop", "1"});
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_FALSE(reading.state.poll_error) << *reading.state.poll_error;
  EXPECT_EQ(reading.inventory.pjlink_class, "2");
  EXPECT_EQ(reading.inventory.serial, "X4JK8300123");
}

TEST_F(PjlinkClientSim, RepeatedDropsKeepWhatWasRead) {
  PjlinkSim sim(dir_.path(), {});
  ASSERT_EQ(sim.control("drop 50"), "ok");
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_EQ(reading.state.reachable, true);
  ASSERT_TRUE(reading.state.poll_error);
  EXPECT_NE(reading.state.poll_error->find("closed"), std::string::npos) << *reading.state.poll_error;
}

TEST_F(PjlinkClientSim, LowerCaseReplies) {
  PjlinkSim sim(dir_.path(), {"--lowercase", "--erst", "100000"});
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_FALSE(reading.state.poll_error) << *reading.state.poll_error;
  EXPECT_EQ(reading.state.power, "on");
  EXPECT_EQ(reading.state.errors->fan, "warning");
  EXPECT_EQ(reading.inventory.model, "EB-W49");
}

TEST_F(PjlinkClientSim, EndlessGarbageLineIsCutAtTheBound) {
  PjlinkSim sim(dir_.path(), {"--garbage"});
  const auto reading = pollProjector(targetOf(sim), quick());
  ASSERT_TRUE(reading.state.poll_error);
  EXPECT_NE(reading.state.poll_error->find("no CR within 512 bytes"), std::string::npos)
      << *reading.state.poll_error;
  EXPECT_FALSE(reading.inventory.pjlink_class);
}

TEST_F(PjlinkClientSim, LaserProjectorHasNoLampHoursAndNoError) {
  PjlinkSim sim(dir_.path(), {"--laser"});
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_FALSE(reading.state.poll_error) << *reading.state.poll_error;
  EXPECT_TRUE(reading.state.lamp_hours.empty());
  EXPECT_EQ(reading.state.power, "on");
}

TEST_F(PjlinkClientSim, WarmingUpAfterPowerOn) {
  PjlinkSim sim(dir_.path(), {"--power", "off", "--warmup-ms", "600000"});
  ASSERT_EQ(sim.control("power on"), "ok");
  const auto reading = pollProjector(targetOf(sim), quick());
  EXPECT_EQ(reading.state.power, "warming");
}

TEST_F(PjlinkClientSim, BusyWithAnotherControllerIsUnreachable) {
  PjlinkSim sim(dir_.path(), {});
  const int holder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(sim.port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  char greeting[16];
  ASSERT_GT(::recv(holder, greeting, sizeof(greeting), 0), 0);  // the sim now serves `holder`
  const auto reading = pollProjector(targetOf(sim), quick());
  ::close(holder);
  EXPECT_EQ(reading.state.reachable, false);
  ASSERT_TRUE(reading.state.poll_error);
  EXPECT_NE(reading.state.poll_error->find("another controller"), std::string::npos) << *reading.state.poll_error;
}

std::uint16_t closedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST_F(PjlinkClientSim, CollectorReportsReachableAndUnreachable) {
  PjlinkSim sim(dir_.path(), {"--erst", "200000"});
  const std::string closed = "127.0.0.1:" + std::to_string(closedPort());
  auto targets = parseProjectorTargets({sim.target(), closed});
  ASSERT_TRUE(targets) << targets.error();
  collectors::ProjectorCollector collector(*targets, quick());
  Snapshot snapshot;
  const auto outcome = collector.collect(FsRoot("/nonexistent"), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.projectors.size(), 2u);
  ASSERT_EQ(snapshot.state.projectors.size(), 2u);
  EXPECT_EQ(snapshot.state.projectors[0].reachable, true);
  EXPECT_EQ(snapshot.state.projectors[0].errors->fan, "error");
  EXPECT_EQ(snapshot.state.projectors[1].reachable, false);
  EXPECT_EQ(snapshot.state.projectors[1].address, closed);
  EXPECT_EQ(snapshot.inventory.projectors[1].address, closed);
}

TEST(ProjectorCollector, NothingConfiguredIsNoData) {
  collectors::ProjectorCollector collector({});
  Snapshot snapshot;
  EXPECT_EQ(collector.collect(FsRoot("/"), snapshot).status, CollectStatus::kNoData);
}

}  // namespace
}  // namespace parc::agent::pjlink
