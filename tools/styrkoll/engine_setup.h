// Loading the rule pack and building the engine for CLI commands, with the
// default pack location and clear errors.
#pragma once

#include <memory>
#include <string>

#include "styrkoll/analysis.h"

namespace styrkoll::cli {

// The default rule pack: $STYRKOLL_RULES, else rules/valfardsbrott next to
// the current directory, else the one installed with the tool.
std::string default_rules_dir();

// Loads the pack and compiles the engine; prints the problem and returns
// null on failure.
std::shared_ptr<const Engine> load_engine(const std::string& rules_dir, const char* command);

}  // namespace styrkoll::cli
