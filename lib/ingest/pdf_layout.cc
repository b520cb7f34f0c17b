#include "ingest/pdf_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "core/unicode.h"
#include "ingest/document_builder.h"
#include "ingest/hyphenation.h"

namespace styrkoll::pdf {

namespace {

double height(const Line& l) { return std::max(1.0, l.y1 - l.y0); }

std::string word_text(const Word& w) { return core::clean_text(w.text); }

bool is_note_marker_text(const std::string& t) {
  if (t.empty() || t.size() > 3) return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == ',';
  });
}

// Footnote reference marks are small raised digits. They either form a row
// of their own just above a text line or sit inside it; both break words
// and lines ("på1", a paragraph cut in two), so they are dropped.
void drop_note_markers(std::vector<std::vector<const Word*>>& rows) {
  auto row_font = [](const std::vector<const Word*>& r) {
    double f = 0;
    for (const Word* w : r) f = std::max(f, w->font_size);
    return f;
  };
  auto row_box = [](const std::vector<const Word*>& r, double& y0, double& y1) {
    y0 = 1e9;
    y1 = -1e9;
    for (const Word* w : r) {
      y0 = std::min(y0, w->y0);
      y1 = std::max(y1, w->y1);
    }
  };
  std::vector<bool> drop(rows.size(), false);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& r = rows[i];
    bool markers = std::all_of(r.begin(), r.end(), [](const Word* w) { return is_note_marker_text(w->text); });
    if (markers) {
      double y0, y1;
      row_box(r, y0, y1);
      for (std::size_t j : {i + 1, i - 1}) {
        if (j >= rows.size()) continue;
        double ny0, ny1;
        row_box(rows[j], ny0, ny1);
        if (row_font(r) < 0.8 * row_font(rows[j]) && y1 > ny0 && y0 < ny1) drop[i] = true;
      }
      continue;
    }
    // Raised small digits inside a row.
    double f = row_font(r);
    r.erase(std::remove_if(r.begin(), r.end(),
                           [&](const Word* w) {
                             return is_note_marker_text(w->text) && w->font_size < 0.8 * f && r.size() > 1;
                           }),
            r.end());
  }
  std::size_t k = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (drop[i]) continue;
    if (k != i) rows[k] = std::move(rows[i]);
    ++k;
  }
  rows.resize(k);
}

// Builds lines from the words of a page: words whose vertical centres fall
// within each other's extent share a baseline; a horizontal gap wider than
// 1.5 em splits the baseline into separate lines (gutters, table columns).
std::vector<Line> build_lines(const Page& page) {
  std::vector<const Word*> words;
  words.reserve(page.words.size());
  for (const Word& w : page.words) {
    if (w.x1 > w.x0 && w.y1 > w.y0 && !w.text.empty()) words.push_back(&w);
  }
  std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) {
    double ca = (a->y0 + a->y1) / 2, cb = (b->y0 + b->y1) / 2;
    if (std::abs(ca - cb) > 0.5) return ca < cb;
    return a->x0 < b->x0;
  });

  // Cluster into rows.
  std::vector<std::vector<const Word*>> rows;
  double row_y0 = 0, row_y1 = 0;
  for (const Word* w : words) {
    double c = (w->y0 + w->y1) / 2;
    if (!rows.empty() && c >= row_y0 && c <= row_y1) {
      rows.back().push_back(w);
      row_y0 = std::min(row_y0, w->y0 + (w->y1 - w->y0) * 0.25);
      row_y1 = std::max(row_y1, w->y1 - (w->y1 - w->y0) * 0.25);
    } else {
      rows.push_back({w});
      // Use the middle half of the first word as the row's band, so that a
      // line below (which starts where this one ends) does not join it.
      row_y0 = w->y0 + (w->y1 - w->y0) * 0.25;
      row_y1 = w->y1 - (w->y1 - w->y0) * 0.25;
    }
  }

  drop_note_markers(rows);

  std::vector<Line> lines;
  int row_id = 0;
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
    std::size_t first_line = lines.size();
    Line cur;
    std::map<double, std::size_t> size_weight;
    std::size_t bold_chars = 0, chars = 0;
    auto finish = [&]() {
      if (cur.text.empty()) return;
      std::size_t best = 0;
      for (auto& [size, weight] : size_weight) {
        if (weight >= best) {
          best = weight;
          cur.font_size = size;
        }
      }
      cur.bold = chars > 0 && bold_chars * 2 > chars;
      cur.page = page.number;
      cur.row = row_id;
      lines.push_back(cur);
      cur = Line{};
      size_weight.clear();
      bold_chars = chars = 0;
    };
    const Word* prev = nullptr;
    for (const Word* w : row) {
      std::string t = word_text(*w);
      if (t.empty()) continue;
      double em = std::max(4.0, w->font_size > 0 ? w->font_size : (w->y1 - w->y0));
      if (prev) {
        double gap = w->x0 - prev->x1;
        if (gap > 1.5 * em) {
          finish();
        } else if (prev->space_after || gap > 0.12 * em) {
          cur.text += ' ';
        }
      }
      if (cur.text.empty()) {
        cur.x0 = w->x0;
        cur.y0 = w->y0;
        cur.y1 = w->y1;
      }
      cur.text += t;
      cur.x1 = std::max(cur.x1, w->x1);
      cur.y0 = std::min(cur.y0, w->y0);
      cur.y1 = std::max(cur.y1, w->y1);
      std::size_t n = t.size();
      size_weight[std::round(w->font_size * 2) / 2] += n;
      chars += n;
      if (w->bold) bold_chars += n;
      prev = w;
    }
    finish();
    int cells = static_cast<int>(lines.size() - first_line);
    for (std::size_t i = first_line; i < lines.size(); ++i) lines[i].row_cells = cells;
    ++row_id;
  }
  return lines;
}

