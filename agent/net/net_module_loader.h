#pragma once
// Loads and unloads libparc-agent-net.so (agent/net/net_api.h). It is found relative
// to the executable: <dir of parc-agent>/../lib/parc-agent/, which is
// /usr/lib/parc-agent/ for the package and <build>/lib/parc-agent/ in a build tree.

#include <cstddef>
#include <filesystem>
#include <memory>

#include "agent/net/net_api.h"
#include "shared/result.h"

namespace parc::agent {

// Where the module of this executable is (from /proc/self/exe).
std::filesystem::path defaultNetModulePath();
// Where the module of the executable `exe` is. Pure.
std::filesystem::path netModulePathFor(const std::filesystem::path& exe);

// Threads of this process now (/proc/self/task); 0 if unknown.
std::size_t processThreadCount();

class NetModule {
 public:
  // dlopen + the entry point + the version check. Errors name the file and the reason
  // ("cannot load the network module /usr/lib/parc-agent/libparc-agent-net.so: …").
  static Result<std::unique_ptr<NetModule>> load(const std::filesystem::path& file);
  // Deletes the NetApi, then dlclose: everything it created must be gone by then.
  // dlclose only while no other thread runs (processThreadCount() == 1): libcurl's
  // resolver thread outlives a transfer that timed out in a slow DNS lookup, and would
  // return into unmapped code. Otherwise the module stays mapped for good.
  ~NetModule();
  NetModule(const NetModule&) = delete;
  NetModule& operator=(const NetModule&) = delete;

  NetApi& api() { return *api_; }

 private:
  NetModule(void* handle, std::unique_ptr<NetApi> api);

  void* handle_;
  std::unique_ptr<NetApi> api_;
};

}  // namespace parc::agent
