// Rule packs: the declarative knowledge of what each kind of governing
// document should say, loaded from a directory of YAML files.
//
//   rules/<pack>/pack.yaml          id, version, language, name, extends (optional)
//   rules/<pack>/perspectives.yaml  the perspective ids rules may evidence
//   rules/<pack>/types.yaml         document types: title cues, vocabulary, expected perspectives
//   rules/<pack>/terms.yaml         shared term lists (an extending pack may add/remove terms)
//   rules/<pack>/markers.yaml       strength marker classes, background/operative sections, actors
//   rules/<pack>/rules/*.yaml       one rule per file
//   rules/<pack>/archive.yaml       archive-level expectations (optional)
//
// The format is documented in docs/rule-format.md. Loading validates
// everything and reports every problem as "file:line: field: message".
//
// Thread-safety: a loaded RulePack is immutable; share it freely.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "styrkoll/status.h"

namespace styrkoll {

enum class Coverage { missing = 0, weak = 1, strong = 2 };
std::string_view coverage_name(Coverage c);  // "missing", "weak", "strong"
bool parse_coverage(std::string_view s, Coverage* out);

struct RuleExample {
  std::string text;
  Coverage expected = Coverage::missing;
  bool todo = false;  // a known miss: reported, never a failure
  int line = 0;
};

// Where in a document a rule looks.
struct RuleScope {
  std::vector<std::string> sections;          // only sections whose heading path matches one of these terms (empty = all)
  std::vector<std::string> exclude_sections;  // never these
  enum class Background { weak, ignore, count } background = Background::weak;
  std::vector<std::string> blocks;            // block kinds; empty = all except headings
};

struct RuleMatch {
  std::vector<std::string> any;      // terms or @lists; at least one must occur
  std::vector<std::string> context;  // terms or @lists tying the passage to welfare crime (empty = not needed)
  // How near the context must be: "sentence" (the term's own sentence), "passage" (the
  // passage the verdict rests on: the sentence, list item or table row and the sentences
  // right before and after; "paragraph" is an old name for it) or <N> tokens.
  std::string within = "passage";
  // A passage without the context: "weak" (a generic building block, rule (a)) or "ignore" (not evidence at all).
  bool ignore_without_context = false;
  // The perspective's general mechanism (coverage-labels.md rule (a)): when no passage is
  // tied to welfare crime, a sentence with one of these terms (and, when given, one of
  // generic_context in the same passage) makes the perspective weak instead of missing.
  std::vector<std::string> generic_any, generic_context;
  // The perspective's field (grants to associations, welfare cases): when given, a passage
  // counts only if one of these terms is in it, whether it is tied or generic.
  std::vector<std::string> domain;
};

struct RuleStrength {
  int min_classes = 2;                 // distinct strong marker classes needed
  std::vector<std::string> requires_;  // classes that must be among them
  // Position (brief §6.1 F) counts as a class: the passage stands under an
  // operative heading (Mål, Åtgärder, Uppdrag ...). For goals and measures,
  // where the heading itself says "this is what we commit to".
  bool position_counts = false;
};

struct Rule {
  std::string id;
  std::string perspective;
  std::vector<std::string> types;  // type ids, or {"*"} for every governing type
  std::string title;               // short Swedish name
  RuleScope scope;
  RuleMatch match;
  RuleStrength strength;
  std::string message;         // Swedish: what is missing or weak
  std::string rationale;       // Swedish: why it matters for this type (law, body)
  std::string recommendation;  // Swedish: a ready formulation to adopt
  std::vector<RuleExample> examples;
  std::string file;
  int line = 0;
};

struct DocumentTypeInfo {
  std::string id;
  std::string name;
  std::vector<std::string> title_cues;
  // A title naming the document's kind and subject in the same line, in either order:
  // "Riktlinjer för upphandling", "Ekonomiskt bistånd. Riktlinjer" (types.yaml title_kinds, title_subjects).
  std::vector<std::string> title_kinds, title_subjects;
  std::vector<std::string> vocabulary;
  std::vector<std::string> expected_perspectives;
};

struct MarkerClass {
  std::string id;  // obligation, responsibility, measurability, resources, followup
  std::string name;
  std::vector<std::string> strong, weak;
};

struct ArchiveExpectations {
  std::vector<std::string> expected_types;         // the set a kommun should have
  std::vector<std::string> strong_perspectives;    // at least one document must carry these strongly
  std::vector<std::string> coordinator_terms;      // a document must assign the coordinator role
};

// How the engine cuts a passage out of text whose sentences run long (PDF
// text layers and flattened tables). markers.yaml `passage:`.
struct PassageOptions {
  int max_sentence_tokens = 60;  // a longer "sentence" is judged only in a window around the term ...
  int window_tokens = 20;        // ... of this many tokens on either side
  int quote_words = 40;          // an evidence quote is cut to about this many words around the term
};

// How a document's type is scored (types.yaml `classification:`).
struct ClassificationWeights {
  double title_cue = 6;        // a type's cue in the title, properties title or file name
  double head_cue = 3;         // a type's cue in the first head_blocks blocks
  int max_cues = 2;            // cues counted per type (title and head each)
  int head_blocks = 8;
  double vocabulary_term = 0.6;  // per distinct vocabulary term anywhere in the document ...
  double vocabulary_max = 4;     // ... up to this much
  double out_of_scope_cue = 7;   // a cue of a text that is not a governing document, in the title
  double out_of_scope_head_cue = 4;  // ... in the head (tjänsteskrivelse, protokoll, granskning ...)
  double governing_cue = 2;      // decision metadata in the head (Antagen av, Fastställd, Gäller från ...)
  double min_score = 3;          // below this, no type: out of scope
  double uncertain_margin = 3;   // the best reading leads the next by less: "osäker"
};

class RulePack {
 public:
  // Loads and validates the pack in `dir` (and the pack it extends).
  // On failure the Status message lists every problem, one per line.
  static Result<std::shared_ptr<const RulePack>> load(const std::string& dir);

