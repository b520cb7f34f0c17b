// Loading and validating a rule pack directory (see rules.h and
// docs/rule-format.md). Every problem is collected, not only the first,
// so a rule author sees all of them at once.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/sha256.h"
#include "styrkoll/rules.h"

namespace styrkoll {

namespace fs = std::filesystem;

std::string_view coverage_name(Coverage c) {
  switch (c) {
    case Coverage::missing: return "missing";
    case Coverage::weak: return "weak";
    case Coverage::strong: return "strong";
  }
  return "missing";
}

bool parse_coverage(std::string_view s, Coverage* out) {
  if (s == "missing" || s == "none") *out = Coverage::missing;
  else if (s == "weak") *out = Coverage::weak;
  else if (s == "strong") *out = Coverage::strong;
  else return false;
  return true;
}

const Rule* RulePack::find_rule(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const DocumentTypeInfo* RulePack::find_type(std::string_view id) const {
  for (const auto& t : types_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::string RulePack::perspective_name(std::string_view id) const {
  for (const auto& [pid, name] : perspectives_) {
    if (pid == id) return name;
  }
  return std::string(id);
}

const std::vector<std::string>* RulePack::term_list(std::string_view name) const {
  for (const auto& [n, terms] : lists_) {
    if (n == name) return &terms;
  }
  return nullptr;
}

class RulePackLoader {
 public:
  explicit RulePackLoader(RulePack& pack) : pack_(pack) {}

  bool load(const std::string& dir, int depth) {
    if (depth > 4) {
      error(dir, 0, "extends", "packs extend each other too deeply (or in a cycle)");
      return false;
    }
    fs::path root(dir);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      error(dir, 0, "", "not a rule pack directory");
      return false;
    }
    // pack.yaml first: an extending pack loads its base before its own files.
    YAML::Node pack = read(root / "pack.yaml", true);
    if (!pack) return false;
    check_keys(pack, root / "pack.yaml", {"id", "version", "language", "name", "description", "extends"});
    if (pack["extends"]) {
      fs::path base = root / scalar(pack["extends"], root / "pack.yaml", "extends");
      if (!load(base.lexically_normal().string(), depth + 1)) return false;
    }
    pack_.id_ = scalar(pack["id"], root / "pack.yaml", "id");
    pack_.version_ = scalar(pack["version"], root / "pack.yaml", "version");
    pack_.language_ = scalar(pack["language"], root / "pack.yaml", "language");
    if (pack["name"]) pack_.name_ = scalar(pack["name"], root / "pack.yaml", "name");

    if (YAML::Node n = read(root / "perspectives.yaml", depth == 0 && pack_.perspectives_.empty())) load_perspectives(n, root / "perspectives.yaml");
    if (YAML::Node n = read(root / "types.yaml", depth == 0 && pack_.types_.empty())) load_types(n, root / "types.yaml");
    if (YAML::Node n = read(root / "terms.yaml", false)) load_terms(n, root / "terms.yaml");
    if (YAML::Node n = read(root / "markers.yaml", depth == 0 && pack_.markers_.empty())) load_markers(n, root / "markers.yaml");
    if (YAML::Node n = read(root / "archive.yaml", false)) load_archive(n, root / "archive.yaml");
    std::vector<fs::path> files;
    if (fs::is_directory(root / "rules", ec)) {
      for (const auto& e : fs::directory_iterator(root / "rules", ec)) {
        if (e.path().extension() == ".yaml" || e.path().extension() == ".yml") files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (YAML::Node n = read(f, true)) load_rule(n, f);
    }
    return true;
  }

  void finish() {
    validate_references();
    std::string all;
    for (const auto& [path, content] : hashed_) all += path + '\0' + content + '\0';
    pack_.hash_ = core::sha256_hex(all);
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  void error(const fs::path& file, int line, const std::string& field, const std::string& msg) {
    std::string e = file.string();
    if (line > 0) e += ":" + std::to_string(line);
    e += ": ";
    if (!field.empty()) e += field + ": ";
    e += msg;
    errors_.push_back(e);
  }
  void error(const fs::path& file, const YAML::Node& n, const std::string& field, const std::string& msg) {
    error(file, n ? n.Mark().line + 1 : 0, field, msg);
  }

  // An undefined node (falsy) when the file is absent or broken.
  YAML::Node read(const fs::path& file, bool required) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      if (required) error(file, 0, "", "missing file");
      return YAML::Node(YAML::NodeType::Undefined);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    hashed_.emplace_back(file.filename().string(), ss.str());
    try {
      YAML::Node n = YAML::Load(ss.str());
      if (!n.IsMap()) {
        error(file, 1, "", "expected a mapping of keys at the top level");
        return YAML::Node(YAML::NodeType::Undefined);
      }
      return n;
    } catch (const YAML::Exception& e) {
      error(file, e.mark.line + 1, "", "YAML syntax error: " + e.msg);
      return YAML::Node(YAML::NodeType::Undefined);
    }
  }

  void check_keys(const YAML::Node& map, const fs::path& file, std::initializer_list<const char*> allowed) {
    if (!map.IsMap()) return;
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string key = it->first.as<std::string>("");
      bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        error(file, it->first, key, "unknown key (allowed: " + list + ")");
      }
    }
  }

  std::string scalar(const YAML::Node& n, const fs::path& file, const std::string& field, bool required = true) {
    if (!n) {
      if (required) error(file, 0, field, "required");
      return {};
    }
    if (!n.IsScalar()) {
      error(file, n, field, "expected a text value");
      return {};
    }
    std::string s = n.as<std::string>("");
    if (required && s.empty()) error(file, n, field, "must not be empty");
    return s;
  }

  std::vector<std::string> strings(const YAML::Node& n, const fs::path& file, const std::string& field,
                                   bool required_nonempty = true) {
    std::vector<std::string> out;
    if (!n) {
      if (required_nonempty) error(file, 0, field, "required");
      return out;
    }
    if (n.IsScalar()) {
      out.push_back(n.as<std::string>(""));
      return out;
    }
    if (!n.IsSequence()) {
      error(file, n, field, "expected a list");
      return out;
    }
    for (const auto& item : n) {
      if (!item.IsScalar() || item.as<std::string>("").empty()) {
        error(file, item, field, "list items must be non-empty text");
        continue;
      }
      out.push_back(item.as<std::string>(""));
    }
    if (out.empty() && required_nonempty) error(file, n, field, "empty list");
    return out;
  }

  void load_perspectives(const YAML::Node& root, const fs::path& file) {
    check_keys(root, file, {"perspectives"});
    YAML::Node list = root["perspectives"];
    if (!list || !list.IsSequence()) {
      error(file, root, "perspectives", "expected a list of {id, name}");
      return;
    }
    for (const auto& p : list) {
      check_keys(p, file, {"id", "name"});
      std::string id = scalar(p["id"], file, "id");
      std::string name = scalar(p["name"], file, "name");
      if (!id.empty()) pack_.perspectives_.emplace_back(id, name);
    }
  }

  void load_types(const YAML::Node& root, const fs::path& file) {
    check_keys(root, file, {"types", "out_of_scope", "classification", "governing_cues"});
    if (root["governing_cues"]) pack_.governing_cues_ = strings(root["governing_cues"], file, "governing_cues", false);
    if (YAML::Node w = root["classification"]) {
      check_keys(w, file, {"title_cue", "head_cue", "max_cues", "head_blocks", "vocabulary_term", "vocabulary_max",
                           "out_of_scope_cue", "out_of_scope_head_cue", "governing_cue", "min_score",
                           "uncertain_margin"});
      number(w, file, "classification.uncertain_margin", 0, 100, pack_.classification_.uncertain_margin);
      number(w, file, "classification.out_of_scope_head_cue", 0, 100, pack_.classification_.out_of_scope_head_cue);
      number(w, file, "classification.governing_cue", 0, 100, pack_.classification_.governing_cue);
      ClassificationWeights& c = pack_.classification_;
      number(w, file, "classification.title_cue", 0, 100, c.title_cue);
      number(w, file, "classification.head_cue", 0, 100, c.head_cue);
      number(w, file, "classification.max_cues", 1, 20, c.max_cues);
      number(w, file, "classification.head_blocks", 1, 200, c.head_blocks);
      number(w, file, "classification.vocabulary_term", 0, 100, c.vocabulary_term);
      number(w, file, "classification.vocabulary_max", 0, 100, c.vocabulary_max);
      number(w, file, "classification.out_of_scope_cue", 0, 100, c.out_of_scope_cue);
      number(w, file, "classification.min_score", 0, 100, c.min_score);
    }
    YAML::Node list = root["types"];
    if (!list || !list.IsSequence()) {
      error(file, root, "types", "expected a list of document types");
      return;
    }
    for (const auto& t : list) {
      check_keys(t, file, {"id", "name", "title_cues", "title_kinds", "title_subjects", "vocabulary", "expected_perspectives"});
      DocumentTypeInfo info;
      info.id = scalar(t["id"], file, "id");
      info.name = scalar(t["name"], file, "name");
      info.title_cues = strings(t["title_cues"], file, "title_cues");
      info.vocabulary = strings(t["vocabulary"], file, "vocabulary", false);
      info.title_kinds = strings(t["title_kinds"], file, "title_kinds", false);
      info.title_subjects = strings(t["title_subjects"], file, "title_subjects", false);
      if (info.title_kinds.empty() != info.title_subjects.empty()) {
        error(file, t, "title_kinds", "title_kinds and title_subjects go together");
      }
      info.expected_perspectives = strings(t["expected_perspectives"], file, "expected_perspectives");
      type_lines_[info.id] = {file, t.Mark().line + 1};
      pack_.types_.push_back(std::move(info));
    }
    if (YAML::Node oos = root["out_of_scope"]) {
      check_keys(oos, file, {"title_cues", "head_cues"});
      pack_.out_of_scope_cues_ = strings(oos["title_cues"], file, "out_of_scope.title_cues");
      pack_.out_of_scope_head_cues_ = strings(oos["head_cues"], file, "out_of_scope.head_cues", false);
    }
  }

  void load_terms(const YAML::Node& root, const fs::path& file) {
    check_keys(root, file, {"lists", "add", "remove"});
    auto each_list = [&](const YAML::Node& map, const std::string& field, auto&& f) {
      if (!map) return;
      if (!map.IsMap()) {
        error(file, map, field, "expected a mapping of list name to terms");
        return;
      }
      for (auto it = map.begin(); it != map.end(); ++it) {
        std::string name = it->first.as<std::string>("");
        f(name, strings(it->second, file, field + "." + name), it->first);
      }
    };
    each_list(root["lists"], "lists", [&](const std::string& name, std::vector<std::string> terms, const YAML::Node& at) {
      for (auto& [n, t] : pack_.lists_) {
        if (n == name) {
          error(file, at, "lists." + name, "list defined twice (an extending pack uses add/remove)");
          return;
        }
      }
      pack_.lists_.emplace_back(name, std::move(terms));
    });
    each_list(root["add"], "add", [&](const std::string& name, std::vector<std::string> terms, const YAML::Node& at) {
      auto* list = find_list(name);
      if (!list) return error(file, at, "add." + name, "no such list to add to");
      for (auto& t : terms) {
        if (std::find(list->begin(), list->end(), t) == list->end()) list->push_back(t);
      }
    });
    each_list(root["remove"], "remove", [&](const std::string& name, std::vector<std::string> terms, const YAML::Node& at) {
      auto* list = find_list(name);
      if (!list) return error(file, at, "remove." + name, "no such list to remove from");
      for (auto& t : terms) {
        auto it = std::find(list->begin(), list->end(), t);
        if (it == list->end()) error(file, at, "remove." + name, "term '" + t + "' is not in the list");
        else list->erase(it);
      }
      if (list->empty()) error(file, at, "remove." + name, "removing these terms leaves the list empty");
    });
  }

  std::vector<std::string>* find_list(const std::string& name) {
    for (auto& [n, t] : pack_.lists_) {
      if (n == name) return &t;
    }
    return nullptr;
  }

  void load_markers(const YAML::Node& root, const fs::path& file) {
    check_keys(root, file, {"classes", "negation", "problem", "sections", "actors", "soft_hedges", "indefinite_determiners", "passage", "actor_with_obligation",
                            "actor_with_present_tense", "auxiliary_verbs"});
    if (YAML::Node a = root["actor_with_present_tense"]) {
      std::string v = scalar(a, file, "actor_with_present_tense");
      if (v == "true" || v == "yes") pack_.actor_with_present_tense_ = true;
      else if (v == "false" || v == "no") pack_.actor_with_present_tense_ = false;
      else error(file, a, "actor_with_present_tense", "expected true or false");
    }
    if (root["auxiliary_verbs"]) pack_.auxiliary_verbs_ = strings(root["auxiliary_verbs"], file, "auxiliary_verbs", false);
    static const std::set<std::string> known = {"obligation", "responsibility", "measurability", "resources", "followup"};
    if (YAML::Node classes = root["classes"]) {
      if (!classes.IsMap()) {
        error(file, classes, "classes", "expected a mapping of class id to {name, strong, weak}");
      } else {
        pack_.markers_.clear();
        for (auto it = classes.begin(); it != classes.end(); ++it) {
          MarkerClass m;
          m.id = it->first.as<std::string>("");
          if (!known.count(m.id)) error(file, it->first, "classes." + m.id, "unknown marker class (obligation, responsibility, measurability, resources, followup)");
          check_keys(it->second, file, {"name", "strong", "weak"});
          m.name = scalar(it->second["name"], file, "classes." + m.id + ".name");
          m.strong = strings(it->second["strong"], file, "classes." + m.id + ".strong");
          m.weak = strings(it->second["weak"], file, "classes." + m.id + ".weak", false);
          pack_.markers_.push_back(std::move(m));
        }
      }
    }
    if (root["negation"]) pack_.negation_ = strings(root["negation"], file, "negation");
    if (root["problem"]) pack_.problem_ = strings(root["problem"], file, "problem");
    if (root["actors"]) pack_.actors_ = strings(root["actors"], file, "actors");
    if (root["soft_hedges"]) pack_.soft_hedges_ = strings(root["soft_hedges"], file, "soft_hedges", false);
    if (root["indefinite_determiners"]) pack_.indefinite_ = strings(root["indefinite_determiners"], file, "indefinite_determiners", false);
    if (YAML::Node a = root["actor_with_obligation"]) {
      std::string v = scalar(a, file, "actor_with_obligation");
      if (v == "true" || v == "yes") pack_.actor_with_obligation_ = true;
      else if (v == "false" || v == "no") pack_.actor_with_obligation_ = false;
      else error(file, a, "actor_with_obligation", "expected true or false");
    }
    if (YAML::Node p = root["passage"]) {
      check_keys(p, file, {"max_sentence_tokens", "window_tokens", "quote_words"});
      number(p, file, "passage.max_sentence_tokens", 10, 1000, pack_.passage_.max_sentence_tokens);
      number(p, file, "passage.window_tokens", 3, 500, pack_.passage_.window_tokens);
      number(p, file, "passage.quote_words", 10, 500, pack_.passage_.quote_words);
    }
    if (YAML::Node s = root["sections"]) {
      check_keys(s, file, {"background", "operative"});
      pack_.background_sections_ = strings(s["background"], file, "sections.background");
      pack_.operative_sections_ = strings(s["operative"], file, "sections.operative");
    }
  }

  // Reads n[key after the last '.'] into out when present, checking the range.
  template <typename T>
  void number(const YAML::Node& n, const fs::path& file, const std::string& field, double lo, double hi, T& out) {
    std::string key = field.substr(field.rfind('.') + 1);
    if (!n[key]) return;
    try {
      T v = n[key].as<T>();
      if (v < lo || v > hi) {
        error(file, n[key], field, "must be between " + fmt(lo) + " and " + fmt(hi));
        return;
      }
      out = v;
    } catch (const YAML::Exception&) {
      error(file, n[key], field, "expected a number");
    }
  }
  static std::string fmt(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  void load_archive(const YAML::Node& root, const fs::path& file) {
    check_keys(root, file, {"expected_types", "strong_perspectives", "coordinator_terms"});
    pack_.archive_.expected_types = strings(root["expected_types"], file, "expected_types", false);
    pack_.archive_.strong_perspectives = strings(root["strong_perspectives"], file, "strong_perspectives", false);
    pack_.archive_.coordinator_terms = strings(root["coordinator_terms"], file, "coordinator_terms", false);
    archive_file_ = file;
  }

  void load_rule(const YAML::Node& n, const fs::path& file) {
    check_keys(n, file, {"id", "perspective", "types", "title", "scope", "match", "strength", "message", "rationale",
                         "recommendation", "examples"});
    Rule r;
    r.file = file.string();
    r.line = n.Mark().line + 1;
    r.id = scalar(n["id"], file, "id");
    r.perspective = scalar(n["perspective"], file, "perspective");
    perspective_refs_.push_back({r.perspective, file, n["perspective"] ? n["perspective"].Mark().line + 1 : r.line});
    r.types = strings(n["types"], file, "types");
    for (const auto& t : r.types) type_refs_.push_back({t, file, n["types"].Mark().line + 1});
    if (n["title"]) r.title = scalar(n["title"], file, "title");
    r.message = scalar(n["message"], file, "message");
    r.rationale = scalar(n["rationale"], file, "rationale");
    r.recommendation = scalar(n["recommendation"], file, "recommendation");

    if (YAML::Node s = n["scope"]) {
      check_keys(s, file, {"sections", "exclude_sections", "background", "blocks"});
      if (s["sections"]) r.scope.sections = strings(s["sections"], file, "scope.sections");
      if (s["exclude_sections"]) r.scope.exclude_sections = strings(s["exclude_sections"], file, "scope.exclude_sections");
      if (s["background"]) {
        std::string b = scalar(s["background"], file, "scope.background");
        if (b == "weak") r.scope.background = RuleScope::Background::weak;
        else if (b == "ignore") r.scope.background = RuleScope::Background::ignore;
        else if (b == "count") r.scope.background = RuleScope::Background::count;
        else error(file, s["background"], "scope.background", "unknown value '" + b + "' (weak, ignore, count)");
      }
      if (s["blocks"]) {
        r.scope.blocks = strings(s["blocks"], file, "scope.blocks");
        static const std::set<std::string> kinds = {"heading", "paragraph", "list_item", "table_cell", "footnote"};
        for (const auto& b : r.scope.blocks) {
          if (!kinds.count(b)) error(file, s["blocks"], "scope.blocks", "unknown block kind '" + b + "'");
        }
      }
    }
    YAML::Node m = n["match"];
    if (!m) {
      error(file, n, "match", "required");
    } else {
      check_keys(m, file, {"any", "context", "within", "without_context", "generic", "domain"});
      if (m["domain"]) {
        r.match.domain = strings(m["domain"], file, "match.domain");
        for (const auto& t : r.match.domain) term_refs_.push_back({t, file, m["domain"].Mark().line + 1});
      }
      if (YAML::Node g = m["generic"]) {
        check_keys(g, file, {"any", "context"});
        r.match.generic_any = strings(g["any"], file, "match.generic.any");
        if (g["context"]) r.match.generic_context = strings(g["context"], file, "match.generic.context");
        for (const auto& t : r.match.generic_any) term_refs_.push_back({t, file, g["any"].Mark().line + 1});
        for (const auto& t : r.match.generic_context) term_refs_.push_back({t, file, g["context"].Mark().line + 1});
      }
      if (m["without_context"]) {
        std::string w = scalar(m["without_context"], file, "match.without_context");
        if (w == "ignore") r.match.ignore_without_context = true;
        else if (w != "weak") error(file, m["without_context"], "match.without_context", "unknown value '" + w + "' (weak, ignore)");
      }
      r.match.any = strings(m["any"], file, "match.any");
      if (m["context"]) r.match.context = strings(m["context"], file, "match.context");
      if (m["within"]) {
        r.match.within = scalar(m["within"], file, "match.within");
        bool number = !r.match.within.empty() &&
                      std::all_of(r.match.within.begin(), r.match.within.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (r.match.within == "paragraph") r.match.within = "passage";
        if (r.match.within != "sentence" && r.match.within != "passage" && !number) {
          error(file, m["within"], "match.within", "expected sentence, passage or a number of tokens");
        }
      }
      for (const auto& t : r.match.any) term_refs_.push_back({t, file, m["any"].Mark().line + 1});
      for (const auto& t : r.match.context) term_refs_.push_back({t, file, m["context"].Mark().line + 1});
    }
    if (YAML::Node s = n["strength"]) {
      check_keys(s, file, {"min_classes", "requires", "position"});
      if (s["position"]) {
        std::string v = scalar(s["position"], file, "strength.position");
        if (v == "true" || v == "yes") r.strength.position_counts = true;
        else if (v != "false" && v != "no") error(file, s["position"], "strength.position", "expected true or false");
      }
      if (s["min_classes"]) {
        try {
          r.strength.min_classes = s["min_classes"].as<int>();
        } catch (const YAML::Exception&) {
          error(file, s["min_classes"], "strength.min_classes", "expected a number");
        }
        if (r.strength.min_classes < 1 || r.strength.min_classes > 5) error(file, s["min_classes"], "strength.min_classes", "must be 1..5");
      }
      if (s["requires"]) r.strength.requires_ = strings(s["requires"], file, "strength.requires");
      for (const auto& c : r.strength.requires_) class_refs_.push_back({c, file, s["requires"].Mark().line + 1});
    }
    YAML::Node ex = n["examples"];
    if (!ex || !ex.IsMap()) {
      error(file, n, "examples", "every rule needs examples (strong, weak, none; todo for known misses)");
    } else {
      check_keys(ex, file, {"strong", "weak", "none", "todo"});
      for (const char* kind : {"strong", "weak", "none"}) {
        if (!ex[kind]) continue;
        Coverage c;
        parse_coverage(kind, &c);
        for (const auto& item : ex[kind]) {
          if (!item.IsScalar()) {
            error(file, item, std::string("examples.") + kind, "expected a sentence");
            continue;
          }
          r.examples.push_back({item.as<std::string>(""), c, false, item.Mark().line + 1});
        }
      }
      if (YAML::Node todo = ex["todo"]) {
        for (const auto& item : todo) {
          check_keys(item, file, {"text", "expect"});
          RuleExample e;
          e.text = scalar(item["text"], file, "examples.todo.text");
          std::string expect = scalar(item["expect"], file, "examples.todo.expect");
          if (!parse_coverage(expect, &e.expected)) error(file, item["expect"], "examples.todo.expect", "expected strong, weak or none");
          e.todo = true;
          e.line = item.Mark().line + 1;
          r.examples.push_back(e);
        }
      }
      if (r.examples.empty()) error(file, ex, "examples", "no examples given");
    }
    for (const Rule& other : pack_.rules_) {
      if (other.id == r.id) error(file, n["id"], "id", "duplicate rule id (also in " + other.file + ")");
    }
    pack_.rules_.push_back(std::move(r));
  }

  struct Ref {
    std::string value;
    fs::path file;
    int line;
  };

  void validate_references() {
    std::set<std::string> perspectives;
    for (const auto& [id, name] : pack_.perspectives_) perspectives.insert(id);
    std::set<std::string> types;
    for (const auto& t : pack_.types_) types.insert(t.id);
    for (const auto& ref : perspective_refs_) {
      if (!ref.value.empty() && !perspectives.count(ref.value)) {
        error(ref.file, ref.line, "perspective", "unknown perspective id '" + ref.value + "'");
      }
    }
    for (const auto& ref : type_refs_) {
      if (ref.value != "*" && !types.count(ref.value)) error(ref.file, ref.line, "types", "unknown document type id '" + ref.value + "'");
    }
    for (const auto& t : pack_.types_) {
      for (const auto& p : t.expected_perspectives) {
        if (!perspectives.count(p)) {
          auto [file, line] = type_lines_[t.id];
          error(file, line, "expected_perspectives", "unknown perspective id '" + p + "' in type " + t.id);
        }
      }
    }
    for (const auto& ref : term_refs_) {
      if (ref.value.size() > 1 && ref.value[0] == '@' && !pack_.term_list(ref.value.substr(1))) {
        error(ref.file, ref.line, "match", "unknown term list '" + ref.value + "'");
      }
    }
    std::set<std::string> classes;
    for (const auto& m : pack_.markers_) classes.insert(m.id);
    for (const auto& ref : class_refs_) {
      if (!classes.count(ref.value)) error(ref.file, ref.line, "strength.requires", "unknown marker class '" + ref.value + "'");
    }
    if (pack_.markers_.empty()) error("markers.yaml", 0, "classes", "no marker classes defined");
    for (const auto& t : pack_.archive_.expected_types) {
      if (!types.count(t)) error(archive_file_, 0, "expected_types", "unknown document type id '" + t + "'");
    }
    for (const auto& p : pack_.archive_.strong_perspectives) {
      if (!perspectives.count(p)) error(archive_file_, 0, "strong_perspectives", "unknown perspective id '" + p + "'");
    }
  }

  RulePack& pack_;
  std::vector<std::string> errors_;
  std::vector<std::pair<std::string, std::string>> hashed_;
  std::vector<Ref> perspective_refs_, type_refs_, term_refs_, class_refs_;
  std::map<std::string, std::pair<fs::path, int>> type_lines_;
  fs::path archive_file_ = "archive.yaml";
};

Result<std::shared_ptr<const RulePack>> RulePack::load(const std::string& dir) {
  auto pack = std::make_shared<RulePack>();
  RulePackLoader loader(*pack);
  try {
    if (loader.load(dir, 0)) loader.finish();
  } catch (const std::exception& e) {
    // yaml-cpp throws when a node has the wrong kind (a text where a mapping
    // belongs: "scope: x" then s["sections"]); never let it escape the API.
    std::string msg = dir + ": invalid rule pack: unexpected structure (" + e.what() + ")";
    for (const auto& err : loader.errors()) msg += "\n  " + err;
    return Status(ErrorCode::invalid_argument, msg);
  }
  if (!loader.errors().empty()) {
    std::string msg = dir + ": invalid rule pack (" + std::to_string(loader.errors().size()) + " problem" +
                      (loader.errors().size() == 1 ? "" : "s") + "):";
    for (const auto& e : loader.errors()) msg += "\n  " + e;
    return Status(ErrorCode::invalid_argument, msg);
  }
  return std::shared_ptr<const RulePack>(pack);
}

}  // namespace styrkoll
