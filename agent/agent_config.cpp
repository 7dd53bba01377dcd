#include "agent/agent_config.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>

#include "agent/pjlink/target.h"
#include "shared/time.h"

namespace parc::agent {
namespace po = boost::program_options;
namespace {

// Keys shared by the configuration file and the command line (file: server = …,
// command line: --server …).
void addConfigKeys(po::options_description& options) {
  options.add_options()
      ("server", po::value<std::string>(), "server URL, e.g. https://parc.collectivite.fr:8443")
      ("ca_fingerprint", po::value<std::string>(), "the server CA's fingerprint, sha256:…")
      ("enroll_token", po::value<std::string>(), "enrollment token, used at the first start")
      ("room", po::value<std::string>(), "the room this machine stands in")
      ("interval", po::value<std::string>(), "time between reports (default 15m)")
      ("projector", po::value<std::vector<std::string>>()->composing(),
       "a projector to poll: \"ADDR[:PORT] [password=…] [lamp_life_hours=…] [name=…]\" (repeatable)")
      ("state_dir", po::value<std::string>(), "identity, spool and progress (default /var/lib/parc-agent)")
      ("log_level", po::value<std::string>(), "trace, debug, info, warn or error (default info)")
      ("spool_max_bytes", po::value<std::uint64_t>(), "spool size bound in bytes (default 64 MiB)")
      ("connect_timeout", po::value<std::string>(), "connection timeout (default 10s)")
      ("send_timeout", po::value<std::string>(), "time allowed for one request (default 60s)");
}

// The command line accepts --state-dir as well as --state_dir, as people type both.
std::vector<std::string> normaliseDashes(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& arg : args) {
    if (arg.starts_with("--")) {
      const auto eq = arg.find('=');
      std::string key = arg.substr(0, eq);
      for (std::size_t i = 2; i < key.size(); ++i) if (key[i] == '-') key[i] = '_';
      out.push_back(eq == std::string::npos ? key : key + arg.substr(eq));
    } else {
      out.push_back(arg);
    }
  }
  return out;
}

Status applyDuration(const po::variables_map& values, const char* key, std::chrono::seconds& out) {
  if (!values.count(key)) return {};
  auto duration = parseDuration(values[key].as<std::string>());
  if (!duration) return makeError(std::string(key) + ": " + duration.error());
  out = *duration;
  return {};
}

Result<AgentConfig> buildConfig(const po::variables_map& values) {
  AgentConfig config;
  const auto text = [&](const char* key, auto& out) {
    if (values.count(key)) out = values[key].as<std::string>();
  };
  text("server", config.server);
  text("ca_fingerprint", config.ca_fingerprint);
  text("enroll_token", config.enroll_token);
  text("room", config.room);
  text("log_level", config.log_level);
  if (values.count("state_dir")) config.state_dir = values["state_dir"].as<std::string>();
  if (values.count("root")) config.root = values["root"].as<std::string>();
  if (values.count("projector")) config.projectors = values["projector"].as<std::vector<std::string>>();
  if (values.count("spool_max_bytes")) config.spool_max_bytes = values["spool_max_bytes"].as<std::uint64_t>();
  for (auto [key, target] : {std::pair{"interval", &config.interval},
                             std::pair{"connect_timeout", &config.connect_timeout},
                             std::pair{"send_timeout", &config.send_timeout}}) {
    if (auto status = applyDuration(values, key, *target); !status) return makeError(status.error());
  }
  if (config.interval < std::chrono::seconds{1}) return makeError("interval: at least 1s");
  if (auto targets = pjlink::parseProjectorTargets(config.projectors); !targets) {
    return makeError("projector: " + targets.error());  // refused at start, not at the first poll
  }
  while (config.server.ends_with('/')) config.server.pop_back();
  if (!config.server.empty() && !config.server.starts_with("http://") &&
      !config.server.starts_with("https://")) {
    return makeError("server: expected a URL starting with https:// or http://, got \"" +
                     config.server + "\"");
  }
  if (!config.ca_fingerprint.empty() && !config.ca_fingerprint.starts_with("sha256:")) {
    return makeError("ca_fingerprint: expected sha256:<hex>");
  }
  return config;
}

}  // namespace

Result<ParsedAgentCommand> parseAgentCommandLine(const std::string& command,
                                                 const std::vector<std::string>& args) {
  po::options_description general("Options");
  general.add_options()("help,h", "show this help")(
      "config,c", po::value<std::string>(), "configuration file (default /etc/parc/agent.conf when it exists)");
  if (command == "once" || command == "inventory" || command == "enroll" || command == "run") {
    general.add_options()("root", po::value<std::string>(),
                          "collect below this directory instead of / (a captured machine)");
  }
  po::options_description keys("Configuration keys (also in the configuration file)");
  addConfigKeys(keys);
  po::options_description all;
  all.add(general).add(keys);

  ParsedAgentCommand parsed;
  po::variables_map values;
  try {
    po::store(po::command_line_parser(normaliseDashes(args)).options(all).run(), values);
    if (values.count("help")) {
      std::ostringstream help;
      help << "Usage: parc-agent " << command << " [options]\n\n" << all;
      parsed.help = true;
      parsed.help_text = help.str();
      return parsed;
    }
    std::string config_path;
    if (values.count("config")) {
      config_path = values["config"].as<std::string>();
    } else if (std::filesystem::exists(kDefaultAgentConfig)) {
      config_path = kDefaultAgentConfig;
    }
    if (!config_path.empty()) {
      std::ifstream in(config_path);
      if (!in) return makeError("cannot read configuration file " + config_path);
      po::options_description file_keys;
      addConfigKeys(file_keys);
      try {
        // Stored after the command line: the command line wins, repeated keys add up.
        po::store(po::parse_config_file(in, file_keys, /*allow_unregistered=*/false), values);
      } catch (const po::error& e) {
        return makeError(config_path + ": " + e.what());
      }
    }
    po::notify(values);
  } catch (const po::error& e) {
    return makeError(e.what());
  }
  auto config = buildConfig(values);
  if (!config) return makeError(config.error());
  parsed.config = std::move(*config);
  return parsed;
}

}  // namespace parc::agent
