#include "agent/collectors/runner.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <set>
#include <sstream>
#include <stdexcept>

#include "agent/collectors/registry.h"

namespace parc::agent {
namespace {

// A collector whose behaviour the test chooses.
class ScriptedCollector final : public Collector {
 public:
  enum class Act { kOk, kNoData, kError, kThrow, kThrowInt };
  ScriptedCollector(std::string name, Act act) : name_(std::move(name)), act_(act) {}
  std::string_view name() const override { return name_; }
  CollectOutcome collect(const FsRoot&, Snapshot& snapshot) const override {
    switch (act_) {
      case Act::kOk:
        snapshot.inventory.os.hostname = name_;
        return CollectOutcome::ok();
      case Act::kNoData: return CollectOutcome::noData("/sys/class/power_supply: absent");
      case Act::kError: return CollectOutcome::error("/proc/x: unreadable");
      case Act::kThrow: throw std::runtime_error("boom");
      case Act::kThrowInt: throw 42;
    }
    return CollectOutcome::ok();
  }

 private:
  std::string name_;
  Act act_;
};

std::vector<std::unique_ptr<Collector>> scripted() {
  using Act = ScriptedCollector::Act;
  std::vector<std::unique_ptr<Collector>> list;
  list.push_back(std::make_unique<ScriptedCollector>("thrower", Act::kThrow));
  list.push_back(std::make_unique<ScriptedCollector>("battery", Act::kNoData));
  list.push_back(std::make_unique<ScriptedCollector>("broken", Act::kError));
  list.push_back(std::make_unique<ScriptedCollector>("odd", Act::kThrowInt));
  list.push_back(std::make_unique<ScriptedCollector>("last", Act::kOk));
  return list;
}

TEST(CollectorRunner, OneFailureNeverStopsTheOthers) {
  const auto result = runCollectors(scripted(), FsRoot("/nonexistent"));
  ASSERT_EQ(result.runs.size(), 5u);
  EXPECT_EQ(result.runs[0].name, "thrower");
  EXPECT_EQ(result.runs[0].status, "error");
  EXPECT_EQ(result.runs[0].detail, "unexpected exception: boom");
  EXPECT_EQ(result.runs[1].status, "no_data");
  EXPECT_EQ(result.runs[1].detail, "/sys/class/power_supply: absent");
  EXPECT_EQ(result.runs[2].status, "error");
  EXPECT_EQ(result.runs[2].detail, "/proc/x: unreadable");
  EXPECT_EQ(result.runs[3].status, "error");
  EXPECT_EQ(result.runs[3].detail, "unexpected exception of unknown type");
  EXPECT_EQ(result.runs[4].status, "ok");
  EXPECT_EQ(result.runs[4].detail, std::nullopt);
  for (const auto& run : result.runs) {
    ASSERT_TRUE(run.ms) << run.name;
    EXPECT_GE(*run.ms, 0);
  }
  EXPECT_EQ(result.snapshot.inventory.os.hostname, "last");
}

TEST(CollectorRunner, StatusNames) {
  EXPECT_EQ(toString(CollectStatus::kOk), "ok");
  EXPECT_EQ(toString(CollectStatus::kNoData), "no_data");
  EXPECT_EQ(toString(CollectStatus::kError), "error");
}

TEST(CollectorRunner, LogsErrorsAtErrorAndNoDataAtDebug) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  sink->set_pattern("%l %v");
  auto logger = std::make_shared<spdlog::logger>("agent.collectors", sink);
  logger->set_level(spdlog::level::debug);
  (void)runCollectors(scripted(), FsRoot("/nonexistent"), logger);
  const std::string text = out.str();
  EXPECT_NE(text.find("error collector thrower failed"), std::string::npos) << text;
  EXPECT_NE(text.find("error collector broken failed"), std::string::npos) << text;
  EXPECT_NE(text.find("debug collector battery: no data (/sys/class/power_supply: absent)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("debug collector last: ok"), std::string::npos) << text;
}

TEST(CollectorRunner, RegistryNamesAreUnique) {
  const auto collectors = makeCollectors();
  std::set<std::string_view> names;
  for (const auto& collector : collectors) {
    ASSERT_NE(collector, nullptr);
    EXPECT_TRUE(names.insert(collector->name()).second) << collector->name();
  }
  EXPECT_EQ(names, (std::set<std::string_view>{"system", "cpu", "memory", "os", "uptime", "network", "storage",
                                                   "battery", "thermal", "software", "smart", "usb",
                                                   "displays"}));
}

}  // namespace
}  // namespace parc::agent
