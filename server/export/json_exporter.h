#pragma once
// JSON: one array, streamed object by object ({"column": value, ...}); numbers as
// numbers, dates as their text form, empty cells as null.

#include <string>

#include "server/export/exporter.h"

namespace parc::server::exports {

class JsonExporter final : public Exporter {
 public:
  explicit JsonExporter(ByteSink& sink) : sink_(sink) {}
  Status begin(const std::vector<Column>& columns) override;
  Status row(const Row& cells) override;
  Status finish() override;

 private:
  Status flush(bool when_full);

  ByteSink& sink_;
  std::vector<std::string> names_;
  std::size_t rows_ = 0;
  std::string buffer_;
};

}  // namespace parc::server::exports
