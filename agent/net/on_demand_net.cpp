#include "agent/net/on_demand_net.h"

#include <malloc.h>

#include "agent/net/leftover_pages.h"

namespace parc::agent {

OnDemandNet::OnDemandNet(std::filesystem::path module_file, UploaderOptions options)
    : module_file_(std::move(module_file)), options_(std::move(options)) {}

OnDemandNet::~OnDemandNet() { unload(); }

Result<NetApi*> OnDemandNet::api() {
  if (!module_) {
    files_before_ = mappedFiles();
    auto loaded = NetModule::load(module_file_);
    if (!loaded) return makeError(loaded.error());
    module_ = std::move(*loaded);
  }
  return &module_->api();
}

Status OnDemandNet::ensureUploader() {
  if (uploader_) return {};
  auto net = api();
  if (!net) return makeError(net.error());
  auto uploader = (*net)->makeUploader(options_);
  if (!uploader) return makeError(uploader.error());
  uploader_ = std::move(*uploader);
  return {};
}

HttpOutcome OnDemandNet::post(const std::string& url, const std::string& body,
                              const std::string& bearer_token) {
  if (auto ready = ensureUploader(); !ready) {
    HttpOutcome failed;
    failed.transport_error = ready.error();
    return failed;
  }
  return uploader_->post(url, body, bearer_token);
}

void OnDemandNet::setCaFile(const std::filesystem::path& ca_file) {
  options_.tls.ca_file = ca_file.string();
  uploader_.reset();
}

bool OnDemandNet::unload() {
  if (!module_) return true;
  uploader_.reset();
  if (processThreadCount() != 1) return false;
  module_.reset();
  std::set<std::string> left;
  for (const auto& file : mappedFiles()) {
    if (!files_before_.contains(file)) left.insert(file);
  }
  releaseCleanPages(left);
  malloc_trim(0);
  return true;
}

}  // namespace parc::agent
