// Which of the pack's document types a document is, or out_of_scope: title
// cues in the title region (properties title, file name), cues in the head
// (the first blocks), the type's typical vocabulary, against the cues of
// texts that are not governing documents. Weights: types.yaml
// `classification:` (ClassificationWeights).
#pragma once

#include "analysis/compiled.h"
#include "analysis/doc_state.h"
#include "styrkoll/analysis.h"

namespace styrkoll::analysis {

Classification classify_document(const CompiledPack& cp, const DocState& ds);

}  // namespace styrkoll::analysis