  const std::string& id() const { return id_; }
  const std::string& version() const { return version_; }
  const std::string& language() const { return language_; }
  const std::string& name() const { return name_; }
  // SHA-256 over every file of the pack (and of packs it extends), for caches and reports.
  const std::string& hash() const { return hash_; }

  const std::vector<Rule>& rules() const { return rules_; }
  const Rule* find_rule(std::string_view id) const;
  const std::vector<DocumentTypeInfo>& types() const { return types_; }
  const DocumentTypeInfo* find_type(std::string_view id) const;
  const std::vector<std::string>& out_of_scope_cues() const { return out_of_scope_cues_; }
  // Words in the head of a text that is not a governing document (tjänsteskrivelse,
  // protokoll, granskning ...) and decision metadata of one that is (Antagen av, Dnr ...).
  const std::vector<std::string>& out_of_scope_head_cues() const { return out_of_scope_head_cues_; }
  const std::vector<std::string>& governing_cues() const { return governing_cues_; }
  const std::vector<std::pair<std::string, std::string>>& perspectives() const { return perspectives_; }
  std::string perspective_name(std::string_view id) const;
  // Term list by name (without '@'); null when unknown.
  const std::vector<std::string>* term_list(std::string_view name) const;
  const std::vector<std::pair<std::string, std::vector<std::string>>>& term_lists() const { return lists_; }
  const std::vector<MarkerClass>& marker_classes() const { return markers_; }
  const std::vector<std::string>& negation_cues() const { return negation_; }
  const std::vector<std::string>& problem_cues() const { return problem_; }
  const std::vector<std::string>& background_sections() const { return background_sections_; }
  const std::vector<std::string>& operative_sections() const { return operative_sections_; }
  const std::vector<std::string>& actors() const { return actors_; }
  // Hedges ("kan", "får") that hedge only when nothing in the sentence obliges.
  const std::vector<std::string>& soft_hedges() const { return soft_hedges_; }
  // Words before an actor that name nobody in particular ("en chef", "varje nämnd").
  const std::vector<std::string>& indefinite_determiners() const { return indefinite_; }
  const PassageOptions& passage() const { return passage_; }
  // Whether "<actor> ska ..." (an actor of actors() as the subject of an obligation)
  // counts as named responsibility (markers.yaml `actor_with_obligation`, default false:
  // the brief names a responsibility by "ansvarar för", "ansvarig:", "uppsikt" ...).
  bool actor_with_obligation() const { return actor_with_obligation_; }
  // Whether a definite actor opening a sentence with a verb in the present tense
  // ("Enhetschefen redovisar varje tertial ...", the normative present of governing prose)
  // counts as named responsibility (markers.yaml `actor_with_present_tense`, default false);
  // auxiliary_verbs() ("har", "är", "kan" ...) state no duty of their own and do not count.
  bool actor_with_present_tense() const { return actor_with_present_tense_; }
  const std::vector<std::string>& auxiliary_verbs() const { return auxiliary_verbs_; }
  const ClassificationWeights& classification() const { return classification_; }
  const ArchiveExpectations& archive() const { return archive_; }

 private:
  friend class RulePackLoader;
  std::string id_, version_, language_, name_, hash_;
  std::vector<Rule> rules_;
  std::vector<DocumentTypeInfo> types_;
  std::vector<std::string> out_of_scope_cues_, out_of_scope_head_cues_, governing_cues_;
  std::vector<std::pair<std::string, std::string>> perspectives_;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists_;
  std::vector<MarkerClass> markers_;
  std::vector<std::string> negation_, problem_, background_sections_, operative_sections_, actors_, soft_hedges_, indefinite_;
  PassageOptions passage_;
  ClassificationWeights classification_;
  bool actor_with_obligation_ = false;
  bool actor_with_present_tense_ = false;
  std::vector<std::string> auxiliary_verbs_;
  ArchiveExpectations archive_;
};

}  // namespace styrkoll
