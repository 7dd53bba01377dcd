#include "agent/delivery/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace parc::agent {
namespace {

Error errnoError(std::string_view what, const std::filesystem::path& path, int err) {
  return makeError(std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

// Retries on EINTR; returns -1 with errno set on failure.
int openRetrying(const char* path, int flags, mode_t mode = 0) {
  int fd = -1;
  do {
    fd = ::open(path, flags, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

Status writeAll(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errnoError("cannot write", path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return Status::success();
}

Status writeAndSync(const std::filesystem::path& path, std::string_view bytes) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  const int fd = openRetrying(path.c_str(), kFlags, 0640);
  if (fd < 0) return errnoError("cannot create", path, errno);
  Status status = writeAll(fd, bytes, path);
  if (status && ::fsync(fd) != 0) status = errnoError("cannot fsync", path, errno);
  if (::close(fd) != 0 && status) status = errnoError("cannot close", path, errno);
  return status;
}

}  // namespace

Status syncDirectory(const std::filesystem::path& dir) {
  const int fd = openRetrying(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errnoError("cannot open directory", dir, errno);
  Status status;
  if (::fsync(fd) != 0) status = errnoError("cannot fsync directory", dir, errno);
  ::close(fd);
  return status;
}

Status writeFileDurably(const std::filesystem::path& temp_path,
                        const std::filesystem::path& final_path, std::string_view bytes) {
  Status status = writeAndSync(temp_path, bytes);
  if (status && ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    status = errnoError("cannot rename " + temp_path.string() + " to", final_path, errno);
  }
  if (!status) {
    ::unlink(temp_path.c_str());
    return status;
  }
  return syncDirectory(final_path.parent_path());
}

Result<std::string> readWholeFile(const std::filesystem::path& path) {
  const int fd = openRetrying(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errnoError("cannot open", path, errno);
  std::string bytes;
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int err = errno;
      ::close(fd);
      return errnoError("cannot read", path, err);
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return bytes;
}

Status removeDurably(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return errnoError("cannot remove", path, errno);
  }
  return syncDirectory(path.parent_path());
}

Status moveDurably(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return errnoError("cannot move " + from.string() + " to", to, errno);
  }
  if (Status status = syncDirectory(to.parent_path()); !status) return status;
  return syncDirectory(from.parent_path());
}

}  // namespace parc::agent
