// Compiling a loaded rule pack against the lexicon: every term of every
// list, rule, marker class and type cue becomes a pattern of one
// TermMatcher, and every set of terms a TermSet over it.
#pragma once

#include "analysis/compiled.h"
#include "styrkoll/status.h"

namespace styrkoll::rules {

// REQUIRES: cp.pack and cp.lexicon are set and nothing else is.
// Errors: invalid_argument naming the rule file or list when a term
// analyses to nothing or refers to an unknown @list.
Status compile_pack(analysis::CompiledPack& cp);

}  // namespace styrkoll::rules
