#include "agent/collectors/cpu.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "agent/collectors/text.h"

namespace parc::agent::collectors {
namespace {

constexpr std::string_view kCpuinfoPath = "/proc/cpuinfo";
constexpr std::string_view kMaxFreqPath = "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq";
constexpr std::int64_t kMaxCount = 65536;  // above this a count is garbage, not a machine
constexpr std::size_t kMaxPackages = 1024;

using Block = std::map<std::string, std::string, std::less<>>;

struct NamedCode {
  std::string_view code, name;
};

constexpr auto kX86Vendors = std::to_array<NamedCode>({
    {"GenuineIntel", "Intel"}, {"AuthenticAMD", "AMD"}, {"HygonGenuine", "Hygon"},
    {"CentaurHauls", "Centaur"}, {"Shanghai", "Zhaoxin"}, {"GenuineTMx86", "Transmeta"},
});

// "CPU implementer" codes (Arm ARM, MIDR_EL1.Implementer).
constexpr auto kArmImplementers = std::to_array<NamedCode>({
    {"0x41", "ARM"}, {"0x42", "Broadcom"}, {"0x43", "Cavium"}, {"0x46", "Fujitsu"},
    {"0x48", "HiSilicon"}, {"0x4e", "NVIDIA"}, {"0x50", "APM"}, {"0x51", "Qualcomm"},
    {"0x53", "Samsung"}, {"0x56", "Marvell"}, {"0x61", "Apple"}, {"0x69", "Intel"},
    {"0x6d", "Microsoft"}, {"0xc0", "Ampere"},
});

// "CPU part" codes of Arm Ltd. cores (implementer 0x41).
constexpr auto kArmParts = std::to_array<NamedCode>({
    {"0xb76", "ARM1176"}, {"0xc07", "Cortex-A7"}, {"0xc08", "Cortex-A8"}, {"0xc09", "Cortex-A9"},
    {"0xc0f", "Cortex-A15"}, {"0xd03", "Cortex-A53"}, {"0xd04", "Cortex-A35"},
    {"0xd05", "Cortex-A55"}, {"0xd07", "Cortex-A57"}, {"0xd08", "Cortex-A72"},
    {"0xd09", "Cortex-A73"}, {"0xd0a", "Cortex-A75"}, {"0xd0b", "Cortex-A76"},
    {"0xd0c", "Neoverse-N1"}, {"0xd0d", "Cortex-A77"}, {"0xd41", "Cortex-A78"},
    {"0xd46", "Cortex-A510"}, {"0xd47", "Cortex-A710"}, {"0xd4b", "Cortex-A78C"},
});

template <std::size_t N>
std::optional<std::string> lookup(const std::array<NamedCode, N>& table, std::string_view code) {
  const std::string lower = toLower(code);
  for (const auto& entry : table) {
    if (toLower(entry.code) == lower) return std::string(entry.name);
  }
  return std::nullopt;
}

std::optional<std::string> get(const Block& block, std::string_view key) {
  const auto it = block.find(key);
  if (it == block.end() || it->second.empty() || !isCleanText(it->second)) return std::nullopt;
  return it->second;
}

std::optional<std::int64_t> getCount(const Block& block, std::string_view key) {
  const auto text = get(block, key);
  const auto value = text ? parseInt64(*text) : std::nullopt;
  if (!value || *value < 0 || *value > kMaxCount) return std::nullopt;
  return value;
}

std::vector<Block> splitBlocks(std::string_view text) {
  std::vector<Block> blocks(1);
  for (const auto line : splitLines(text)) {
    if (trim(line).empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    if (const auto kv = splitKeyValue(line)) blocks.back().emplace(kv->first, kv->second);
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

// "Intel(R) Xeon(R) CPU           E5504  @ 2.00GHz" -> "Intel(R) Xeon(R) CPU E5504 @ 2.00GHz"
std::string collapseSpaces(std::string_view text) {
  std::string out;
  for (const auto field : splitFields(text)) {
    if (!out.empty()) out += ' ';
    out += field;
  }
  return out;
}

}  // namespace

std::optional<double> nominalMhz(std::string_view model) {
  const auto at = model.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = trim(model.substr(at + 1));
  double scale = 0;
  if (rest.size() > 3 && toLower(rest.substr(rest.size() - 3)) == "ghz") scale = 1000;
  else if (rest.size() > 3 && toLower(rest.substr(rest.size() - 3)) == "mhz") scale = 1;
  else return std::nullopt;
  const auto number = parseDouble(rest.substr(0, rest.size() - 3));
  if (!number || *number <= 0 || *number * scale > 1e6) return std::nullopt;
  return *number * scale;
}

namespace {

std::optional<double> reportedMhz(const Block& block) {
  const auto text = get(block, "cpu MHz");
  const auto mhz = text ? parseDouble(*text) : std::nullopt;
  if (!mhz || *mhz <= 0 || *mhz > 1e6) return std::nullopt;
  return mhz;
}

Cpu describeX86(const std::vector<const Block*>& package) {
  const Block& first = *package.front();
  Cpu cpu;
  if (const auto vendor = get(first, "vendor_id")) cpu.vendor = lookup(kX86Vendors, *vendor).value_or(*vendor);
  if (const auto model = get(first, "model name")) cpu.model = collapseSpaces(*model);
  cpu.mhz = cpu.model ? nominalMhz(*cpu.model) : std::nullopt;
  if (!cpu.mhz) cpu.mhz = reportedMhz(first);
  cpu.threads = std::max<std::int64_t>(static_cast<std::int64_t>(package.size()),
                                       getCount(first, "siblings").value_or(0));
  cpu.cores = getCount(first, "cpu cores");
  if (!cpu.cores) {
    std::set<std::string> core_ids;
    for (const Block* block : package) {
      if (auto id = get(*block, "core id")) core_ids.insert(*id);
    }
    if (!core_ids.empty()) cpu.cores = static_cast<std::int64_t>(core_ids.size());
  }
  return cpu;
}

Cpu describeArm(const std::vector<const Block*>& package, const Block& global) {
  const Block& first = *package.front();
  Cpu cpu;
  const auto implementer = get(first, "CPU implementer");
  if (implementer) cpu.vendor = lookup(kArmImplementers, *implementer);
  const auto part = get(first, "CPU part");
  if (implementer && part && toLower(*implementer) == "0x41") cpu.model = lookup(kArmParts, *part);
  if (!cpu.model) cpu.model = get(first, "model name");
  if (!cpu.model) cpu.model = get(first, "Processor");
  if (!cpu.model) cpu.model = get(global, "Processor");
  if (!cpu.model) cpu.model = get(global, "Hardware");
  if (cpu.model) cpu.model = collapseSpaces(*cpu.model);
  cpu.threads = static_cast<std::int64_t>(package.size());
  cpu.cores = cpu.threads;  // no SMT on the ARM cores cpuinfo describes
  return cpu;
}

bool isArm(const Block& block) {
  return !block.contains("vendor_id") && block.contains("CPU implementer");
}

}  // namespace

std::vector<Cpu> parseCpuinfo(std::string_view text) {
  const std::vector<Block> blocks = splitBlocks(text);
  std::vector<const Block*> processors;
  Block global;  // keys of the blocks that describe no processor (ARM "Hardware", "Model")
  for (const Block& block : blocks) {
    if (block.contains("processor")) processors.push_back(&block);
    else global.insert(block.begin(), block.end());
  }
  if (processors.empty()) {
    // Old ARM kernels: one block headed "Processor", no "processor : N" lines.
    const auto described = std::find_if(blocks.begin(), blocks.end(), [](const Block& b) {
      return b.contains("Processor") || b.contains("model name") || b.contains("CPU implementer");
    });
    if (described == blocks.end()) return {};
    processors.push_back(&*described);
  }
  std::map<std::optional<std::int64_t>, std::vector<const Block*>> packages;
  for (const Block* block : processors) {
    const auto physical_id = getCount(*block, "physical id");
    if (packages.size() >= kMaxPackages && !packages.contains(physical_id)) continue;
    packages[physical_id].push_back(block);
  }
  std::vector<Cpu> cpus;
  for (const auto& [physical_id, package] : packages) {
    Cpu cpu = isArm(*package.front()) ? describeArm(package, global) : describeX86(package);
    cpu.physical_id = physical_id;
    cpus.push_back(std::move(cpu));
  }
  // std::map puts "no physical id" first; a machine has either ids or none.
  return cpus;
}

CollectOutcome CpuCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto text = root.readFile(kCpuinfoPath);
  if (!text) return CollectOutcome::noData(std::string(kCpuinfoPath) + ": absent or unreadable");
  auto cpus = parseCpuinfo(*text);
  if (cpus.empty()) return CollectOutcome::error(std::string(kCpuinfoPath) + ": no processor described");
  const auto max_khz = root.readInteger(kMaxFreqPath);
  if (max_khz && *max_khz > 0 && *max_khz < 1'000'000'000) {
    for (Cpu& cpu : cpus) {
      if (!cpu.model || !nominalMhz(*cpu.model)) cpu.mhz = static_cast<double>(*max_khz) / 1000.0;
    }
  }
  snapshot.inventory.cpus = std::move(cpus);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
