// The analysis engine: classify a document's type and judge, per
// perspective, whether the welfare-crime perspective is missing, weak or
// strong, with evidence and reasons.
//
// An Engine is a rule pack compiled against the Swedish lexicon: every term
// of every list, rule and marker class becomes a pattern in one token-level
// index (keyed by lemma, compound part and prefix), so a document is matched
// in a single pass over its tokens; rules whose terms do not occur are not
// evaluated further.
//
// Verdicts follow ../shared/domain/coverage-labels.md (docs/rule-format.md,
// "How a passage is judged"): a verdict rests on one passage, the sentence,
// list item or table row with a rule's term plus at most the sentences right
// before and after. It is STRONG when the passage is tied to welfare crime,
// affirmative, operative, not hedged, and shows at least `min_classes`
// distinct strong-marker classes (obligation in the sentence carrying the
// tie, named responsibility, measurability, resources, follow-up) inside the
// passage; otherwise WEAK, naming the rule (a)-(e). A perspective with no
// tied passage is WEAK when its general mechanism exists (rule (a),
// match.generic), else MISSING. A negated passage counts as nothing.
//
// Thread-safety: an Engine is immutable; analyse documents from any number
// of threads. Results are plain values.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "styrkoll/document.h"
#include "styrkoll/rules.h"
#include "styrkoll/status.h"
#include "styrkoll/text.h"

namespace styrkoll {

class Lexicon;

struct Classification {
  std::string type_id;          // a type id of the pack, or "out_of_scope"
  double confidence = 0;        // 0..1
  std::string source = "auto";  // "auto" or "manifest"
  std::vector<std::string> reasons;  // Swedish
  // The next reading and whether it is close (within the pack's classification.uncertain_margin):
  // "osäker, kan också vara ...". runner_up is a type id, "out_of_scope", or empty.
  std::string runner_up;
  bool uncertain = false;
};

struct Evidence {
  std::uint32_t block = 0;
  int page = 0;
  std::vector<std::string> section;  // heading path
  std::string quote;
  std::size_t char_start = 0, char_end = 0;  // code point offsets in Document::text()
  std::vector<std::string> markers;          // "obligation:ska", "followup:delårsrapport", "negation:saknas" ...
  Coverage strength = Coverage::missing;     // this passage's own judgement
  std::string rule_id;
};

struct PerspectiveResult {
  std::string id;
  Coverage coverage = Coverage::missing;
  std::vector<std::string> reasons;  // Swedish
  std::vector<Evidence> evidence;    // best first, at most 3
  std::string recommendation;        // Swedish; empty when strong
  std::string message;               // Swedish; the gap in one line (empty when strong)
  std::vector<std::string> rule_ids;
};

struct DocumentAnalysis {
  Classification doc_type;
  Coverage wc_explicit = Coverage::missing;
  std::vector<Evidence> wc_evidence;
  std::vector<PerspectiveResult> perspectives;  // the type's expected perspectives, in pack order
  double coverage_score = 0;                   // 0..100: strong = 1, weak = 0.5 per expected perspective
};

// One rule's decision on one document, step by step (for `rules explain`).
struct RuleTrace {
  bool applies = false;
  std::string why_not;             // when it does not apply
  std::vector<std::string> steps;  // readable lines
  Coverage coverage = Coverage::missing;
};

class Engine {
 public:
  // Compiles the pack's terms with the lexicon. Errors: invalid_argument
  // (a term that analyses to nothing).
  static Result<std::shared_ptr<const Engine>> create(std::shared_ptr<const RulePack> pack,
                                                      std::shared_ptr<const Lexicon> lexicon);
  ~Engine();

  const RulePack& pack() const;
  const Lexicon& lexicon() const;

  Classification classify(const Document& doc, const AnalyzedText& text) const;
  // Analyses a document; `type_override` (from a manifest) replaces the automatic classification.
  // REQUIRES: `text` was analysed with this engine's lexicon() (its tokens
  // point into that lexicon; the term matcher remembers results per analysis).
  DocumentAnalysis analyze(const Document& doc, const AnalyzedText& text,
                           const std::optional<std::string>& type_override = std::nullopt) const;
  // Convenience: tokenises the document itself.
  DocumentAnalysis analyze(const Document& doc, const std::optional<std::string>& type_override = std::nullopt) const;

  // A rule's judgement on a free-standing sentence or paragraph (rule examples).
  Coverage evaluate_text(const Rule& rule, std::string_view text, std::vector<std::string>* reasons = nullptr) const;

  RuleTrace explain(const Rule& rule, const Document& doc) const;

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A coordinator's manifest: document path -> type id. CSV ("path;type" or
// "path,type", optional header) or YAML (a mapping). Paths are matched by
// suffix, so "budget/mal-och-budget.pdf" matches "/archive/budget/mal-och-budget.pdf".
class Manifest {
 public:
  static Result<Manifest> load(const std::string& path, const RulePack& pack);
  std::optional<std::string> type_for(const std::string& document_path) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace styrkoll
