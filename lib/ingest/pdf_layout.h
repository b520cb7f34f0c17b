// Page layout analysis for PDFs, on plain geometry so it can be tested
// without Poppler: words -> lines -> reading order (with two-column
// detection) -> running header/footer removal -> blocks (headings from font
// size/weight and numbering, list items, table rows, paragraphs with
// line-end hyphenation resolved).
//
// Coordinates are PDF points with y growing downwards (0 = top of page).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/hyphenation.h"
#include "styrkoll/document.h"

namespace styrkoll::pdf {

using ingest::WordCheck;
using ingest::join_lines;
using ingest::starts_lowercase;

struct Word {
  std::string text;  // UTF-8, not yet cleaned
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  bool bold = false;
  bool space_after = true;
};

struct Page {
  int number = 1;  // 1-based
  double width = 595, height = 842;
  std::vector<Word> words;
};

// A run of words on one baseline, not crossing a column gutter or a wide gap.
struct Line {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  bool bold = false;
  int page = 1;
  int row = 0;         // lines with the same row id share a baseline
  int row_cells = 1;   // how many lines share that baseline (>1: a table row)
  int column = 0;      // 0 = full width or left column, 1 = right column
};

// Lines of one page in reading order. Two-column pages are read left column
// then right column, with full-width lines (titles, spanning headings)
// keeping their vertical place.
std::vector<Line> layout_page(const Page& page);

// Removes running headers/footers and page numbers: lines in the top or
// bottom band of a page whose text (digits ignored) repeats on other pages,
// or that are bare page markers ("3", "Sida 3 av 12"). Returns the removed texts.
std::vector<std::string> remove_running_lines(std::vector<std::vector<Line>>& pages,
                                              const std::vector<Page>& geometry);

struct BlockOut {
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  int level = 0;
  int page = 1;
  int table = -1, row = -1, column = -1;
};

// Groups the lines of all pages (reading order, running lines removed) into blocks.
std::vector<BlockOut> build_blocks(const std::vector<std::vector<Line>>& pages, const WordCheck& is_word);

}  // namespace styrkoll::pdf
