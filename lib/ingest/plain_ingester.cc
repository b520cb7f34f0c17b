// Plain text and Markdown. Both are read line by line into blocks; the
// Markdown reader understands front matter, ATX/setext headings, lists,
// pipe tables and inline markup, which is all governing documents use.
#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <vector>

#include "core/unicode.h"
#include "ingest/document_builder.h"
#include "ingest/ingesters.h"

namespace styrkoll::ingest {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t eol = s.find('\n', pos);
    if (eol == std::string_view::npos) {
      if (pos < s.size()) lines.push_back(s.substr(pos));
      break;
    }
    std::string_view line = s.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = eol + 1;
  }
  return lines;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A running page marker as converters and PDF text dumps leave them:
// "3", "3/12", "- 3 -", "Sida 3 av 12", "Sida 3".
bool is_page_marker(std::string_view line) {
  static const std::regex re(R"(^(-\s*)?(sida|page|s\.)?\s*\d{1,4}(\s*(/|av|of)\s*\d{1,4})?(\s*-)?$)",
                             std::regex::icase | std::regex::optimize);
  line = trim(line);
  return !line.empty() && line.size() < 24 && std::regex_match(line.begin(), line.end(), re);
}

// A list marker at the start of a line: "- ", "* ", "+ ", "• ", "1. ", "1) ", "a) ".
// Returns the marker length (0 = none) and the number, if any.
std::size_t list_marker(std::string_view line, std::string* number) {
  if (line.size() < 2) return 0;
  std::size_t i = 0;
  std::string_view rest = line;
  if (starts_with(rest, "\xE2\x80\xA2") || starts_with(rest, "\xE2\x80\x93")) i = 3;  // • –
  else if (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') i = 1;
  if (i > 0) return (i < line.size() && line[i] == ' ') ? i + 1 : 0;
  while (i < line.size() && i < 3 && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 0 && std::islower(static_cast<unsigned char>(line[0])) && line.size() > 2 && line[1] == ')') i = 1;
  if (i == 0 || i >= line.size() || (line[i] != '.' && line[i] != ')')) return 0;
  if (i + 1 >= line.size() || line[i + 1] != ' ') return 0;
  if (number) *number = std::string(line.substr(0, i));
  return i + 2;
}

// Inline Markdown to plain text: emphasis, code, links, images, HTML tags.
std::string strip_inline_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[++i];
    } else if (c == '*' || c == '`' || (c == '_' && i + 1 < s.size() && s[i + 1] == '_')) {
      if (c == '_') ++i;
    } else if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
      continue;  // image: keep the alt text via the '[' branch
    } else if (c == '[') {
      std::size_t close = s.find(']', i);
      if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
        std::size_t paren = s.find(')', close);
        if (paren != std::string_view::npos) {
          out += strip_inline_markdown(s.substr(i + 1, close - i - 1));
          i = paren;
          continue;
        }
      }
      if (close != std::string_view::npos && i + 1 < s.size() && s[i + 1] == '^') {
        i = close;  // footnote reference [^1]
        continue;
      }
      out += c;
    } else if (c == '<') {
      std::size_t close = s.find('>', i);
      bool tag = close != std::string_view::npos && close - i < 40 && i + 1 < s.size() &&
                 (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/');
      if (tag) {
        out += ' ';
        i = close;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> split_table_row(std::string_view line) {
  line = trim(line);
  if (starts_with(line, "|")) line.remove_prefix(1);
  if (!line.empty() && line.back() == '|') line.remove_suffix(1);
  std::vector<std::string> cells;
  std::string cur;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cur += '|';
      ++i;
    } else if (line[i] == '|') {
      cells.push_back(std::string(trim(cur)));
      cur.clear();
    } else {
      cur += line[i];
    }
  }
  cells.push_back(std::string(trim(cur)));
  return cells;
}

bool is_table_separator(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.find('-') == std::string_view::npos) return false;
  return std::all_of(line.begin(), line.end(), [](char c) { return c == '|' || c == '-' || c == ':' || c == ' '; });
}

bool is_rule(std::string_view line) {
  line = trim(line);
  if (line.size() < 3) return false;
  char c = line[0];
  if (c != '-' && c != '*' && c != '_') return false;
  return std::all_of(line.begin(), line.end(), [c](char x) { return x == c || x == ' '; });
}