// Finds a column gutter: an x position in the middle of the text area that
// few lines cross, with enough prose-like lines on both sides at the same
// heights. Returns NaN when the page is single-column.
double find_gutter(const std::vector<Line>& all_lines, double page_height) {
  // Running headers and footers (often centred) would hide the gutter.
  std::vector<Line> lines;
  for (const Line& l : all_lines) {
    if (l.y1 > page_height * 0.08 && l.y0 < page_height * 0.92) lines.push_back(l);
  }
  if (lines.size() < 8) return NAN;
  double minx = 1e9, maxx = -1e9;
  for (const Line& l : lines) {
    minx = std::min(minx, l.x0);
    maxx = std::max(maxx, l.x1);
  }
  double width = maxx - minx;
  if (width < 200) return NAN;
  int lo = static_cast<int>(minx + width * 0.3), hi = static_cast<int>(minx + width * 0.7);
  int best_x = -1, best_cross = 1 << 30, best_run = 0;
  int run_start = -1, run_cross = -1;
  for (int x = lo; x <= hi + 1; ++x) {
    int cross = 1 << 30;
    if (x <= hi) {
      cross = 0;
      for (const Line& l : lines) {
        if (l.x0 < x && l.x1 > x) ++cross;
      }
    }
    if (run_start >= 0 && cross == run_cross) continue;
    if (run_start >= 0) {
      int run = x - run_start;
      bool wide = run >= 6;
      if (wide && (run_cross < best_cross || (run_cross == best_cross && run > best_run))) {
        best_cross = run_cross;
        best_run = run;
        best_x = run_start + run / 2;
      }
    }
    run_start = x;
    run_cross = cross;
  }
  if (best_x < 0 || best_run < 6) return NAN;
  double g = best_x;
  int left = 0, right = 0;
  std::size_t left_chars = 0, right_chars = 0;
  std::set<int> left_rows, right_rows;
  for (const Line& l : lines) {
    if (l.x1 <= g) {
      ++left;
      left_chars += l.text.size();
      left_rows.insert(static_cast<int>(l.y0 / 4));
    } else if (l.x0 >= g) {
      ++right;
      right_chars += l.text.size();
      right_rows.insert(static_cast<int>(l.y0 / 4));
    }
  }
  if (left < 4 || right < 4) return NAN;
  if (best_cross * 3 > left + right) return NAN;
  // Prose columns have long lines; table columns usually do not.
  if (left_chars / left < 20 || right_chars / right < 20) return NAN;
  // Both columns must run side by side over a good stretch of the page.
  std::size_t shared = 0;
  for (int r : left_rows) {
    if (right_rows.count(r) || right_rows.count(r - 1) || right_rows.count(r + 1)) ++shared;
  }
  if (shared < 3) return NAN;
  return g;
}

}  // namespace

