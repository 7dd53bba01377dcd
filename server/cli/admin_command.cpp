// parc-server admin: the server admin's command line over the store. Prints
// the created id or secret alone on stdout, so scripts can capture it.

#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "server/cli/alert_commands.h"
#include "server/cli/cli.h"
#include "server/cli/identity_commands.h"
#include "server/cli/notify_commands.h"
#include "server/cli/server_config.h"
#include "server/cli/user_commands.h"
#include "server/store/park_vocabulary.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace po = boost::program_options;
namespace {

constexpr const char* kAdminUsage = R"(Usage: parc-server admin [--data-dir DIR] <object> <action> [options]

  collectivity add NAME                                   create a collectivity, print its id
  collectivity list                                       list collectivities (id, name)
  site add --collectivity ID [--zone A|B|C] [--kind school|college|lycee|annex] [--address TEXT] NAME
                                                          create a site (school), print its id
  site list                                               list sites (id, collectivity, zone, name)
  token create --site ID [--room NAME] [--uses N] [--expires DURATION]
                                                          create an enrollment token (default: 1 use,
                                                          expires in 30d), print it
  api-token create (--collectivity ID | --all) [--label TEXT]
                                                          create an API token for scripts, owned by
                                                          no user, print it
  user add --collectivity ID --role admin|technician|viewer [--site ID ...] EMAIL
                                                          create a user, print a one-time password
  user list                                               list users (id, email, role, collectivity,
                                                          sites, state)
  user disable EMAIL                                      disable a user: sessions and tokens stop
  token list                                              list enrollment tokens (id, site, room,
                                                          uses/max, expires, revoked)
  token revoke ID                                         revoke an enrollment token (ID or the token)
  agent revoke DEVICE_OR_AGENT_ID                         revoke an agent: its reports get 401 reenroll
  ca-fingerprint [--tls-ca FILE]                          print the CA fingerprint agents pin (sha256:…)
  rule list [--collectivity ID]                           alert rules and their effective settings
  rule set --collectivity ID RULE NAME=VALUE...           override a rule's settings for a collectivity
  calendar import --zone A|B|C FILE.ics                   import a zone's school holidays (iCalendar)
  calendar close --site ID FROM TO REASON                 declare a closure (dates YYYY-MM-DD, TO included)
  calendar wednesday --site ID on|off                     lessons on Wednesday afternoons, or not
  notify webhook add --collectivity ID URL --secret S [--min-severity LEVEL] [--site ID]...
                                                          send the collectivity's alerts to a webhook
  notify email add --collectivity ID ADDRESS [--min-severity LEVEL] [--site ID]... [--digest DURATION]
                                                          ... or by e-mail (smtp_url in server.conf);
                                                          --digest 15m: one message per 15 minutes
  notify email digest ENDPOINT_ID DURATION                set an e-mail digest window (0: per alert)
  notify list [--collectivity ID]                         notification endpoints and dead deliveries
  retention set --collectivity ID --months N|never        keep reports and component history N months
  retention prune                                         prune now what retention allows (the server
                                                          also does it every hour)

  --data-dir DIR   the server's data directory (default /var/lib/parc-server)
)";

struct UsageError {
  std::string what;
};

struct AdminArgs {
  po::variables_map values;
  std::vector<std::string> positional;
};