std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\''))) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  for (char c : line) {
    if (c == ' ') ++n;
    else if (c == '\t') n += 4;
    else break;
  }
  return n;
}

// Plain-text heading guess: one short line, numbered ("2.1 Mål") or in capitals.
bool plain_heading(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 90) return false;
  char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  if (!leading_numbering(line).empty()) return line.size() < 80;
  std::size_t letters = 0, upper = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    char32_t cp = core::next_code_point(line, i);
    if ((cp >= 'a' && cp <= 'z') || cp == U'å' || cp == U'ä' || cp == U'ö' || cp == U'é') ++letters;
    if ((cp >= 'A' && cp <= 'Z') || cp == U'Å' || cp == U'Ä' || cp == U'Ö' || cp == U'É') ++letters, ++upper;
  }
  return letters >= 4 && upper == letters;
}


std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool starts_upper_or_digit(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  char32_t cp = core::next_code_point(s, i);
  return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == U'Å' || cp == U'Ä' || cp == U'Ö' || cp == U'É';
}

// How to read a text whose paragraphs are not separated by blank lines (a
// PDF text layer saved as .txt): from line geometry and punctuation.
struct LineLayout {
  bool active = false;
  std::size_t width = 0;                  // a full line's length (code points)
  std::vector<std::string> running;       // lines repeated on many pages: headers and footers
};

bool is_toc_line(std::string_view line) { return line.find(".....") != std::string_view::npos; }

LineLayout line_layout(const std::vector<std::string_view>& lines) {
  LineLayout L;
  std::size_t nonblank = 0, blank = 0, pages = 1;
  std::vector<std::size_t> lengths;
  std::map<std::string_view, int> counts;
  for (std::string_view raw : lines) {
    std::string_view line = trim(raw);
    if (line.empty()) {
      ++blank;
      continue;
    }
    ++nonblank;
    pages += std::count(raw.begin(), raw.end(), '\f');
    if (is_page_marker(line)) ++pages;
    lengths.push_back(code_points(line));
    if (line.size() < 80) ++counts[line];
  }
  // Blank lines mark the paragraphs: nothing to guess.
  if (nonblank < 40 || blank * 20 > nonblank) return L;
  L.active = true;
  std::sort(lengths.begin(), lengths.end());
  L.width = lengths[lengths.size() * 9 / 10];
  const int repeated = std::max<int>(4, static_cast<int>(pages / 2));
  for (const auto& [line, n] : counts) {
    if (n >= repeated && !is_page_marker(line)) L.running.emplace_back(line);
  }
  return L;
}

// A heading in undelimited text: a short line without closing punctuation,
// starting with a capital or a number, between a finished sentence and a
// capitalised line. "att utbetala:" is not one.
bool layout_heading(std::string_view prev, std::string_view line, std::string_view next, const LineLayout& L) {
  if (line.empty() || !starts_upper_or_digit(line) || is_toc_line(line)) return false;
  std::size_t n = code_points(line);
  if (n > 80 || n * 10 > L.width * 6) return false;
  char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '-' || last == '!' || last == '?') return false;
  if (std::count(line.begin(), line.end(), ' ') > 9) return false;
  bool prev_ended = prev.empty() || prev.back() == '.' || prev.back() == '!' || prev.back() == '?' || prev.back() == ':' ||
                    code_points(prev) * 10 < L.width * 6;
  return prev_ended && (next.empty() || starts_upper_or_digit(next));
}

// A line that closes its paragraph: it ends a sentence and stops well short of the right margin.
bool layout_paragraph_end(std::string_view line, const LineLayout& L) {
  if (line.empty()) return true;
  char last = line.back();
  if (last != '.' && last != '!' && last != '?') return false;
  return code_points(line) * 100 < L.width * 85;
}

}  // namespace

