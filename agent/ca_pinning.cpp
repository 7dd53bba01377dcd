#include "agent/ca_pinning.h"

#include "agent/delivery/durable_file.h"

namespace parc::agent {
namespace {

std::filesystem::path pendingFile(const StateDir& state) {
  return state.caFile().string() + ".pending";
}

}  // namespace

Status checkCaFingerprint(const NetApi& net, std::string_view pem, const std::string& expected) {
  auto wanted = net.normalizeFingerprint(expected);
  if (!wanted) return makeError("ca_fingerprint: " + wanted.error());
  auto actual = net.certificateFingerprint(pem);
  if (!actual) return makeError("the server's CA: " + actual.error());
  if (*actual != *wanted) {
    return makeError("CA fingerprint mismatch: the server presents " + *actual + ", expected " + *wanted +
                     " (wrong server, or someone in between)");
  }
  return {};
}

Result<std::filesystem::path> pinServerCa(NetApi& net, const StateDir& state,
                                          const std::string& server, const std::string& fingerprint,
                                          std::chrono::milliseconds timeout) {
  if (auto known = readWholeFile(state.caFile()); known && checkCaFingerprint(net, *known, fingerprint)) {
    return state.caFile();
  }
  auto pem = net.fetchServerCa(server, timeout);
  if (!pem) return makeError(pem.error());
  if (auto match = checkCaFingerprint(net, *pem, fingerprint); !match) return makeError(match.error());
  const auto pending = pendingFile(state);
  if (auto saved = writeFileDurably(pending.string() + ".tmp", pending, *pem); !saved) {
    return makeError(saved.error());
  }
  return pending;
}

Status commitPinnedCa(const StateDir& state, const std::filesystem::path& ca_file) {
  if (ca_file == state.caFile()) return {};
  std::error_code ec;
  std::filesystem::rename(ca_file, state.caFile(), ec);
  if (ec) return makeError("cannot save " + state.caFile().string() + ": " + ec.message());
  return {};
}

}  // namespace parc::agent
