#include "agent/agent_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace parc::agent {
namespace {

class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("agent-conf-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(counter_++))) {
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(AgentConfig, ReadsTheProtocolExampleFile) {
  const ConfigFile file(R"(server = https://parc.collectivite.fr:8443
ca_fingerprint = sha256:abcd
enroll_token = pe_123            # used once, at the first start, then forgotten
room = B12
interval = 900
projector = 10.12.3.40      # one line per projector this agent polls
projector = 10.12.3.41:4352 password=secret lamp_life_hours=3500 name=Salle B13
)");
  auto parsed = parseAgentCommandLine("once", {"--config", file.path()});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const AgentConfig& config = parsed->config;
  EXPECT_EQ(config.server, "https://parc.collectivite.fr:8443");
  EXPECT_EQ(config.ca_fingerprint, "sha256:abcd");
  EXPECT_EQ(config.enroll_token, "pe_123");
  EXPECT_EQ(config.room, "B12");
  EXPECT_EQ(config.interval.count(), 900);
  ASSERT_EQ(config.projectors.size(), 2u);
  EXPECT_EQ(config.projectors[1], "10.12.3.41:4352 password=secret lamp_life_hours=3500 name=Salle B13");
}

TEST(AgentConfig, TheCommandLineWinsOverTheFile) {
  const ConfigFile file("server = https://from-file:8443\ninterval = 15m\n");
  auto parsed = parseAgentCommandLine(
      "once", {"--config", file.path(), "--server", "http://from-cli:1", "--state-dir", "/tmp/x"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->config.server, "http://from-cli:1");
  EXPECT_EQ(parsed->config.interval.count(), 900);
  EXPECT_EQ(parsed->config.state_dir, "/tmp/x");
}

TEST(AgentConfig, AnUnknownKeyStopsStartUpNamingIt) {
  const ConfigFile file("server = https://x\nintervall = 900\n");
  auto parsed = parseAgentCommandLine("run", {"--config", file.path()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("intervall"), std::string::npos) << parsed.error();
}

TEST(AgentConfig, RefusesBadValuesWithTheKeyNamed) {
  for (const auto& [args, key] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--interval", "soon"}, "interval"},
           {{"--interval", "0"}, "interval"},
           {{"--server", "parc.example.fr"}, "server"},
           {{"--ca-fingerprint", "md5:00"}, "ca_fingerprint"},
           {{"--spool-max-bytes", "lots"}, "spool_max_bytes"}}) {
    std::vector<std::string> full = {"--config", "/dev/null"};
    full.insert(full.end(), args.begin(), args.end());
    auto parsed = parseAgentCommandLine("once", full);
    ASSERT_FALSE(parsed.ok()) << args[0];
    EXPECT_NE(parsed.error().find(key), std::string::npos) << parsed.error();
  }
}

TEST(AgentConfig, AMissingConfigFileIsAnError) {
  auto parsed = parseAgentCommandLine("once", {"--config", "/nonexistent/agent.conf"});
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("/nonexistent/agent.conf"), std::string::npos);
}

TEST(AgentConfig, HelpListsTheKeys) {
  auto parsed = parseAgentCommandLine("once", {"--help"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->help);
  EXPECT_NE(parsed->help_text.find("--root"), std::string::npos);
  EXPECT_NE(parsed->help_text.find("--projector"), std::string::npos);
}

}  // namespace
}  // namespace parc::agent