std::string decode_text_bytes(std::string_view b, std::string* encoding) {
  auto set = [&](const char* e) {
    if (encoding) *encoding = e;
  };
  if (starts_with(b, "\xEF\xBB\xBF")) b.remove_prefix(3);
  if (starts_with(b, "\xFF\xFE") || starts_with(b, "\xFE\xFF")) {
    bool le = b[0] == '\xFF';
    std::string out;
    for (std::size_t i = 2; i + 1 < b.size(); i += 2) {
      auto lo = static_cast<unsigned char>(b[le ? i : i + 1]);
      auto hi = static_cast<unsigned char>(b[le ? i + 1 : i]);
      char32_t u = static_cast<char32_t>(hi << 8 | lo);
      if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
        auto lo2 = static_cast<unsigned char>(b[le ? i + 2 : i + 3]);
        auto hi2 = static_cast<unsigned char>(b[le ? i + 3 : i + 2]);
        char32_t u2 = static_cast<char32_t>(hi2 << 8 | lo2);
        if (u2 >= 0xDC00 && u2 < 0xE000) {
          u = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
          i += 2;
        }
      }
      if (u >= 0xD800 && u < 0xE000) u = 0xFFFD;
      core::append_utf8(out, u);
    }
    set("utf-16");
    return out;
  }
  if (core::is_valid_utf8(b)) {
    set("utf-8");
    return std::string(b);
  }
  set("windows-1252");
  return core::cp1252_to_utf8(b);
}

Result<Document> ingest_txt(const Input& in) {
  std::string encoding;
  std::string text = decode_text_bytes(in.bytes, &encoding);
  DocumentBuilder db(in.meta);
  if (encoding != "utf-8") db.warn("text converted from " + encoding + " to UTF-8");

  std::string dict_warning;
  WordCheck check = word_check(in, &dict_warning);
  bool paged = text.find('\f') != std::string::npos;
  int page = 1;
  int para = 0;
  std::string buf;
  BlockKind kind = BlockKind::paragraph;
  BlockAttrs attrs;
  auto flush = [&]() {
    if (!trim(buf).empty()) {
      attrs.paragraph_index = para++;
      attrs.page = paged ? page : 0;
      db.add(kind, buf, attrs);
    }
    buf.clear();
    kind = BlockKind::paragraph;
    attrs = {};
  };
  auto lines = split_lines(text);
  const LineLayout layout = line_layout(lines);
  std::string_view prev_line;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    std::string_view raw = lines[li];
    std::size_t ff = 0;
    while ((ff = raw.find('\f')) != std::string_view::npos) {
      flush();
      ++page;
      raw.remove_prefix(ff + 1);
    }
    std::string_view line = trim(raw);
    if (line.empty()) {
      flush();
      continue;
    }
    if (is_page_marker(line)) {
      flush();
      db.add_running_text(line);
      prev_line = {};
      continue;
    }
    if (layout.active) {
      // Running headers and footers are not text; a table-of-contents line is its own block;
      // a short capitalised line between sentences is a heading; a short line ending a
      // sentence closes its paragraph.
      if (std::find(layout.running.begin(), layout.running.end(), line) != layout.running.end()) {
        db.add_running_text(line);
        prev_line = {};
        continue;
      }
      std::string_view next = li + 1 < lines.size() ? trim(lines[li + 1]) : std::string_view();
      std::string number;
      if (is_toc_line(line)) {
        flush();
        buf = std::string(line);
        flush();
        prev_line = {};
        continue;
      }
      if (list_marker(line, &number) == 0 && (buf.empty() || layout_paragraph_end(prev_line, layout)) &&
          layout_heading(prev_line, line, next, layout)) {
        flush();
        kind = BlockKind::heading;
        buf = std::string(line);
        flush();
        prev_line = {};
        continue;
      }
      if (list_marker(line, &number) == 0) {
        buf = join_lines(buf, std::string(line), check);
        if (layout_paragraph_end(line, layout)) flush();
        prev_line = line;
        continue;
      }
      prev_line = line;
    }
    std::string number;
    std::size_t marker = list_marker(line, &number);
    bool next_blank = li + 1 >= lines.size() || trim(lines[li + 1]).empty();
    if (marker > 0) {
      flush();
      kind = BlockKind::list_item;
      attrs.level = 1 + static_cast<int>(indent_of(raw) / 2);
      attrs.numbering = number;
      buf = std::string(line.substr(marker));
      continue;
    }
    if (buf.empty() && next_blank && plain_heading(line)) {
      kind = BlockKind::heading;
      buf = std::string(line);
      flush();
      continue;
    }
    buf = join_lines(buf, std::string(line), check);
  }
  flush();
  if (db.block_count() == 0) return error(ErrorCode::empty_file, in, "contains no text");
  return db.finish();
}

