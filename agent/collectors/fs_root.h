#pragma once
// Every file a collector reads goes through an FsRoot: "/" on a real machine, a
// captured tree (tests/fixtures/roots/<machine>) in tests and demos. A value,
// passed in; never a global.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parc::agent {

class FsRoot {
 public:
  explicit FsRoot(std::filesystem::path root = "/");

  const std::filesystem::path& root() const { return root_; }
  bool isLiveSystem() const { return live_; }

  // "/sys/class/dmi/id" -> <root>/sys/class/dmi/id
  std::filesystem::path resolve(std::string_view absolute_path) const;

  bool exists(std::string_view absolute_path) const;
  // The whole file, or nullopt when it is absent or unreadable. At most max_bytes.
  std::optional<std::string> readFile(std::string_view absolute_path,
                                      std::size_t max_bytes = 4 << 20) const;
  // One-line sysfs attribute: trailing whitespace and NULs trimmed; nullopt when
  // absent, unreadable or empty.
  std::optional<std::string> readAttribute(std::string_view absolute_path) const;
  std::optional<std::int64_t> readInteger(std::string_view absolute_path) const;
  // Names in a directory, sorted; empty when it does not exist.
  std::vector<std::string> list(std::string_view absolute_path) const;
  // The last component of a symlink's target ("e1000e" for .../driver), if it is one.
  std::optional<std::string> linkTargetName(std::string_view absolute_path) const;

 private:
  std::filesystem::path root_;
  bool live_;
};

}  // namespace parc::agent