std::vector<Line> layout_page(const Page& page) {
  std::vector<Line> lines = build_lines(page);
  double g = find_gutter(lines, page.height);
  if (std::isnan(g)) return lines;  // already top-to-bottom, left-to-right

  // Full-width lines split the page into bands; in each band the left
  // column is read before the right one.
  std::vector<Line> out;
  out.reserve(lines.size());
  std::vector<Line> left, right;
  auto flush = [&]() {
    for (auto& l : left) out.push_back(std::move(l));
    for (auto& l : right) {
      l.column = 1;
      out.push_back(std::move(l));
    }
    left.clear();
    right.clear();
  };
  for (Line& l : lines) {
    if (l.x1 <= g) {
      left.push_back(std::move(l));
    } else if (l.x0 >= g) {
      right.push_back(std::move(l));
    } else {
      flush();
      out.push_back(std::move(l));
    }
  }
  flush();
  // Row ids were per baseline across the whole page; columns are not table rows.
  for (Line& l : out) {
    if (l.row_cells == 2) l.row_cells = 1;
  }
  return out;
}

namespace {

std::string running_key(const std::string& text) {
  std::string k;
  for (char c : text) {
    auto uc = static_cast<unsigned char>(c);
    if (std::isdigit(uc)) {
      if (k.empty() || k.back() != '#') k += '#';
    } else if (!std::isspace(uc)) {
      k += static_cast<char>(std::tolower(uc));
    }
  }
  return k;
}

// A page number line: "Sida 3 av 12", "3/12", "- 3 -"; a bare number only
// when it is this page's number (a bare number may be a table cell).
bool is_page_marker_text(const std::string& t, int page) {
  std::string k = running_key(t);
  static const std::set<std::string> markers = {"-#-", "#/#", "sida#", "sida#av#", "s.#", "page#", "page#of#",
                                                "(#)", "[#]", "#(#)"};
  if (markers.count(k)) return true;
  if (k != "#") return false;
  std::string digits;
  for (char c : t) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits.size() <= 4 && std::abs(std::atoi(digits.c_str()) - page) <= 2;
}

// Repetition counts only for lines with words in them; numbers repeat by chance.
bool has_letters(const std::string& key) {
  return std::count_if(key.begin(), key.end(), [](char c) { return c != '#' && !std::ispunct(static_cast<unsigned char>(c)); }) >= 3;
}

}  // namespace

std::vector<std::string> remove_running_lines(std::vector<std::vector<Line>>& pages,
                                              const std::vector<Page>& geometry) {
  std::vector<std::string> removed;
  std::size_t n = pages.size();
  auto in_band = [&](const Line& l, std::size_t p) {
    double h = p < geometry.size() ? geometry[p].height : 842;
    return l.y1 < h * 0.12 || l.y0 > h * 0.88;
  };
  std::map<std::string, std::set<std::size_t>> seen;
  for (std::size_t p = 0; p < n; ++p) {
    for (const Line& l : pages[p]) {
      if (in_band(l, p)) seen[running_key(l.text)].insert(p);
    }
  }
  std::size_t needed = n <= 2 ? 2 : std::max<std::size_t>(2, (n * 2 + 4) / 5);
  for (std::size_t p = 0; p < n; ++p) {
    auto& lines = pages[p];
    std::vector<Line> kept;
    kept.reserve(lines.size());
    for (Line& l : lines) {
      std::string key = running_key(l.text);
      bool running = in_band(l, p) && l.row_cells == 1 &&
                     (is_page_marker_text(l.text, static_cast<int>(p) + 1) ||
                      (n >= 2 && has_letters(key) && seen[key].size() >= needed));
      if (running) {
        if (std::find(removed.begin(), removed.end(), l.text) == removed.end() && removed.size() < 50) {
          removed.push_back(l.text);
        }
      } else {
        kept.push_back(std::move(l));
      }
    }
    lines = std::move(kept);
  }
  return removed;
}