Result<Document> ingest_markdown(const Input& in) {
  std::string encoding;
  std::string text = decode_text_bytes(in.bytes, &encoding);
  DocumentBuilder db(in.meta);
  if (encoding != "utf-8") db.warn("text converted from " + encoding + " to UTF-8");

  auto lines = split_lines(text);
  std::size_t li = 0;
  // YAML front matter: only simple "key: value" lines are read.
  if (!lines.empty() && trim(lines[0]) == "---") {
    for (std::size_t k = 1; k < lines.size() && k < 200; ++k) {
      std::string_view l = trim(lines[k]);
      if (l == "---" || l == "...") {
        li = k + 1;
        break;
      }
      auto colon = l.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view key = trim(l.substr(0, colon));
      std::string value = unquote(l.substr(colon + 1));
      if (key == "title") db.metadata().title = value;
      else if (key == "author") db.metadata().author = value;
      else if (key == "date" || key == "created") db.metadata().created = value;
      else if (key == "modified" || key == "updated") db.metadata().modified = value;
    }
  }

  std::string dict_warning;
  WordCheck check = word_check(in, &dict_warning);
  int para = 0;
  int table_no = -1;
  std::string buf;
  BlockKind kind = BlockKind::paragraph;
  BlockAttrs attrs;
  auto flush = [&]() {
    if (!trim(buf).empty()) {
      attrs.paragraph_index = para++;
      db.add(kind, strip_inline_markdown(buf), attrs);
    }
    buf.clear();
    kind = BlockKind::paragraph;
    attrs = {};
  };
  bool in_fence = false;
  for (; li < lines.size(); ++li) {
    std::string_view raw = lines[li];
    std::string_view line = trim(raw);
    if (starts_with(line, "```") || starts_with(line, "~~~")) {
      flush();
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) {
      if (!buf.empty()) buf += ' ';
      buf += line;
      continue;
    }
    if (line.empty()) {
      flush();
      continue;
    }
    if (starts_with(line, "#")) {
      std::size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      if (level <= 6 && (level == line.size() || line[level] == ' ')) {
        flush();
        std::string_view title = trim(line.substr(level));
        while (!title.empty() && title.back() == '#') title.remove_suffix(1);
        kind = BlockKind::heading;
        attrs.level = static_cast<int>(level);
        buf = std::string(trim(title));
        flush();
        continue;
      }
    }
    // Setext heading: a single paragraph line underlined with === or ---.
    if (!buf.empty() && kind == BlockKind::paragraph && buf.size() < 120 &&
        (std::all_of(line.begin(), line.end(), [](char c) { return c == '='; }) ||
         (std::all_of(line.begin(), line.end(), [](char c) { return c == '-'; }) && line.size() >= 3))) {
      kind = BlockKind::heading;
      attrs.level = line[0] == '=' ? 1 : 2;
      flush();
      continue;
    }
    if (is_rule(line)) {
      flush();
      continue;
    }
    if (starts_with(line, "|") && line.size() > 1) {
      flush();
      ++table_no;
      int row = 0;
      for (; li < lines.size(); ++li) {
        std::string_view tl = trim(lines[li]);
        if (!starts_with(tl, "|")) break;
        if (is_table_separator(tl)) continue;
        auto cells = split_table_row(tl);
        for (std::size_t c = 0; c < cells.size(); ++c) {
          BlockAttrs ca;
          ca.table = table_no;
          ca.row = row;
          ca.column = static_cast<int>(c);
          ca.paragraph_index = para++;
          db.add(BlockKind::table_cell, strip_inline_markdown(cells[c]), ca);
        }
        ++row;
      }
      --li;
      continue;
    }
    if (is_page_marker(line)) {
      flush();
      db.add_running_text(line);
      continue;
    }
    if (starts_with(line, ">")) line = trim(line.substr(1));
    std::string number;
    std::size_t marker = list_marker(line, &number);
    if (marker > 0) {
      flush();
      kind = BlockKind::list_item;
      attrs.level = 1 + static_cast<int>(indent_of(raw) / 2);
      attrs.numbering = number;
      buf = std::string(line.substr(marker));
      continue;
    }
    // A footnote definition "[^1]: text" becomes a footnote block.
    if (starts_with(line, "[^")) {
      auto close = line.find("]:");
      if (close != std::string_view::npos) {
        flush();
        kind = BlockKind::footnote;
        buf = std::string(trim(line.substr(close + 2)));
        continue;
      }
    }
    buf = join_lines(buf, std::string(line), check);
  }
  flush();
  if (db.block_count() == 0) return error(ErrorCode::empty_file, in, "contains no text");
  return db.finish();
}

}  // namespace styrkoll::ingest
