#include "agent/pjlink/client.h"

#include <optional>
#include <string>

#include "agent/pjlink/digest.h"
#include "agent/pjlink/line_socket.h"
#include "agent/pjlink/reply_parser.h"

namespace parc::agent::pjlink {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxConnections = 2;  // the first, and one more after a drop

// Why a session stopped: the poll keeps what it read and says why it stopped.
struct Stop {
  std::string reason;
  bool reachable = false;  // whether the projector spoke PJLink before stopping
};

class Session {
 public:
  Session(const ProjectorTarget& target, const ClientOptions& options)
      : target_(target), options_(options), end_(Clock::now() + options.total_timeout) {}

  // The reply to "%<cls><command> ?", or why there is none.
  Result<Reply> query(int cls, const std::string& command) {
    for (int attempt = 0;; ++attempt) {
      if (!socket_) {
        if (auto opened = open(); !opened) return makeError(opened.error());
      }
      auto reply = exchange(cls, command);
      if (reply || !socket_ || !socket_->closedByPeer() || connections_ >= kMaxConnections ||
          attempt > 0) {
        return reply;
      }
      socket_.reset();  // dropped mid-answer: one fresh connection
    }
  }

  bool spoke() const { return spoke_; }

 private:
  Deadline deadline(std::chrono::milliseconds step) const { return std::min(Clock::now() + step, end_); }

  Status open() {
    ++connections_;
    auto socket = LineSocket::connect(target_.host, target_.port, deadline(options_.connect_timeout));
    if (!socket) return makeError(socket.error());
    auto line = socket->readLine(deadline(options_.reply_timeout), options_.max_line);
    if (!line) {
      return makeError("no greeting (" + line.error() + ")" +
                       (socket->closedByPeer() ? "; busy with another controller?" : ""));
    }
    auto greeting = parseGreeting(*line);
    if (!greeting) return makeError(greeting.error());
    spoke_ = true;
    prefix_.clear();
    if (greeting->authentication) {
      if (!target_.password) return makeError("the projector requires a password (password=…)");
      prefix_ = authDigest(greeting->random, *target_.password);
    }
    socket_.emplace(std::move(*socket));
    return {};
  }

  Result<Reply> exchange(int cls, const std::string& command) {
    const std::string request = prefix_ + "%" + std::to_string(cls) + command + " ?\r";
    if (auto sent = socket_->send(request, deadline(options_.reply_timeout)); !sent) {
      return makeError(command + ": " + sent.error());
    }
    prefix_.clear();  // the digest goes with the first command only
    auto line = socket_->readLine(deadline(options_.reply_timeout), options_.max_line);
    if (!line) return makeError(command + ": " + line.error());
    auto reply = parseReply(*line, command);
    if (!reply) return makeError(command + ": " + reply.error());
    return reply;
  }

  const ProjectorTarget& target_;
  const ClientOptions& options_;
  const Clock::time_point end_;
  std::optional<LineSocket> socket_;
  std::string prefix_;
  int connections_ = 0;
  bool spoke_ = false;
};

// Runs the queries; returns why it stopped early, if it did.
class Poll {
 public:
  Poll(const ProjectorTarget& target, const ClientOptions& options, ProjectorReading& reading)
      : session_(target, options), reading_(reading) {}

  std::optional<Stop> run() {
    int cls = 1;
    if (auto value = ask(1, "CLSS")) {
      if (auto parsed = parseClass(*value)) cls = *parsed;
      reading_.inventory.pjlink_class = std::to_string(cls);
    }
    if (stop_) return stop_;
    status();
    inventory(cls);
    return stop_;
  }

  void note(const std::string& problem) {
    std::string& detail = *(reading_.state.poll_error ? &*reading_.state.poll_error
                                                      : &reading_.state.poll_error.emplace());
    if (!detail.empty()) detail += "; ";
    detail += problem;
  }

 private:
  // The value of a query; nullopt on ERRn (noted when it is a failure) or when the
  // session has stopped.
  std::optional<std::string> ask(int cls, const std::string& command) {
    if (stop_) return std::nullopt;
    auto reply = session_.query(cls, command);
    if (!reply) {
      stop_ = Stop{reply.error(), session_.spoke()};
      return std::nullopt;
    }
    if (reply->kind == ReplyKind::kAuthRefused) {
      stop_ = Stop{"authentication refused: wrong password (PJLINK ERRA)", true};
      return std::nullopt;
    }
    if (reply->kind == ReplyKind::kFailure) note(command + ": " + std::string(describe(reply->kind)));
    if (reply->kind != ReplyKind::kValue) return std::nullopt;
    return reply->value;
  }

  template <class T>
  std::optional<T> parsed(const std::string& command, Result<T> value) {
    if (value) return std::move(*value);
    note(command + ": " + value.error());
    return std::nullopt;
  }

  void status() {
    ProjectorState& state = reading_.state;
    if (auto value = ask(1, "POWR")) {
      if (auto power = parsed("POWR", parsePower(*value))) state.power = *power;
    }
    if (auto value = ask(1, "ERST")) {
      if (auto errors = parsed("ERST", parseErrorStatus(*value))) state.errors = *errors;
    }
    if (auto value = ask(1, "LAMP")) {
      if (auto lamps = parsed("LAMP", parseLamps(*value))) {
        for (const Lamp& lamp : *lamps) {
          state.lamp_hours.push_back(lamp.hours);
          state.lamp_states.push_back(lamp.on ? "on" : "off");
        }
      }
    }
  }

  void text(int cls, const std::string& command, OptString& out) {
    if (auto value = ask(cls, command)) {
      if (auto text = parsed(command, parseText(*value))) out = *text;
    }
  }

  void inventory(int cls) {
    Projector& projector = reading_.inventory;
    text(1, "INF1", projector.manufacturer);
    text(1, "INF2", projector.model);
    text(1, "INFO", projector.other_info);
    OptString name;
    text(1, "NAME", name);
    if (!projector.name) projector.name = name;
    if (cls < 2) return;
    text(2, "SNUM", projector.serial);
    text(2, "SVER", projector.firmware);
    if (auto value = ask(2, "FILT")) {
      if (auto hours = parsed("FILT", parseHours(*value))) reading_.state.filter_hours = *hours;
    }
    text(2, "RFIL", projector.filter_replacement);
    text(2, "RLMP", projector.lamp_replacement);
  }

  Session session_;
  ProjectorReading& reading_;
  std::optional<Stop> stop_;
};

}  // namespace

ProjectorReading pollProjector(const ProjectorTarget& target, const ClientOptions& options) {
  ProjectorReading reading;
  reading.inventory.address = target.address();
  reading.inventory.name = target.name;
  reading.state.address = target.address();
  reading.state.lamp_life_hours = target.lamp_life_hours;
  Poll poll(target, options, reading);
  const std::optional<Stop> stop = poll.run();
  reading.state.reachable = !stop || stop->reachable;
  if (stop) poll.note(stop->reason);
  return reading;
}

}  // namespace parc::agent::pjlink
