// The real parc-agent binary: `inventory` never maps libcurl or OpenSSL (LD_DEBUG=files
// lists every library the loader opens, dlopen() included), sending does, and a missing
// or corrupt network module is a clear error that keeps the report in the spool.

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "agent/agent_state.h"
#include "agent/net/net_module_loader.h"

namespace parc::agent {
namespace {

namespace fs = std::filesystem;

const fs::path kAgent = fs::path(PARC_BINARY_DIR) / "agent/parc-agent";

struct AgentRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class NetModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parc-net-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "state");
  }
  void TearDown() override { fs::remove_all(dir_); }

  AgentRun run(const fs::path& agent, const std::string& args, const std::string& env = "") {
    const std::string command = env + " '" + agent.string() + "' " + args + " --config /dev/null --state_dir '" +
                                (dir_ / "state").string() + "' >'" + (dir_ / "out").string() + "' 2>'" +
                                (dir_ / "err").string() + "'";
    const int status = std::system(command.c_str());
    return AgentRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, readFile(dir_ / "out"), readFile(dir_ / "err")};
  }

  // An identity for a server nobody listens on (port 1): `once` gets as far as sending.
  void enrollOffline() {
    Identity identity{"http://127.0.0.1:1", "a1", "s1", "d1", "site1", "School", "", "2026-11-23T08:00:00Z"};
    ASSERT_TRUE(StateDir(dir_ / "state").saveIdentity(identity).ok());
  }

  std::size_t spooled() {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir_ / "state/spool")) count += entry.is_regular_file();
    return count;
  }

  // A copy of the agent in <dir>/bin, so its module is looked for in <dir>/lib/parc-agent.
  fs::path agentCopy() {
    fs::create_directories(dir_ / "bin");
    fs::copy_file(kAgent, dir_ / "bin/parc-agent");
    return dir_ / "bin/parc-agent";
  }

  fs::path dir_;
};

bool loads(const std::string& loader_log, const std::string& library) {
  std::istringstream lines(loader_log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("file=") != std::string::npos && line.find(library) != std::string::npos) return true;
  }
  return false;
}

TEST_F(NetModuleTest, InventoryMapsNeitherLibcurlNorOpenssl) {
  const AgentRun inventory = run(kAgent, "inventory --log_level error", "LD_DEBUG=files");
  ASSERT_EQ(inventory.exit_code, 0) << inventory.err;
  EXPECT_NE(inventory.out.find("\"inventory\""), std::string::npos);
  EXPECT_TRUE(loads(inventory.err, "libc.so.6")) << "LD_DEBUG=files said nothing:\n" << inventory.err;
  for (const char* library : {"libcurl", "libssl", "libcrypto", "libgnutls", "libparc-agent-net"}) {
    EXPECT_FALSE(loads(inventory.err, library)) << library << " was loaded by inventory";
  }
}

TEST_F(NetModuleTest, StatusMapsNeitherLibcurlNorOpenssl) {
  const AgentRun status = run(kAgent, "status", "LD_DEBUG=files");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(loads(status.err, "libc.so.6"));
  for (const char* library : {"libcurl", "libssl", "libcrypto", "libparc-agent-net"}) {
    EXPECT_FALSE(loads(status.err, library)) << library << " was loaded by status";
  }
}

TEST_F(NetModuleTest, SendingLoadsTheModule) {
  enrollOffline();
  const AgentRun once = run(kAgent, "once --log_level error", "LD_DEBUG=files");
  EXPECT_EQ(once.exit_code, 1);  // nobody listens: kept in the spool
  EXPECT_TRUE(loads(once.err, "libparc-agent-net.so"));
  EXPECT_TRUE(loads(once.err, "libcurl"));
  EXPECT_EQ(spooled(), 1u);
}

TEST_F(NetModuleTest, MissingModuleIsAClearErrorAndTheReportStays) {
  enrollOffline();
  const fs::path agent = agentCopy();
  const AgentRun once = run(agent, "once --log_level error");
  EXPECT_EQ(once.exit_code, 1);
  EXPECT_NE(once.err.find("cannot load the network module " +
                          (dir_ / "lib/parc-agent/libparc-agent-net.so").string()),
            std::string::npos)
      << once.err;
  EXPECT_NE(once.err.find("kept in the spool"), std::string::npos) << once.err;
  EXPECT_EQ(spooled(), 1u);
}

TEST_F(NetModuleTest, CorruptModuleIsAClearErrorAndTheReportStays) {
  enrollOffline();
  const fs::path agent = agentCopy();
  fs::create_directories(dir_ / "lib/parc-agent");
  for (const std::string& content : {std::string("garbage bytes\x01\x02", 15), std::string("\x7f" "ELF\x02\x01\x01", 7)}) {
    std::ofstream(dir_ / "lib/parc-agent/libparc-agent-net.so", std::ios::binary | std::ios::trunc) << content;
    const AgentRun once = run(agent, "once --log_level error");
    EXPECT_EQ(once.exit_code, 1);
    EXPECT_NE(once.err.find("cannot load the network module"), std::string::npos) << once.err;
  }
  // A real shared library without the entry point.
  fs::copy_file("/lib/x86_64-linux-gnu/libm.so.6", dir_ / "lib/parc-agent/libparc-agent-net.so",
                fs::copy_options::overwrite_existing);
  const AgentRun wrong = run(agent, "once --log_level error");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("no parc_agent_net_create in it"), std::string::npos) << wrong.err;
  EXPECT_EQ(spooled(), 3u);  // every attempt queued its report; none was lost
}

TEST(NetModulePath, BesideTheExecutableUnderLib) {
  EXPECT_EQ(netModulePathFor("/usr/bin/parc-agent"), "/usr/lib/parc-agent/libparc-agent-net.so");
  EXPECT_EQ(netModulePathFor("/work/build/agent/parc-agent"),
            "/work/build/lib/parc-agent/libparc-agent-net.so");
}

}  // namespace
}  // namespace parc::agent
