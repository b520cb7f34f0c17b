// Subcommands of the styrkoll CLI. Each returns the process exit code:
// 0 success, 1 the command ran but found problems (e.g. a file failed),
// 2 usage or setup error.
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "styrkoll/analysis.h"
#include "styrkoll/document.h"

namespace styrkoll::cli {

int cmd_extract(const std::vector<std::string>& args);
int cmd_scan(const std::vector<std::string>& args);
int cmd_tokens(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_rules(const std::vector<std::string>& args);
int cmd_eval(const std::vector<std::string>& args);
int cmd_diff(const std::vector<std::string>& args);
int cmd_merge(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);

// The document model as JSON (what `styrkoll extract --json` prints).
boost::json::object document_to_json(const Document& doc);


}  // namespace styrkoll::cli
