// Command-line parsing shared by the subcommands (boost::program_options).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace styrkoll::cli {

// Parses `args` into `vm`. Returns an exit code when the command must stop
// here: 0 after printing --help, 2 after a usage error (printed with the
// options); nullopt when the command should go on.
std::optional<int> parse_args(const std::vector<std::string>& args,
                              const boost::program_options::options_description& opts,
                              const boost::program_options::positional_options_description& pos,
                              boost::program_options::variables_map& vm, const char* command);

}  // namespace styrkoll::cli
