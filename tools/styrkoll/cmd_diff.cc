// styrkoll diff OLD.json NEW.json: progress between two scans, matched by
// finding fingerprints (assessed findings counted apart).
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "styrkoll/scan.h"

namespace styrkoll::cli {

namespace json = boost::json;

int cmd_diff(const std::vector<std::string>& args) {
  bool as_json = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "--json") as_json = true;
    else if (a == "-h" || a == "--help") {
      std::cout << "Usage: styrkoll diff OLD.json NEW.json [--json]\n";
      return 0;
    } else files.push_back(a);
  }
  if (files.size() != 2) {
    std::cerr << "Usage: styrkoll diff OLD.json NEW.json [--json]\n";
    return 2;
  }
  std::string text[2];
  for (int i = 0; i < 2; ++i) {
    std::ifstream in(files[i]);
    if (!in) {
      std::cerr << "styrkoll diff: cannot read " << files[i] << "\n";
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    text[i] = ss.str();
  }
  auto d = diff_reports(text[0], text[1]);
  if (!d.ok()) {
    std::cerr << "styrkoll diff: " << d.status().message() << "\n";
    return 2;
  }
  if (as_json) {
    std::cout << d.value() << "\n";
    return 0;
  }
  json::object o = json::parse(d.value()).as_object();
  std::cout << "Åtgärdade brister:   " << o["fixed"].as_int64() << "\n"
            << "Förbättrade:         " << o["improved"].as_int64() << "\n"
            << "Nya brister:         " << o["new"].as_int64() << "\n"
            << "Försämrade:          " << o["regressed"].as_int64() << "\n"
            << "Oförändrade brister: " << o["unchanged"].as_int64() << "\n"
            << "Bedömda:             " << o["assessed"].as_int64() << "\n"
            << "Borttagna:           " << o["removed"].as_int64() << "\n";
  for (const auto& iv : o["items"].as_array()) {
    const json::object& i = iv.as_object();
    std::string change(i.at("change").as_string());
    if (change == "unchanged") continue;
    auto cov = [](const json::value& v) { return v.is_null() ? std::string("-") : std::string(v.as_string()); };
    std::cout << "  " << change << ": " << i.at("path").as_string().c_str() << " / " << i.at("perspective").as_string().c_str()
              << " (" << cov(i.at("old")) << " -> " << cov(i.at("new")) << ")\n";
  }
  return 0;
}

}  // namespace styrkoll::cli
