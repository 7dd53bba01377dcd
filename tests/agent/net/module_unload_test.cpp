// The real libparc-agent-net.so in this process: its entry point refuses an agent of
// another build or interface, and it is unloaded only while no other thread runs.

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <array>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>

#include "agent/net/leftover_pages.h"
#include "agent/net/net_module_loader.h"
#include "agent/net/on_demand_net.h"
#include "shared/version.h"

namespace parc::agent {
namespace {

const std::filesystem::path kModule =
    std::filesystem::path(PARC_BINARY_DIR) / "lib/parc-agent" / kNetModuleFileName;

bool moduleMapped() {
  for (const auto& file : mappedFiles()) {
    if (file.find(kNetModuleFileName) != std::string::npos) return true;
  }
  return false;
}

class ModuleEntry : public ::testing::Test {
 protected:
  void SetUp() override {
    handle_ = dlopen(kModule.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle_, nullptr) << dlerror();
    entry_ = reinterpret_cast<NetModuleEntry>(dlsym(handle_, kNetModuleEntryName));
    ASSERT_NE(entry_, nullptr);
  }
  void TearDown() override {
    if (handle_ != nullptr) dlclose(handle_);
  }
  // The reason the entry point gives, or "" when it accepted (and the API was deleted).
  std::string refusal(int api_version, const char* parc_version, std::size_t error_size = 512) {
    std::array<char, 512> error{};
    std::unique_ptr<NetApi> api(entry_(api_version, parc_version, error.data(), error_size));
    if (api) return "";
    return error[0] != '\0' ? error.data() : "(no reason)";
  }

  void* handle_ = nullptr;
  NetModuleEntry entry_ = nullptr;
};

TEST_F(ModuleEntry, AcceptsTheAgentOfItsOwnBuild) {
  EXPECT_EQ(refusal(kNetApiVersion, kVersion), "");
}

TEST_F(ModuleEntry, RefusesAnotherInterfaceOrVersion) {
  const std::string other_interface = refusal(kNetApiVersion + 1, kVersion);
  EXPECT_NE(other_interface.find("interface " + std::to_string(kNetApiVersion + 1)),
            std::string::npos)
      << other_interface;
  EXPECT_NE(other_interface.find("restart the agent"), std::string::npos);
  const std::string other_version = refusal(kNetApiVersion, "0.0.0-other");
  EXPECT_NE(other_version.find("the agent from 0.0.0-other"), std::string::npos) << other_version;
  EXPECT_NE(refusal(kNetApiVersion, nullptr).find("the agent from ?"), std::string::npos);
  EXPECT_NE(refusal(-1, "").size(), 0u);
  // A tiny error buffer is truncated, never overrun.
  std::array<char, 8> small{};
  small.fill('x');
  EXPECT_EQ(entry_(kNetApiVersion + 1, kVersion, small.data(), 4), nullptr);
  EXPECT_EQ(std::string(small.data(), 3), "the");
  EXPECT_EQ(small[3], '\0');
  EXPECT_EQ(small[4], 'x');
  EXPECT_EQ(entry_(kNetApiVersion + 1, kVersion, nullptr, 0), nullptr);
}

TEST(OnDemandNet, UnloadsOnlyWhileNoOtherThreadRuns) {
  ASSERT_EQ(processThreadCount(), 1u);
  OnDemandNet net(kModule, UploaderOptions{});
  ASSERT_TRUE(net.api().ok()) << net.api().error();
  ASSERT_TRUE(net.loaded());
  EXPECT_TRUE(moduleMapped());

  std::promise<void> release;
  std::thread other([done = release.get_future()]() mutable { done.wait(); });
  EXPECT_EQ(processThreadCount(), 2u);
  EXPECT_FALSE(net.unload());
  EXPECT_TRUE(net.loaded());
  EXPECT_TRUE(moduleMapped());
  release.set_value();
  other.join();

  EXPECT_TRUE(net.unload());
  EXPECT_FALSE(net.loaded());
  EXPECT_FALSE(moduleMapped());
  ASSERT_TRUE(net.api().ok());  // loaded again on demand
  EXPECT_TRUE(moduleMapped());
}

TEST(OnDemandNet, AMissingModuleIsATransportErrorNamingTheFile) {
  OnDemandNet net("/nonexistent/lib/parc-agent/libparc-agent-net.so", UploaderOptions{});
  const HttpOutcome outcome = net.post("http://127.0.0.1:1/api/v1/reports", "{}", "secret");
  EXPECT_FALSE(outcome.transport_ok);
  EXPECT_NE(outcome.transport_error.find("/nonexistent/lib/parc-agent/libparc-agent-net.so"),
            std::string::npos)
      << outcome.transport_error;
  EXPECT_FALSE(net.loaded());
  EXPECT_TRUE(net.unload());
}

}  // namespace
}  // namespace parc::agent
