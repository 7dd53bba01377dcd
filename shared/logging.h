#pragma once
// One named spdlog logger per component ("agent.collector.smart", "server.ingest").
// Loggers are made by main() through makeLogger and passed down; nothing here is global
// but spdlog's own registry, which we do not use.

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace parc {

using Logger = std::shared_ptr<spdlog::logger>;

struct LogOptions {
  std::string level = "info";  // trace, debug, info, warn, error, off
};

// A logger writing to stderr (the journal, under systemd).
Logger makeLogger(const std::string& name, const LogOptions& options = {});
// A child logger sharing the parent's sinks and level.
Logger childLogger(const Logger& parent, const std::string& name);
// A logger that drops everything (for tests and quiet tools).
Logger nullLogger(const std::string& name = "null");

}  // namespace parc
