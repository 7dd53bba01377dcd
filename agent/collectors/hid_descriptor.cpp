#include "agent/collectors/hid_descriptor.h"

#include <cstdint>

namespace parc::agent::collectors {
namespace {

constexpr std::uint32_t kDigitizerPage = 0x0D;
constexpr unsigned kLongItemPrefix = 0xFE;
constexpr unsigned kTypeMain = 0, kTypeGlobal = 1, kTypeLocal = 2;
constexpr unsigned kTagCollection = 0xA, kTagEndCollection = 0xC, kTagUsagePage = 0x0, kTagUsage = 0x0;
constexpr std::uint32_t kCollectionApplication = 0x01;

enum Rank { kNone = 0, kPen = 1, kTouch = 2, kWhiteboard = 3 };

Rank rankOf(std::uint32_t page, std::uint32_t usage) {
  if (page != kDigitizerPage) return kNone;
  switch (usage) {
    case 0x06: return kWhiteboard;
    case 0x04: return kTouch;
    case 0x01: case 0x02: case 0x03: return kPen;
    default: return kNone;
  }
}

struct Item {
  unsigned type = 0, tag = 0, size = 0;
  std::uint32_t data = 0;
};

// The item at `pos`, advancing it; nullopt at the end or on a truncated item.
std::optional<Item> nextItem(std::string_view bytes, std::size_t& pos) {
  if (pos >= bytes.size()) return std::nullopt;
  const auto prefix = static_cast<unsigned char>(bytes[pos]);
  if (prefix == kLongItemPrefix) {
    if (pos + 1 >= bytes.size()) return std::nullopt;
    const std::size_t length = static_cast<unsigned char>(bytes[pos + 1]);
    if (pos + 3 + length > bytes.size()) return std::nullopt;
    pos += 3 + length;
    return Item{3, 0xF, 0, 0};  // reserved: carries nothing we read
  }
  Item item;
  item.size = (prefix & 0x3) == 3 ? 4 : (prefix & 0x3);
  item.type = (prefix >> 2) & 0x3;
  item.tag = prefix >> 4;
  if (pos + 1 + item.size > bytes.size()) return std::nullopt;
  for (unsigned i = 0; i < item.size; ++i) {
    item.data |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[pos + 1 + i])) << (8 * i);
  }
  pos += 1 + item.size;
  return item;
}

}  // namespace

std::optional<std::string> hidDigitizerKind(std::string_view descriptor) {
  std::uint32_t usage_page = 0;
  std::optional<std::uint32_t> usage_page_of_usage, usage;
  int depth = 0;
  Rank best = kNone;
  std::size_t pos = 0;
  while (const auto item = nextItem(descriptor, pos)) {
    if (item->type == kTypeGlobal && item->tag == kTagUsagePage) usage_page = item->data;
    if (item->type == kTypeLocal && item->tag == kTagUsage) {
      usage = item->size == 4 ? (item->data & 0xFFFF) : item->data;
      usage_page_of_usage = item->size == 4 ? std::optional<std::uint32_t>(item->data >> 16) : std::nullopt;
    }
    if (item->type != kTypeMain) continue;
    if (item->tag == kTagCollection) {
      if (depth == 0 && item->data == kCollectionApplication && usage) {
        const Rank rank = rankOf(usage_page_of_usage.value_or(usage_page), *usage);
        if (rank > best) best = rank;
      }
      ++depth;
    } else if (item->tag == kTagEndCollection && depth > 0) {
      --depth;
    }
    usage.reset();  // local items last until the next main item
    usage_page_of_usage.reset();
  }
  switch (best) {
    case kWhiteboard: return "whiteboard";
    case kTouch: return "touch";
    case kPen: return "pen";
    case kNone: break;
  }
  return std::nullopt;
}

}  // namespace parc::agent::collectors
