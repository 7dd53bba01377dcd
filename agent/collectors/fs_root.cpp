#include "agent/collectors/fs_root.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "agent/collectors/text.h"

namespace parc::agent {
namespace {

constexpr std::size_t kAttributeMaxBytes = 64 * 1024;
constexpr std::size_t kReadChunk = 16 * 1024;

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads a regular file (procfs and sysfs files report size 0, so read until EOF).
std::optional<std::string> readRegularFile(const std::filesystem::path& path,
                                           std::size_t max_bytes) {
  // O_NONBLOCK: a FIFO planted in a captured tree must not hang the agent.
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  std::string content;
  while (content.size() < max_bytes) {
    const std::size_t want = std::min(kReadChunk, max_bytes - content.size());
    const std::size_t old_size = content.size();
    content.resize(old_size + want);
    const ssize_t got = ::read(fd.get(), content.data() + old_size, want);
    if (got < 0 && errno == EINTR) {
      content.resize(old_size);
      continue;
    }
    if (got < 0) return std::nullopt;  // e.g. EINVAL from a sysfs attribute of a down link
    content.resize(old_size + static_cast<std::size_t>(got));
    if (got == 0) break;
  }
  return content;
}

}  // namespace

FsRoot::FsRoot(std::filesystem::path root)
    : root_(std::move(root)), live_(root_.lexically_normal() == "/") {}

std::filesystem::path FsRoot::resolve(std::string_view absolute_path) const {
  while (!absolute_path.empty() && absolute_path.front() == '/') absolute_path.remove_prefix(1);
  if (absolute_path.empty()) return root_;
  return root_ / std::filesystem::path(absolute_path);
}

bool FsRoot::exists(std::string_view absolute_path) const {
  std::error_code error;
  return std::filesystem::exists(resolve(absolute_path), error);
}

std::optional<std::string> FsRoot::readFile(std::string_view absolute_path,
                                            std::size_t max_bytes) const {
  return readRegularFile(resolve(absolute_path), max_bytes);
}

std::optional<std::string> FsRoot::readAttribute(std::string_view absolute_path) const {
  auto content = readRegularFile(resolve(absolute_path), kAttributeMaxBytes);
  if (!content) return std::nullopt;
  if (const auto newline = content->find('\n'); newline != std::string::npos) {
    content->resize(newline);
  }
  while (!content->empty() && (content->back() == '\0' || content->back() == ' ' ||
                               content->back() == '\t' || content->back() == '\r')) {
    content->pop_back();
  }
  if (content->empty()) return std::nullopt;
  return content;
}

std::optional<std::int64_t> FsRoot::readInteger(std::string_view absolute_path) const {
  const auto text = readAttribute(absolute_path);
  if (!text) return std::nullopt;
  return collectors::parseInt64(*text);
}

std::vector<std::string> FsRoot::list(std::string_view absolute_path) const {
  std::vector<std::string> names;
  std::error_code error;
  std::filesystem::directory_iterator it(resolve(absolute_path), error);
  if (error) return names;
  for (const std::filesystem::directory_iterator end; it != end; it.increment(error)) {
    if (error) break;
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> FsRoot::linkTargetName(std::string_view absolute_path) const {
  std::error_code error;
  auto target = std::filesystem::read_symlink(resolve(absolute_path), error);
  if (error) return std::nullopt;
  while (target.has_relative_path() && !target.has_filename()) target = target.parent_path();
  auto name = target.filename().string();
  if (name.empty() || name == "." || name == "..") return std::nullopt;
  return name;
}

}  // namespace parc::agent
