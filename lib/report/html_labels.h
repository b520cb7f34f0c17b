// Internal: the fixed texts of the HTML report, Swedish and English.
#pragma once

#include <string_view>

namespace styrkoll::report {

// Placeholders {0}, {1}, ... are filled in by the renderer.
struct HtmlLabels {
  std::string_view lang;
  std::string_view default_title, subtitle;
  std::string_view scanned, rule_pack, tool, roots, print;
  std::string_view nav_summary, nav_matrix, nav_archive, nav_change, nav_documents;
  // Summary.
  std::string_view summary_heading, documents, analyzed, out_of_scope, needs_ocr, errors;
  std::string_view gaps, gaps_missing, gaps_weak, gaps_open, gaps_assessed, strong_total;
  std::string_view types_found_heading, none, top_gaps_heading, top_gaps_intro, no_gaps_found;
  std::string_view perspective_gap_line;  // {0} missing, {1} weak, {2} analysed documents
  std::string_view archive_level;
  // Matrix.
  std::string_view matrix_heading, matrix_intro, matrix_type, matrix_not_expected, matrix_cell_title,
      matrix_no_documents, legend;
  // Archive map.
  std::string_view archive_heading, archive_found, archive_missing, archive_findings, archive_no_findings;
  std::string_view recommendation, copy, copied, copy_failed;
  // Baseline.
  std::string_view change_heading, change_compared, change_document, change_perspective, change_kind,
      change_before, change_now, change_no_items;
  // Documents.
  std::string_view documents_heading, filter_type, filter_all_types, filter_no_type, filter_gaps,
      filter_search, filter_search_placeholder, sort_by, sort_path, sort_type, sort_score, showing, no_match;
  std::string_view path, title, doc_type, confidence, source_manifest, source_auto, type_reasons, status,
      wc_explicit, coverage_score, format, pages, duplicates, warnings, error, needs_ocr_note, out_of_scope_note;
  std::string_view gaps_heading, no_gaps, why, evidence, page, strong_heading, assessed, assessment,
      assessment_by, not_scored;
  // The words a verdict rests on, by marker class (evidence markers "class:word").
  std::string_view type_uncertain;  // {0}: the other reading
  std::string_view carried_by, m_tie, m_obligation, m_responsibility, m_measurability, m_resources, m_followup,
      m_hedge, m_negation, m_generic;
  std::string_view footer;  // {0} tool version
};

const HtmlLabels& html_labels_sv();
const HtmlLabels& html_labels_en();

}  // namespace styrkoll::report
