#include "agent/net/net_module_loader.h"

#include <dlfcn.h>

#include <array>

#include "shared/version.h"

namespace parc::agent {
namespace {

std::string loadError(const std::filesystem::path& file, const std::string& reason) {
  return "cannot load the network module " + file.string() + ": " + reason;
}

std::string lastDlError() {
  const char* text = dlerror();
  return text != nullptr ? text : "unknown dynamic loader error";
}

}  // namespace

std::size_t processThreadCount() {
  std::error_code ec;
  std::size_t count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/task", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++count;
  }
  return ec ? 0 : count;
}

std::filesystem::path netModulePathFor(const std::filesystem::path& exe) {
  return (exe.parent_path() / ".." / "lib" / "parc-agent" / kNetModuleFileName).lexically_normal();
}

std::filesystem::path defaultNetModulePath() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::filesystem::path("/usr/lib/parc-agent") / kNetModuleFileName;
  return netModulePathFor(exe);
}

Result<std::unique_ptr<NetModule>> NetModule::load(const std::filesystem::path& file) {
  // RTLD_LOCAL: nothing the module pulls in becomes visible to the rest of the agent.
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return makeError(loadError(file, lastDlError()));
  auto entry = reinterpret_cast<NetModuleEntry>(dlsym(handle, kNetModuleEntryName));
  if (entry == nullptr) {
    const std::string reason = "no " + std::string(kNetModuleEntryName) + " in it";
    dlclose(handle);
    return makeError(loadError(file, reason));
  }
  std::array<char, 512> error{};
  std::unique_ptr<NetApi> api(entry(kNetApiVersion, kVersion, error.data(), error.size()));
  if (!api) {
    dlclose(handle);
    return makeError(loadError(file, error[0] != '\0' ? error.data() : "it refused to start"));
  }
  return std::unique_ptr<NetModule>(new NetModule(handle, std::move(api)));
}

NetModule::NetModule(void* handle, std::unique_ptr<NetApi> api) : handle_(handle), api_(std::move(api)) {}

NetModule::~NetModule() {
  api_.reset();
  if (processThreadCount() == 1) dlclose(handle_);
}

}  // namespace parc::agent
