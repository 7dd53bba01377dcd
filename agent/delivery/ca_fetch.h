#pragma once
// GET <server>/api/v1/ca over libcurl, unverified on purpose: what it returns is trusted
// only through its fingerprint (agent/ca_pinning.h says why that is safe).

#include <chrono>
#include <cstddef>
#include <string>

#include "agent/delivery/curl_uploader.h"
#include "shared/result.h"

namespace parc::agent {

inline constexpr std::size_t kMaxCaBytes = 64 * 1024;

// The PEM text, bounded in size (kMaxCaBytes) and time.
Result<std::string> fetchServerCa(const CurlGlobal& global, const std::string& server,
                                  std::chrono::milliseconds timeout);

}  // namespace parc::agent
