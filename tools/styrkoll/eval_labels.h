// Hand-written labels for `styrkoll eval`, in the two formats the project
// meets:
//
//   ours (corpus/labels.yaml)            documents: [{file, type, wc_explicit, perspectives: {id: status}}]
//   specialists' (../shared/realdocs)    documents: [{file, doc_type, perspectives: {id: {status, evidence, offset, note}}}]
//                                        or a top-level list of {file, doc_type, ...} (type-only labels)
//
// Both may be mixed entry by entry. A perspective's evidence, when given, is
// the specialist's quote; "none" means no quote.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "styrkoll/rules.h"
#include "styrkoll/status.h"

namespace styrkoll::cli {

struct LabelledPerspective {
  Coverage status = Coverage::missing;
  std::string evidence;  // the specialist's quote; empty when none
  std::string note;
};

struct LabelledDocument {
  std::string id, file, type;
  std::map<std::string, LabelledPerspective> perspectives;  // includes wc_explicit when labelled
};

// Reads a labels file. Errors: invalid_argument naming the file and line
// (unreadable YAML, an entry without file or type, an unknown status).
Result<std::vector<LabelledDocument>> read_labels(const std::string& path);

// How much two quotes are the same passage: the share of the shorter
// quote's words that occur in the longer one (case- and space-insensitive).
double quote_overlap(const std::string& a, const std::string& b);

}  // namespace styrkoll::cli
