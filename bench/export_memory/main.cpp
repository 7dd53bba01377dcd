// export-memory: creates N devices (100,000 by default) in a fresh SQLite store
// through the store API, exports them in each format to a counting sink, and
// prints, per format, the time, the bytes written and the peak resident memory of
// the export alone (VmHWM, reset through /proc/self/clear_refs before each).
//
//   export-memory [--devices N] [--dir DIR]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "server/export/inventory_export.h"
#include "server/store/sqlite/sqlite_store.h"

namespace {

using namespace parc;
using namespace parc::server;

class CountingSink final : public exports::ByteSink {
 public:
  bool write(std::string_view bytes) override {
    bytes_ += bytes.size();
    return true;
  }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t bytes_ = 0;
};

// VmHWM or VmRSS from /proc/self/status, in KiB.
long procStatusKib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
  }
  return -1;
}

void resetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

Result<Site> makePark(Store& store, std::size_t devices) {
  auto collectivity = store.createCollectivity("Région de banc d'essai");
  if (!collectivity) return makeError(collectivity.error());
  auto site = store.createSite(collectivity->id, "Lycée du banc", std::nullopt);
  if (!site) return site;
  std::vector<ImportedDevice> batch;
  for (std::size_t i = 0; i < devices; ++i) {
    batch.push_back(ImportedDevice{.line = i + 2, .site_id = site->id, .room = "S" + std::to_string(i % 40),
                                   .kind = i % 2 ? "desktop" : "laptop", .status = "in_service",
                                   .manufacturer = "Dell Inc.", .model = "OptiPlex 7010",
                                   .serial = "BENCH-" + std::to_string(i), .hostname = "pc-" + std::to_string(i)});
    if (batch.size() == 10000 || i + 1 == devices) {
      auto outcome = store.importDevices(collectivity->id, batch, false, systemNow());
      if (!outcome) return makeError(outcome.error());
      batch.clear();
    }
  }
  return site;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t devices = 100000;
  std::filesystem::path dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--devices") devices = std::strtoull(argv[i + 1], nullptr, 10);
    if (key == "--dir") dir = argv[i + 1];
  }
  if (dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "export-memory-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
  }
  auto store = SqliteStore::open(dir / "parc.db");
  if (!store) {
    std::cerr << "export-memory: " << store.error() << "\n";
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  auto site = makePark(**store, devices);
  if (!site) {
    std::cerr << "export-memory: " << site.error() << "\n";
    return 1;
  }
  const double create_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("created %zu devices in %.1f s; RSS now %ld KiB\n", devices, create_s, procStatusKib("VmRSS"));
  std::printf("%-6s %10s %14s %16s\n", "format", "seconds", "bytes", "peak RSS KiB");
  for (const auto format : {exports::Format::csv, exports::Format::json, exports::Format::xlsx}) {
    resetPeak();
    CountingSink sink;
    exports::ExportOptions options{.format = format, .temp_dir = dir};
    auto exporter = exports::makeExporter(options, sink);
    exports::InventoryExport job{.scope = Scope::everything(), .filter = {}, .today = {2025, 1, 1}, .progress = {}};
    const auto began = std::chrono::steady_clock::now();
    auto written = exports::exportInventory(**store, job, **exporter);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    if (!written) {
      std::cerr << "export-memory: " << written.error() << "\n";
      return 1;
    }
    std::printf("%-6s %10.2f %14zu %16ld\n", std::string(exports::formatExtension(format)).c_str(), seconds,
                sink.bytes(), procStatusKib("VmHWM"));
  }
  std::filesystem::remove_all(dir);
  return 0;
}
