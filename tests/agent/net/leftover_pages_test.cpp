// parseSmaps on real /proc/<pid>/smaps text (this process's) and on hostile text;
// releaseCleanPages on real file mappings of this process: a clean one is given back
// and reads the same, one that was written is never touched.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent/net/leftover_pages.h"

namespace parc::agent {
namespace {

TEST(LeftoverPages, ParsesThisProcessSmaps) {
  std::ifstream in("/proc/self/smaps");
  std::ostringstream text;
  text << in.rdbuf();
  const auto mappings = parseSmaps(text.str());
  ASSERT_FALSE(mappings.empty());
  bool heap_or_anon_written = false, libc_text = false;
  for (const auto& m : mappings) {
    EXPECT_LT(m.start, m.end);
    if (m.anonymous_kib > 0) heap_or_anon_written = true;
    if (m.path.find("libc.so") != std::string::npos && !m.writable) libc_text = true;
  }
  EXPECT_TRUE(heap_or_anon_written);
  EXPECT_TRUE(libc_text);
  EXPECT_TRUE(mappedFiles().size() >= 2);
}

TEST(LeftoverPages, ParsesFieldsOfOneMapping) {
  const auto mappings = parseSmaps(
      "7f0000000000-7f0000002000 r-xp 00000000 08:01 42   /usr/lib/x86_64-linux-gnu/libx.so.3\n"
      "Rss:                   8 kB\nAnonymous:             4 kB\n"
      "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 \nAnonymous:             0 kB\n");
  ASSERT_EQ(mappings.size(), 2u);
  EXPECT_EQ(mappings[0].start, 0x7f0000000000UL);
  EXPECT_EQ(mappings[0].end, 0x7f0000002000UL);
  EXPECT_FALSE(mappings[0].writable);
  EXPECT_EQ(mappings[0].path, "/usr/lib/x86_64-linux-gnu/libx.so.3");
  EXPECT_EQ(mappings[0].anonymous_kib, 4u);
  EXPECT_TRUE(mappings[1].writable);
  EXPECT_TRUE(mappings[1].path.empty());
}

TEST(LeftoverPages, HostileTextGivesNoBogusMapping) {
  for (const std::string& text :
       {std::string(""), std::string("garbage\n\x01\x02\xff"), std::string("zz-yy r-xp 0 0 0 /x\n"),
        std::string("10-20 r\n"), std::string("Anonymous: 12 kB\n"), std::string(100000, 'a')}) {
    EXPECT_TRUE(parseSmaps(text).empty()) << text.substr(0, 40);
  }
}

Mapping cleanCopy() {
  Mapping m;
  m.start = 0x1000;
  m.end = 0x3000;
  m.path = "/usr/lib/x86_64-linux-gnu/libx.so.3";
  m.rss_kib = 8;
  m.fields_seen = 15;
  return m;
}

TEST(LeftoverPages, OnlyProvablyUnwrittenPrivateFileMappingsAreClean) {
  EXPECT_TRUE(isCleanFileCopy(cleanCopy()));
  const struct {
    const char* what;
    void (*spoil)(Mapping&);
  } kCases[] = {
      {"writable", [](Mapping& m) { m.writable = true; }},
      {"shared", [](Mapping& m) { m.shared = true; }},
      {"anonymous pages", [](Mapping& m) { m.anonymous_kib = 4; }},
      {"swapped pages", [](Mapping& m) { m.swap_kib = 4; }},
      {"private dirty", [](Mapping& m) { m.private_dirty_kib = 4; }},
      {"shared dirty", [](Mapping& m) { m.shared_dirty_kib = 4; }},
      {"no Anonymous line", [](Mapping& m) { m.fields_seen &= ~1u; }},
      {"no Swap line", [](Mapping& m) { m.fields_seen &= ~2u; }},
      {"no Private_Dirty line", [](Mapping& m) { m.fields_seen &= ~4u; }},
      {"no Shared_Dirty line", [](Mapping& m) { m.fields_seen &= ~8u; }},
      {"anonymous mapping", [](Mapping& m) { m.path = "[heap]"; }},
      {"no path", [](Mapping& m) { m.path.clear(); }},
  };
  for (const auto& c : kCases) {
    Mapping m = cleanCopy();
    c.spoil(m);
    EXPECT_FALSE(isCleanFileCopy(m)) << c.what;
  }
}

TEST(LeftoverPages, ParsesEveryCounterAndTellsSwapFromSwapPss) {
  const auto mappings = parseSmaps(
      "7f0000000000-7f0000004000 r--p 00000000 08:01 42   /usr/lib/libx.so\n"
      "Rss:                  16 kB\nShared_Dirty:          0 kB\nPrivate_Dirty:         8 kB\n"
      "Anonymous:             0 kB\nSwapPss:               0 kB\nSwap:                 12 kB\n"
      "VmFlags: rd mr mw me sd\n"
      "7f0000004000-7f0000005000 r--s 00000000 08:01 43   /dev/shm/x\nSwap: 1 MB\n");
  ASSERT_EQ(mappings.size(), 2u);
  EXPECT_EQ(mappings[0].rss_kib, 16u);
  EXPECT_EQ(mappings[0].private_dirty_kib, 8u);
  EXPECT_EQ(mappings[0].swap_kib, 12u);
  EXPECT_EQ(mappings[0].fields_seen, 15u);
  EXPECT_FALSE(isCleanFileCopy(mappings[0]));
  EXPECT_TRUE(mappings[1].shared);
  EXPECT_EQ(mappings[1].fields_seen, 0u);  // "1 MB" is not a counter it understands
}

class FileMapping : public ::testing::Test {
 protected:
  static constexpr std::size_t kSize = 16 * 4096;
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("parc-leftover-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    content_.resize(kSize);
    for (std::size_t i = 0; i < kSize; ++i) content_[i] = static_cast<char>('a' + i % 23);
    // Written back before it is mapped: pages still dirty in the page cache would show
    // as dirty in smaps, and such a mapping is (rightly) never released.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, content_.data(), kSize), static_cast<ssize_t>(kSize));
    ASSERT_EQ(::fsync(fd), 0);
    ::close(fd);
  }
  void TearDown() override {
    if (view_ != nullptr) munmap(view_, kSize);
    std::filesystem::remove(path_);
  }
  char* map(int prot) {
    const int fd = ::open(path_.c_str(), O_RDONLY);
    view_ = static_cast<char*>(mmap(nullptr, kSize, prot, MAP_PRIVATE, fd, 0));
    ::close(fd);
    EXPECT_NE(view_, MAP_FAILED);
    return view_;
  }
  static unsigned long residentKib(const std::string& path) {
    std::ifstream in("/proc/self/smaps");
    std::ostringstream text;
    text << in.rdbuf();
    unsigned long kib = 0;
    for (const auto& m : parseSmaps(text.str())) {
      if (m.path == path) kib += m.rss_kib;
    }
    return kib;
  }

