// styrkoll rules lint|test|explain: tools for rule authors.
#include <fstream>
#include <iostream>

#include "commands.h"
#include "engine_setup.h"
#include "styrkoll/ingest.h"

namespace styrkoll::cli {

namespace {

int usage() {
  std::cerr << "Usage: styrkoll rules lint [DIR]\n"
               "       styrkoll rules test [DIR]\n"
               "       styrkoll rules explain RULE_ID FILE [--rules DIR]\n";
  return 2;
}

// The pack directory of DIR: DIR itself, or DIR/valfardsbrott when DIR holds packs.
std::string pack_dir(const std::vector<std::string>& args, std::size_t i) {
  if (i >= args.size()) return default_rules_dir();
  std::string d = args[i];
  std::ifstream probe(d + "/pack.yaml");
  if (!probe) {
    std::ifstream nested(d + "/valfardsbrott/pack.yaml");
    if (nested) return d + "/valfardsbrott";
  }
  return d;
}

int lint(const std::string& dir) {
  auto pack = RulePack::load(dir);
  if (!pack.ok()) {
    std::cerr << pack.status().message() << "\n";
    return 1;
  }
  int problems = 0;
  for (const Rule& r : pack.value()->rules()) {
    bool strong = false, weak = false, none = false;
    for (const auto& e : r.examples) {
      if (e.todo) continue;
      strong |= e.expected == Coverage::strong;
      weak |= e.expected == Coverage::weak;
      none |= e.expected == Coverage::missing;
    }
    std::string missing;
    if (!strong) missing += " strong";
    if (!weak) missing += " weak";
    if (!none) missing += " none";
    if (!missing.empty()) {
      std::cerr << r.file << ":" << r.line << ": examples: rule " << r.id << " lacks" << missing << " examples\n";
      ++problems;
    }
  }
  // Every expected perspective of every type needs a rule that can judge it.
  for (const auto& t : pack.value()->types()) {
    for (const auto& p : t.expected_perspectives) {
      bool covered = false;
      for (const Rule& r : pack.value()->rules()) {
        if (r.perspective != p) continue;
        for (const auto& rt : r.types) covered |= rt == "*" || rt == t.id;
      }
      if (!covered) {
        std::cerr << dir << "/types.yaml: type " << t.id << ": no rule judges expected perspective " << p << "\n";
        ++problems;
      }
    }
  }
  if (problems) return 1;
  // Compiling catches terms that analyse to nothing.
  auto engine = load_engine(dir, "rules lint");
  if (!engine) return 1;
  std::cout << dir << ": ok (" << pack.value()->rules().size() << " rules, " << pack.value()->types().size()
            << " document types, pack " << pack.value()->id() << " " << pack.value()->version() << ")\n";
  return 0;
}

int test(const std::string& dir) {
  auto engine = load_engine(dir, "rules test");
  if (!engine) return 2;
  int pass = 0, fail = 0, todo = 0, todo_fixed = 0;
  for (const Rule& r : engine->pack().rules()) {
    for (const auto& e : r.examples) {
      std::vector<std::string> reasons;
      Coverage got = engine->evaluate_text(r, e.text, &reasons);
      bool ok = got == e.expected;
      if (e.todo) {
        ++todo;
        if (ok) ++todo_fixed;
        std::cout << r.file << ":" << e.line << ": " << r.id << ": todo: expected " << coverage_name(e.expected)
                  << ", got " << coverage_name(got) << (ok ? " (now passes: move it out of todo)" : "") << "\n";
        continue;
      }
      if (ok) {
        ++pass;
        continue;
      }
      ++fail;
      std::cout << r.file << ":" << e.line << ": " << r.id << ": expected " << coverage_name(e.expected) << ", got "
                << coverage_name(got) << "\n    \"" << e.text << "\"\n";
      for (const auto& reason : reasons) std::cout << "    " << reason << "\n";
    }
  }
  std::cout << "rules test: " << pass << " passed, " << fail << " failed, " << todo << " todo (" << todo_fixed
            << " of them now pass)\n";
  return fail ? 1 : 0;
}

int explain(const std::vector<std::string>& args) {
  std::string rules_dir = default_rules_dir();
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rules" && i + 1 < args.size()) rules_dir = args[++i];
    else rest.push_back(args[i]);
  }
  if (rest.size() != 2) return usage();
  auto engine = load_engine(rules_dir, "rules explain");
  if (!engine) return 2;
  const Rule* rule = engine->pack().find_rule(rest[0]);
  if (!rule) {
    std::cerr << "styrkoll rules explain: no rule '" << rest[0] << "' in " << rules_dir << "\n";
    return 2;
  }
  auto doc = ingest_file(rest[1]);
  if (!doc.ok()) {
    std::cerr << "styrkoll rules explain: " << doc.status().to_string() << "\n";
    return 1;
  }
  RuleTrace tr = engine->explain(*rule, doc.value());
  std::cout << "Rule " << rule->id << " (" << rule->perspective << ") on " << rest[1] << "\n";
  for (const auto& s : tr.steps) std::cout << "  " << s << "\n";
  return 0;
}

}  // namespace

int cmd_rules(const std::vector<std::string>& args) {
  if (args.empty()) return usage();
  if (args[0] == "lint") return lint(pack_dir(args, 1));
  if (args[0] == "test") return test(pack_dir(args, 1));
  if (args[0] == "explain") return explain(std::vector<std::string>(args.begin() + 1, args.end()));
  return usage();
}

}  // namespace styrkoll::cli
