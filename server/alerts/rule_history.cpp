// The rules' short history per agent; see rule_history.h.
//
// Encoding (text, one record per line; strings length-prefixed so any byte may
// appear in them; "-" is a missing number):
//   parc.rule_history/1
//   R <enrollment> <newest seq> <reports in the run> <disks> <temperatures> <projectors>
//   D <reallocated> <pending> <uncorrectable> <reported> <grown> <length>:<disk name>
//   T <celsius> <critical> <length>:<label>
//   P <reachable 1|0|-> <length>:<address>
// A run stands for <reports in the run> reports of one enrollment with consecutive
// seqs (newest first) and the same figures.
#include "server/alerts/rule_history.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <tuple>

namespace parc::server::alerts {
namespace {

constexpr std::string_view kHeader = "parc.rule_history/1\n";
constexpr std::int64_t kMaxRun = 1000;
constexpr std::size_t kMaxItems = 4096;
constexpr std::size_t kMaxEntries = 1000;

bool sameTemperature(const Temperature& a, const Temperature& b) {
  return a.label == b.label && a.celsius == b.celsius && a.critical_celsius == b.critical_celsius;
}

bool sameSectors(const SmartHealth& a, const SmartHealth& b) {
  return a.reallocated == b.reallocated && a.pending == b.pending && a.uncorrectable == b.uncorrectable &&
         a.reported_uncorrectable == b.reported_uncorrectable && a.grown_defects == b.grown_defects;
}

bool sameForRules(const State& a, const State& b) {
  return std::equal(a.disks.begin(), a.disks.end(), b.disks.begin(), b.disks.end(),
                    [](const DiskState& x, const DiskState& y) {
                      return x.name == y.name && sameSectors(*x.smart, *y.smart);
                    }) &&
         std::equal(a.temperatures.begin(), a.temperatures.end(), b.temperatures.begin(), b.temperatures.end(),
                    sameTemperature) &&
         std::equal(a.projectors.begin(), a.projectors.end(), b.projectors.begin(), b.projectors.end(),
                    [](const ProjectorState& x, const ProjectorState& y) {
                      return x.address == y.address && x.reachable == y.reachable;
                    });
}

// ---- writing ----

void putInt(std::string& out, const OptInt& value) {
  out += ' ';
  out += value ? std::to_string(*value) : "-";
}

void putDouble(std::string& out, const OptDouble& value) {
  out += ' ';
  if (!value) {
    out += '-';
    return;
  }
  char text[32];
  const auto done = std::to_chars(text, text + sizeof text, *value);  // shortest exact round trip
  out.append(text, done.ptr);
}

void putText(std::string& out, std::string_view text) {
  out += ' ';
  out += std::to_string(text.size());
  out += ':';
  out += text;
  out += '\n';
}

void putRun(std::string& out, const HistoryEntry& newest, std::int64_t count) {
  const State& s = newest.state;
  out += "R " + std::to_string(newest.enrollment) + ' ' + std::to_string(newest.seq) + ' ' +
         std::to_string(count) + ' ' + std::to_string(s.disks.size()) + ' ' +
         std::to_string(s.temperatures.size()) + ' ' + std::to_string(s.projectors.size()) + '\n';
  for (const DiskState& d : s.disks) {
    out += 'D';
    for (const OptInt* v : {&d.smart->reallocated, &d.smart->pending, &d.smart->uncorrectable,
                            &d.smart->reported_uncorrectable, &d.smart->grown_defects}) {
      putInt(out, *v);
    }
    putText(out, d.name);
  }
  for (const Temperature& t : s.temperatures) {
    out += 'T';
    putDouble(out, t.celsius);
    putDouble(out, t.critical_celsius);
    putText(out, t.label);
  }
  for (const ProjectorState& p : s.projectors) {
    out += 'P';
    out += ' ';
    out += p.reachable ? (*p.reachable ? "1" : "0") : "-";
    putText(out, p.address);
  }
}

// ---- reading ----

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool atEnd() const { return pos_ >= text_.size(); }
  std::size_t line() const { return line_; }

