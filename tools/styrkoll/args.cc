#include "args.h"

#include <iostream>

namespace styrkoll::cli {

namespace po = boost::program_options;

std::optional<int> parse_args(const std::vector<std::string>& args, const po::options_description& opts,
                              const po::positional_options_description& pos, po::variables_map& vm, const char* command) {
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "styrkoll " << command << ": " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  return std::nullopt;
}

}  // namespace styrkoll::cli