  std::filesystem::path path_;
  std::string content_;
  char* view_ = nullptr;
};

TEST_F(FileMapping, CleanPagesAreGivenBackAndReadTheSame) {
  const char* view = map(PROT_READ);
  ASSERT_EQ(std::memcmp(view, content_.data(), kSize), 0);  // every page faulted in
  ASSERT_GT(residentKib(path_), 0u);
  EXPECT_GT(releaseCleanPages({path_.string()}), 0u);
  EXPECT_EQ(residentKib(path_), 0u);
  EXPECT_EQ(std::memcmp(view, content_.data(), kSize), 0);
}

TEST_F(FileMapping, WrittenPagesAreNeverDiscarded) {
  char* view = map(PROT_READ | PROT_WRITE);
  std::memset(view + 4096, 'Z', 4096);             // one page copied on write, the others clean
  ASSERT_EQ(mprotect(view, kSize, PROT_READ), 0);  // read-only now, as RELRO data is
  EXPECT_EQ(releaseCleanPages({path_.string()}), 0u);
  EXPECT_EQ(std::string(view + 4096, 4096), std::string(4096, 'Z'));
  EXPECT_EQ(std::memcmp(view, content_.data(), 4096), 0);
}

TEST(LeftoverPages, OwnExecutableIsMapped) {
  const std::string exe = ownExecutable();
  ASSERT_FALSE(exe.empty());
  EXPECT_TRUE(mappedFiles().contains(exe));
}

TEST(LeftoverPages, ReleasingNothingMappedReleasesNothing) {
  EXPECT_EQ(releaseCleanPages({"/nonexistent/libnothing.so"}), 0u);
}

}  // namespace
}  // namespace parc::agent
