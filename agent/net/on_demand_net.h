#pragma once
// The agent's uploader when the network module is loaded only when needed: the first
// post() (or api()) loads libparc-agent-net.so, unload() lets it go again. A module
// that cannot be loaded is a transport error of that post(): the report stays in the
// spool and the error says which file and why.

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "agent/delivery/uploader.h"
#include "agent/net/net_module_loader.h"
#include "shared/result.h"

namespace parc::agent {

class OnDemandNet final : public Uploader {
 public:
  OnDemandNet(std::filesystem::path module_file, UploaderOptions options);
  ~OnDemandNet() override;
  OnDemandNet(const OnDemandNet&) = delete;
  OnDemandNet& operator=(const OnDemandNet&) = delete;

  HttpOutcome post(const std::string& url, const std::string& body,
                   const std::string& bearer_token) override;

  // The module's interface, loading it first when needed. Valid until unload().
  Result<NetApi*> api();
  // Later uploads trust this CA file (after an enrollment pinned it).
  void setCaFile(const std::filesystem::path& ca_file);
  // Drops the uploader and unloads the module; the next post() loads it again. What
  // the module pulled in and the loader keeps (OpenSSL pins itself) gives back its
  // clean pages (agent/net/leftover_pages.h), and free heap goes back to the system.
  // Only while this process runs no other thread: libcurl's resolver thread outlives a
  // transfer that timed out during a slow DNS lookup, and would return into unmapped
  // code. Then the module stays loaded (false) and a later unload() lets it go.
  bool unload();
  bool loaded() const { return module_ != nullptr; }

 private:
  Status ensureUploader();

  std::filesystem::path module_file_;
  UploaderOptions options_;
  std::unique_ptr<NetModule> module_;   // declared before uploader_: destroyed after it
  std::unique_ptr<Uploader> uploader_;
  std::set<std::string> files_before_;  // mapped before the module was loaded
};

}  // namespace parc::agent
