#include "server/store/sqlite/wal_sync.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace parc::server::sqlite {
namespace {

Status failure(const std::string& what, const std::filesystem::path& file) {
  return makeError(what + " " + file.string() + ": " + std::strerror(errno));
}

}  // namespace

WalSync::WalSync(std::filesystem::path db_file) : wal_file_(db_file.string() + "-wal") {}

WalSync::~WalSync() {
  if (fd_ >= 0) ::close(fd_);
}

Status WalSync::reopenIfReplaced() {
  struct stat on_disk {};
  if (::stat(wal_file_.c_str(), &on_disk) != 0) return failure("cannot find the WAL file", wal_file_);
  if (fd_ >= 0 && on_disk.st_ino == inode_) return {};
  const int fd = ::open(wal_file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failure("cannot open the WAL file", wal_file_);
  struct stat opened {};
  if (::fstat(fd, &opened) != 0) {
    const Status failed = failure("cannot stat the WAL file", wal_file_);
    ::close(fd);
    return failed;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  inode_ = opened.st_ino;
  return {};
}

Status WalSync::sync() {
  std::lock_guard lock(mutex_);
  if (Status open = reopenIfReplaced(); !open) return open;
  if (::fdatasync(fd_) != 0) return failure("cannot sync the WAL file", wal_file_);
  return {};
}

}  // namespace parc::server::sqlite