AdminArgs parseArgs(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("help,h", "")("data-dir", po::value<std::string>())(
      "collectivity", po::value<std::string>())("zone", po::value<std::string>())("kind", po::value<std::string>())(
      "address", po::value<std::string>())(
      "site", po::value<std::vector<std::string>>())("role", po::value<std::string>())("room", po::value<std::string>())(
      "uses", po::value<std::int64_t>())("expires", po::value<std::string>())(
      "label", po::value<std::string>())("secret", po::value<std::string>())("min-severity", po::value<std::string>())("digest", po::value<std::string>())("tls-ca", po::value<std::string>())("months", po::value<std::string>())("all", "")("words", po::value<std::vector<std::string>>());
  po::positional_options_description words;
  words.add("words", -1);
  AdminArgs parsed;
  try {
    po::store(po::command_line_parser(args).options(options).positional(words).run(), parsed.values);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  if (parsed.values.count("words")) parsed.positional = parsed.values["words"].as<std::vector<std::string>>();
  return parsed;
}

std::string required(const AdminArgs& args, const char* key) {
  if (!args.values.count(key)) throw UsageError{std::string("--") + key + " is required"};
  return args.values[key].as<std::string>();
}

OptString optional(const AdminArgs& args, const char* key) {
  if (!args.values.count(key)) return std::nullopt;
  return args.values[key].as<std::string>();
}

std::string nameArgument(const AdminArgs& args) {
  if (args.positional.size() != 3 || args.positional[2].empty()) throw UsageError{"expected one NAME"};
  return args.positional[2];
}

template <class T> T orFail(Result<T> result) {
  if (!result) throw std::runtime_error(result.error());
  return std::move(*result);
}

// retention set|prune. `collectivity` is empty for prune.
void runRetentionCommand(Store& store, const std::string& action, const std::string& collectivity,
                         const OptString& months) {
  if (action == "set") {
    if (!months) throw UsageError{"--months N (or never) is required"};
    std::optional<std::int64_t> value;
    if (*months != "never") {
      char* end = nullptr;
      const long long parsed = std::strtoll(months->c_str(), &end, 10);
      if (end == months->c_str() || *end != '\0' || parsed < 1 || parsed > 1200) {
        throw UsageError{"--months: expected a whole number of months from 1 to 1200, or never"};
      }
      value = parsed;
    }
    if (auto status = store.setRetention(collectivity, value); !status) throw std::runtime_error(status.error());
    std::cout << "retention of " << collectivity << ": " << (value ? *months + " months" : "forever") << "\n";
  } else if (action == "prune") {
    auto pruned = store.pruneHistory(systemNow());
    if (!pruned) throw std::runtime_error(pruned.error());
    std::cout << "pruned " << pruned->reports << " report(s) and " << pruned->component_changes
              << " component change(s)\n";
  } else {
    throw UsageError{"unknown retention action \"" + action + "\" (set or prune)"};
  }
}

void run(Store& store, const AdminArgs& args) {
  const auto& words = args.positional;
  const std::string object = words.size() > 0 ? words[0] : "";
  const std::string action = words.size() > 1 ? words[1] : "";
  if (object == "collectivity" && action == "add") {
    std::cout << orFail(store.createCollectivity(nameArgument(args))).id << "\n";
  } else if (object == "collectivity" && action == "list") {
    for (const auto& c : store.listCollectivities(Scope::everything())) {
      std::cout << c.id << "\t" << c.name << "\n";
    }
  } else if (object == "site" && action == "add") {
    const auto zone = optional(args, "zone");
    if (zone && *zone != "A" && *zone != "B" && *zone != "C") throw UsageError{"--zone must be A, B or C"};
    const auto kind = optional(args, "kind");
    if (kind && !isSiteKind(*kind)) throw UsageError{"--kind must be school, college, lycee or annex"};
    const Site site = orFail(store.createSite(required(args, "collectivity"), nameArgument(args), zone));
    if (kind || optional(args, "address")) {
      if (auto set = store.setSiteProfile(site.id, kind, optional(args, "address")); !set) {
        throw std::runtime_error(set.error());
      }
    }
    std::cout << site.id << "\n";
  } else if (object == "site" && action == "list") {
    for (const auto& s : store.listSites(Scope::everything())) {
      std::cout << s.id << "\t" << s.collectivity_id << "\t" << s.zone.value_or("-") << "\t" << s.name
                << "\n";
    }
  } else if (object == "token" && action == "create") {
    NewEnrollmentToken token;
    const auto sites = args.values.count("site") ? args.values["site"].as<std::vector<std::string>>()
                                                 : std::vector<std::string>{};
    if (sites.size() != 1) throw UsageError{"--site ID is required, once"};
    token.site_id = sites[0];
    token.room = optional(args, "room");
    if (args.values.count("uses")) token.max_uses = args.values["uses"].as<std::int64_t>();
    if (token.max_uses < 1) throw UsageError{"--uses must be at least 1"};
    auto validity = parseDuration(optional(args, "expires").value_or("30d"));
    if (!validity) throw UsageError{"--expires: " + validity.error()};
    token.expires_at = systemNow() + *validity;
    std::cout << orFail(store.createEnrollmentToken(token)).secret << "\n";
  } else if (object == "api-token" && action == "create") {
    const bool all = args.values.count("all") > 0;
    const auto collectivity = optional(args, "collectivity");
    if (all == collectivity.has_value()) throw UsageError{"give exactly one of --collectivity ID or --all"};
    const Scope scope = all ? Scope::everything() : Scope::collectivity(*collectivity);
    const std::string label = optional(args, "label").value_or("");
    std::cout << orFail(store.createApiToken(scope, label)) << "\n";
    AuditEntry entry{.id = 0, .at = formatRfc3339(systemNow()), .action = "token_created",
                     .collectivity_id = collectivity, .actor = "cli", .target = std::nullopt,
                     .address = std::nullopt, .detail = label};
    if (auto status = store.appendAudit(entry); !status) throw std::runtime_error(status.error());
  } else if (object == "user") {
    UserCommand command{.action = action, .collectivity = optional(args, "collectivity"),
                        .role = optional(args, "role"), .sites = {}, .arguments = {}};
    if (args.values.count("site")) command.sites = args.values["site"].as<std::vector<std::string>>();
    command.arguments.assign(words.begin() + std::min<std::size_t>(2, words.size()), words.end());
    try {
      runUserCommand(store, command, std::cout);
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
  } else if (object == "retention") {
    runRetentionCommand(store, action, action == "set" ? required(args, "collectivity") : "",
                        optional(args, "months"));
  } else if (object == "rule" || object == "calendar") {
    AlertCommand command{object, action, optional(args, "collectivity"), optional(args, "zone"), {}, {}};
    if (args.values.count("site")) command.sites = args.values["site"].as<std::vector<std::string>>();
    command.arguments.assign(words.begin() + std::min<std::size_t>(2, words.size()), words.end());
    try {
      runAlertCommand(store, command, std::cout);
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
  } else if (object == "notify") {
    NotifyCommand command{{words.begin() + 1, words.end()}, optional(args, "collectivity"), optional(args, "secret"),
                          optional(args, "min-severity"), optional(args, "digest"), {}};
    if (args.values.count("site")) command.sites = args.values["site"].as<std::vector<std::string>>();
    try {
      runNotifyCommand(store, command, std::cout);
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
  } else if ((object == "token" && (action == "list" || action == "revoke")) || object == "agent") {
    try {
      runIdentityCommand(store, object, action, {words.begin() + std::min<std::size_t>(2, words.size()), words.end()},
                         std::cout);
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
  } else {
    throw UsageError{"unknown admin command \"" + object + " " + action + "\""};
  }
}

}  // namespace

int adminCommand(const std::vector<std::string>& raw_args) {
  AdminArgs args;
  try {
    args = parseArgs(raw_args);
  } catch (const UsageError& e) {
    std::cerr << "parc-server admin: " << e.what << "\n" << kAdminUsage;
    return kExitUsage;
  }
  if (args.values.count("help") || args.positional.empty()) {
    (args.values.count("help") ? std::cout : std::cerr) << kAdminUsage;
    return args.values.count("help") ? kExitOk : kExitUsage;
  }
  const std::filesystem::path data_dir =
      args.values.count("data-dir") ? args.values["data-dir"].as<std::string>() : kDefaultDataDir;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (args.positional.front() == "ca-fingerprint") {
    const auto tls_ca = optional(args, "tls-ca");
    return caFingerprintCommand(data_dir, tls_ca ? std::optional<std::filesystem::path>(*tls_ca) : std::nullopt,
                                std::cout, std::cerr);
  }
  auto store = SqliteStore::open(databaseFileIn(data_dir));
  if (!store) {
    std::cerr << "parc-server admin: " << store.error() << "\n";
    return kExitFailure;
  }
  try {
    run(**store, args);
  } catch (const UsageError& e) {
    std::cerr << "parc-server admin: " << e.what << "\n" << kAdminUsage;
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "parc-server admin: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace parc::server
