#pragma once
// Where an export's bytes go: the body of a streamed HTTP response or a file
// (the command line). The same exporter serves both.

#include <cstdio>
#include <string>
#include <string_view>

namespace parc::server::exports {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // False when the reader has gone (a closed connection, a full disk): the
  // exporter stops.
  virtual bool write(std::string_view bytes) = 0;
};

// Appends to a string (tests, small answers).
class StringSink final : public ByteSink {
 public:
  bool write(std::string_view bytes) override {
    text_.append(bytes);
    return true;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Writes to an open stdio stream (stdout or a file the caller opened and closes).
class FileSink final : public ByteSink {
 public:
  explicit FileSink(std::FILE* file) : file_(file) {}
  bool write(std::string_view bytes) override {
    return std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size();
  }

 private:
  std::FILE* file_;
};

}  // namespace parc::server::exports