namespace {

// Bullet at the start of a line; returns its byte length (0 = none).
std::size_t bullet_prefix(const std::string& t) {
  if (t.empty()) return 0;
  std::size_t i = 0;
  char32_t cp = core::next_code_point(t, i);
  if (cp == '-' || cp == '*' || cp == 0x2013 || cp == 0x2014) {
    // A dash only marks a list item when followed by a space and a word.
    return (i < t.size() && t[i] == ' ') ? i + 1 : 0;
  }
  if (!core::is_bullet(cp) && cp != 'o') return 0;
  if (cp == 'o' && !(i < t.size() && t[i] == ' ')) return 0;
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// "1. ", "1) ", "a) " at the start of a line; returns the label ("1") or "".
std::string list_number(const std::string& t) {
  std::size_t i = 0;
  while (i < t.size() && i < 3 && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == 0 && !t.empty() && std::islower(static_cast<unsigned char>(t[0])) && t.size() > 1 && t[1] == ')') i = 1;
  if (i == 0 || i + 1 >= t.size()) return {};
  if ((t[i] == '.' || t[i] == ')') && t[i + 1] == ' ') {
    // "2. Mål" short and capitalised is more likely a heading; decided by the caller.
    return t.substr(0, i);
  }
  return {};
}

bool ends_sentence(const std::string& t) {
  if (t.empty()) return false;
  char c = t.back();
  return c == '.' || c == ':' || c == '!' || c == '?';
}

struct Style {
  double size;
  bool bold;
  bool operator<(const Style& o) const { return size != o.size ? size > o.size : bold > o.bold; }
};

}  // namespace

std::vector<BlockOut> build_blocks(const std::vector<std::vector<Line>>& pages, const WordCheck& is_word) {
  // The body style: the font size carrying most characters.
  std::map<double, std::size_t> size_chars;
  std::size_t bold_chars = 0, all_chars = 0;
  // Prose lines (long, not table cells) decide the body style; tables in small print must not.
  for (int pass = 0; pass < 2 && size_chars.empty(); ++pass) {
    for (const auto& page : pages) {
      for (const Line& l : page) {
        if (pass == 0 && (l.text.size() < 30 || l.row_cells > 1)) continue;
        size_chars[l.font_size] += l.text.size();
        all_chars += l.text.size();
        if (l.bold) bold_chars += l.text.size();
      }
    }
  }
  double body = 0;
  std::size_t best = 0;
  for (auto& [s, c] : size_chars) {
    if (c > best) {
      best = c;
      body = s;
    }
  }
  bool body_bold = bold_chars * 2 > all_chars;

  auto is_heading_line = [&](const Line& l) {
    if (l.row_cells > 1) return false;
    if (l.text.size() > 160) return false;
    std::size_t letters = core::count_letters(l.text).letters;
    if (letters < 2) return false;
    bool bigger = l.font_size >= body * 1.12 + 0.01;
    bool bolder = l.bold && !body_bold && l.font_size >= body * 0.95;
    std::string num = leading_numbering(l.text);
    bool numbered_style = !num.empty() && num.find('.') != std::string::npos && l.text.size() <= 80 &&
                          !ends_sentence(l.text) && l.font_size >= body * 0.95;
    if (!(bigger || bolder || numbered_style)) return false;
    if (ends_sentence(l.text) && l.text.back() != ':' && num.empty() && !bigger) return false;
    return true;
  };

  // Heading levels: distinct heading styles, largest first.
  std::set<Style> heading_styles;
  for (const auto& page : pages) {
    for (const Line& l : page) {
      if (is_heading_line(l)) heading_styles.insert({l.font_size, l.bold});
    }
  }
  auto style_level = [&](const Line& l) {
    int level = 1;
    for (const Style& s : heading_styles) {
      if (s.size == l.font_size && s.bold == l.bold) return level;
      ++level;
    }
    return level;
  };

  std::vector<BlockOut> out;
  BlockOut cur;
  bool open = false;
  const Line* prev = nullptr;
  int table_no = -1;
  int table_row = -1;
  int last_row_id = -1;
  int last_row_page = -1;
  bool in_table = false;

  auto close = [&]() {
    if (open && !cur.text.empty()) out.push_back(cur);
    cur = BlockOut{};
    open = false;
  };
  // The current table row's cells (left edge, index in `out`) and its bottom:
  // a line just below the row that starts at a cell's left edge is that cell
  // wrapping onto its next line, not a new row or a paragraph.
  std::vector<std::pair<double, std::size_t>> row_cells;
  double row_bottom = 0;
  int row_page = -1;
  auto wraps_a_cell = [&](const Line& l) -> BlockOut* {
    if (!in_table || row_cells.empty() || l.page != row_page) return nullptr;
    double gap = l.y0 - row_bottom;
    if (gap > height(l) * 0.6 || gap < -height(l) * 4) return nullptr;
    for (const auto& [x, index] : row_cells) {
      if (std::abs(x - l.x0) >= 4) continue;
      // A wrapped cell line stays inside its column: it ends before the next cell starts
      // (prose below a table runs across the columns).
      double next_x = 1e9;
      for (const auto& other : row_cells) {
        if (other.first > x + 4) next_x = std::min(next_x, other.first);
      }
      if (l.x1 > next_x - 2) return nullptr;
      // A cell whose text ends a sentence is complete: the line below starts something new
      // (prose of a neighbouring column that shares the table's baselines).
      const std::string& t = out[index].text;
      if (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) return nullptr;
      return &out[index];
    }
    return nullptr;
  };

  for (const auto& page : pages) {
    prev = nullptr;
    for (std::size_t li = 0; li < page.size(); ++li) {
      const Line& l = page[li];
      const Line* next = li + 1 < page.size() ? &page[li + 1] : nullptr;
      if (BlockOut* cell = wraps_a_cell(l)) {
        cell->text = join_lines(cell->text, l.text, is_word);
        row_bottom = std::max(row_bottom, l.y1);
        prev = &l;
        continue;
      }
      // Table rows: several lines sharing a baseline.
      if (l.row_cells > 1) {
        close();
        if (!in_table) {
          ++table_no;
          table_row = -1;
          in_table = true;
        }
        if (l.row != last_row_id || l.page != last_row_page) {
          ++table_row;
          last_row_id = l.row;
          last_row_page = l.page;
          cur.column = -1;
          row_cells.clear();
          row_bottom = l.y1;
          row_page = l.page;
        }
        int col = 0;
        if (!out.empty() && out.back().kind == BlockKind::table_cell && out.back().table == table_no &&
            out.back().row == table_row) {
          col = out.back().column + 1;
        }
        BlockOut cell;
        cell.kind = BlockKind::table_cell;
        cell.text = l.text;
        cell.page = l.page;
        cell.table = table_no;
        cell.row = table_row;
        cell.column = col;
        out.push_back(cell);
        row_cells.emplace_back(l.x0, out.size() - 1);
        row_bottom = std::max(row_bottom, l.y1);
        prev = &l;
        continue;
      }
      in_table = false;
      row_cells.clear();

      // A line that runs on into a lower-case line of the same style is wrapped prose, not a heading.
      // (A bold run-in at the start of a paragraph or list item does not make it a heading either.)
      bool runs_on = next && std::abs(next->font_size - l.font_size) < 0.5 && starts_lowercase(next->text) &&
                     next->y0 - l.y1 < height(l) && next->column == l.column;
      if (!runs_on && is_heading_line(l)) {
        bool continues = open && cur.kind == BlockKind::heading && prev && prev->font_size == l.font_size &&
                         prev->bold == l.bold && l.y0 - prev->y1 < height(l) * 0.8 && cur.page == l.page &&
                         leading_numbering(l.text).empty();
        if (continues) {
          cur.text = join_lines(cur.text, l.text, is_word);
        } else {
          close();
          cur.kind = BlockKind::heading;
          cur.text = l.text;
          cur.page = l.page;
          std::string num = leading_numbering(l.text);
          cur.level = num.empty() ? style_level(l)
                                  : 1 + static_cast<int>(std::count(num.begin(), num.end(), '.'));
          open = true;
        }
        prev = &l;
        continue;
      }

      // Footnote text: small print starting with its number.
      if (l.font_size > 0 && l.font_size <= body * 0.9 && is_note_marker_text(l.text.substr(0, l.text.find(' '))) &&
          l.text.find(' ') != std::string::npos) {
        close();
        cur.kind = BlockKind::footnote;
        cur.text = l.text.substr(l.text.find(' ') + 1);
        cur.page = l.page;
        open = true;
        prev = &l;
        continue;
      }

      std::size_t bullet = bullet_prefix(l.text);
      std::string number = bullet ? std::string() : list_number(l.text);
      bool new_block = !open || cur.kind == BlockKind::heading || bullet > 0 || !number.empty() ||
                       (cur.kind == BlockKind::footnote && prev && std::abs(prev->font_size - l.font_size) > 0.5);
      if (!new_block && !prev) {
        // First line of a page: a paragraph that stopped mid-sentence continues here.
        new_block = cur.kind == BlockKind::heading || ends_sentence(cur.text);
      }
      if (!new_block && prev) {
        double gap = l.y0 - prev->y1;
        double lh = std::max(height(*prev), height(l));
        if (gap > lh * 0.7 || gap < -lh * 2) new_block = true;   // blank line, or a column/page jump
        if (std::abs(l.font_size - prev->font_size) > 1.0) new_block = true;
        if (l.column != prev->column) {
          // A paragraph continues into the next column when it did not end a sentence.
          new_block = ends_sentence(cur.text);
        }
      }
      if (new_block) {
        close();
        cur.kind = (bullet > 0 || !number.empty()) ? BlockKind::list_item : BlockKind::paragraph;
        cur.level = cur.kind == BlockKind::list_item ? 1 : 0;
        cur.text = bullet > 0 ? l.text.substr(bullet) : l.text;
        cur.page = l.page;
        open = true;
      } else {
        cur.text = join_lines(cur.text, l.text, is_word);
      }
      prev = &l;
    }
    // A heading never continues on the next page.
    if (open && cur.kind == BlockKind::heading) close();
  }
  close();
  return out;
}

}  // namespace styrkoll::pdf
