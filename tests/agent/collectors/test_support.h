#pragma once
// Helpers for the collector tests: fixture paths and throw-away directory trees.

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace parc::agent::testing {

inline std::filesystem::path fixturesDir() { return PARC_FIXTURES_DIR; }
inline std::filesystem::path rootDir(std::string_view machine) {
  return fixturesDir() / "roots" / machine;
}

inline std::string readFixture(const std::filesystem::path& relative) {
  std::ifstream in(fixturesDir() / relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A directory tree under the test temp dir, removed at the end of the test.
class TempTree {
 public:
  TempTree() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("parc-collectors-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

  // write("/proc/cpuinfo", "...") creates <tree>/proc/cpuinfo and its parents.
  void write(std::string_view absolute, std::string_view content) const {
    const auto file = at(absolute);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
  }
  void mkdir(std::string_view absolute) const { std::filesystem::create_directories(at(absolute)); }
  void symlink(std::string_view target, std::string_view absolute) const {
    const auto link = at(absolute);
    std::filesystem::create_directories(link.parent_path());
    std::filesystem::create_symlink(target, link);
  }
  void fifo(std::string_view absolute) const {
    const auto file = at(absolute);
    std::filesystem::create_directories(file.parent_path());
    ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);
  }
  std::filesystem::path at(std::string_view absolute) const {
    while (!absolute.empty() && absolute.front() == '/') absolute.remove_prefix(1);
    return path_ / absolute;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace parc::agent::testing