  bool literal(std::string_view expected) {
    if (text_.substr(pos_, expected.size()) != expected) return false;
    for (char c : expected) line_ += c == '\n' ? 1 : 0;
    pos_ += expected.size();
    return true;
  }

  // A space then a token up to the next space or newline (not consumed).
  std::optional<std::string_view> token() {
    if (!literal(" ")) return std::nullopt;
    const std::size_t end = text_.find_first_of(" \n", pos_);
    if (end == std::string_view::npos || end == pos_) return std::nullopt;
    std::string_view out = text_.substr(pos_, end - pos_);
    pos_ = end;
    return out;
  }

  template <class Number>
  std::optional<Number> number() {
    const auto text = token();
    Number value{};
    if (!text) return std::nullopt;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
  }

  // nullopt: malformed; a value holding nullopt: "-".
  template <class Number>
  std::optional<std::optional<Number>> optNumber() {
    if (pos_ + 2 < text_.size() && text_.substr(pos_, 2) == " -" &&
        (text_[pos_ + 2] == ' ' || text_[pos_ + 2] == '\n')) {
      pos_ += 2;
      return std::optional<Number>();
    }
    const auto value = number<Number>();
    if (!value) return std::nullopt;
    return std::optional<Number>(*value);
  }

  // " <length>:<bytes>\n"
  std::optional<std::string> text() {
    if (!literal(" ")) return std::nullopt;
    const std::size_t colon = text_.find(':', pos_);
    std::size_t size = 0;
    if (colon == std::string_view::npos || colon == pos_) return std::nullopt;
    const auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + colon, size);
    if (error != std::errc() || end != text_.data() + colon) return std::nullopt;
    pos_ = colon + 1;
    if (size > text_.size() - pos_) return std::nullopt;
    std::string out(text_.substr(pos_, size));
    pos_ += size;
    if (!literal("\n")) return std::nullopt;
    return out;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

Error malformed(const Reader& in, std::string_view what) {
  return makeError("rule history line " + std::to_string(in.line()) + ": " + std::string(what));
}

std::optional<DiskState> readDisk(Reader& in) {
  DiskState disk;
  SmartHealth& h = disk.smart.emplace();
  for (OptInt* field : {&h.reallocated, &h.pending, &h.uncorrectable, &h.reported_uncorrectable,
                        &h.grown_defects}) {
    const auto value = in.optNumber<std::int64_t>();
    if (!value) return std::nullopt;
    *field = *value;
  }
  auto name = in.text();
  if (!name) return std::nullopt;
  disk.name = std::move(*name);
  return disk;
}

std::optional<Temperature> readTemperature(Reader& in) {
  Temperature t;
  const auto celsius = in.optNumber<double>();
  const auto critical = celsius ? in.optNumber<double>() : std::nullopt;
  auto label = critical ? in.text() : std::nullopt;
  if (!label) return std::nullopt;
  return Temperature{.label = std::move(*label), .celsius = *celsius, .critical_celsius = *critical};
}

std::optional<ProjectorState> readProjector(Reader& in) {
  ProjectorState p;
  if (in.literal(" 1")) {
    p.reachable = true;
  } else if (in.literal(" 0")) {
    p.reachable = false;
  } else if (!in.literal(" -")) {
    return std::nullopt;
  }
  auto address = in.text();
  if (!address) return std::nullopt;
  p.address = std::move(*address);
  return p;
}

// Reads `count` lines of one kind, each starting with `tag`.
template <class Item, class ReadOne>
bool readItems(Reader& in, char tag, std::size_t count, std::vector<Item>& out, ReadOne read_one) {
  for (std::size_t i = 0; i < count; ++i) {
    if (!in.literal(std::string_view(&tag, 1))) return false;
    auto item = read_one(in);
    if (!item) return false;
    out.push_back(std::move(*item));
  }
  return true;
}

Result<std::size_t> readRun(Reader& in, RuleHistory& out) {
  if (!in.literal("R")) return malformed(in, "expected a run (R)");
  const auto enrollment = in.number<std::int64_t>();
  const auto seq = in.number<std::int64_t>();
  const auto count = in.number<std::int64_t>();
  std::array<std::optional<std::size_t>, 3> items;
  for (auto& item : items) item = in.number<std::size_t>();
  if (!enrollment || !seq || !count || !items[0] || !items[1] || !items[2] || !in.literal("\n")) {
    return malformed(in, "bad run header");
  }
  if (*count < 1 || *count > kMaxRun || *seq < *count - 1) return malformed(in, "run length out of range");
  if (*items[0] + *items[1] + *items[2] > kMaxItems) return malformed(in, "too many items in a run");
  HistoryEntry entry{*enrollment, *seq, {}};
  if (!readItems(in, 'D', *items[0], entry.state.disks, readDisk) ||
      !readItems(in, 'T', *items[1], entry.state.temperatures, readTemperature) ||
      !readItems(in, 'P', *items[2], entry.state.projectors, readProjector)) {
    return malformed(in, "bad item");
  }
  for (std::int64_t i = 0; i < *count; ++i) {
    out.push_back(entry);
    out.back().seq = *seq - i;
  }
  return static_cast<std::size_t>(*count);
}

auto order(const HistoryEntry& e) { return std::tie(e.enrollment, e.seq); }

}  // namespace

State slimForRules(const State& state) {
  State out;
  for (const DiskState& disk : state.disks) {
    if (!disk.smart) continue;
    DiskState& d = out.disks.emplace_back();
    d.name = disk.name;
    SmartHealth& h = d.smart.emplace();
    h.reallocated = disk.smart->reallocated;
    h.pending = disk.smart->pending;
    h.uncorrectable = disk.smart->uncorrectable;
    h.reported_uncorrectable = disk.smart->reported_uncorrectable;
    h.grown_defects = disk.smart->grown_defects;
  }
  for (const Temperature& t : state.temperatures) {
    out.temperatures.push_back({.label = t.label, .celsius = t.celsius, .critical_celsius = t.critical_celsius});
  }
  for (const ProjectorState& p : state.projectors) {
    out.projectors.push_back({.address = p.address, .reachable = p.reachable});
  }
  return out;
}

std::vector<State> previousStates(const RuleHistory& history, std::int64_t seq, std::size_t count) {
  std::vector<State> out;
  for (const HistoryEntry& entry : history) {
    if (out.size() >= count) break;
    if (entry.seq != seq) out.push_back(entry.state);
  }
  return out;
}

void addToHistory(RuleHistory& history, HistoryEntry entry, std::size_t keep) {
  const auto at = std::find_if(history.begin(), history.end(),
                               [&](const HistoryEntry& e) { return order(e) <= order(entry); });
  if (at != history.end() && order(*at) == order(entry)) {
    *at = std::move(entry);
  } else {
    history.insert(at, std::move(entry));
  }
  if (history.size() > keep) history.resize(keep);
}

std::string encodeRuleHistory(const RuleHistory& history) {
  std::string out(kHeader);
  for (std::size_t i = 0; i < history.size();) {
    std::size_t run = 1;
    while (i + run < history.size() && history[i + run].enrollment == history[i].enrollment &&
           history[i + run].seq == history[i].seq - static_cast<std::int64_t>(run) &&
           sameForRules(history[i + run].state, history[i].state)) {
      ++run;
    }
    putRun(out, history[i], static_cast<std::int64_t>(run));
    i += run;
  }
  return out;
}

Result<RuleHistory> decodeRuleHistory(std::string_view text) {
  Reader in(text);
  if (!in.literal(kHeader)) return makeError("rule history: not parc.rule_history/1");
  RuleHistory out;
  while (!in.atEnd()) {
    auto run = readRun(in, out);
    if (!run) return makeError(run.error());
    if (out.size() > kMaxEntries) return malformed(in, "too many entries");
  }
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (order(out[i]) >= order(out[i - 1])) return makeError("rule history: entries out of order");
  }
  return out;
}

}  // namespace parc::server::alerts
