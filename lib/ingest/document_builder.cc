#include "ingest/document_builder.h"

#include <algorithm>
#include <cctype>

#include "core/unicode.h"

namespace styrkoll {

std::string leading_numbering(std::string_view t) {
  std::size_t i = 0;
  int groups = 0;
  while (i < t.size()) {
    std::size_t start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    std::size_t digits = i - start;
    if (digits == 0 || digits > 3) return {};
    ++groups;
    if (i < t.size() && t[i] == '.' && i + 1 < t.size() &&
        std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
      ++i;
      continue;
    }
    break;
  }
  if (groups == 0 || groups > 6) return {};
  std::size_t num_end = i;
  if (i < t.size() && (t[i] == '.' || t[i] == ')')) ++i;
  if (i >= t.size() || t[i] != ' ') return {};
  while (i < t.size() && t[i] == ' ') ++i;
  if (i >= t.size()) return {};
  // The title must start with a letter (ASCII or any multibyte character).
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (!(std::isalpha(c) || c >= 0x80)) return {};
  return std::string(t.substr(0, num_end));
}

DocumentBuilder::DocumentBuilder(Metadata meta) { doc_.meta_ = std::move(meta); }

void DocumentBuilder::add(BlockKind kind, std::string_view raw, BlockAttrs a) {
  add_clean(kind, core::clean_text(raw), std::move(a));
}

void DocumentBuilder::add_clean(BlockKind kind, std::string_view text, BlockAttrs a) {
  if (text.empty()) return;

  Block b;
  b.kind = kind;
  b.level = a.level;
  b.numbering = std::move(a.numbering);
  b.page = a.page;
  b.paragraph_index = a.paragraph_index;
  b.table = a.table;
  b.row = a.row;
  b.column = a.column;

  if (kind == BlockKind::heading) {
    if (b.numbering.empty()) b.numbering = leading_numbering(text);
    while (!b.numbering.empty() && b.numbering.back() == '.') b.numbering.pop_back();
    if (b.level <= 0) {
      b.level = b.numbering.empty()
                    ? 1
                    : 1 + static_cast<int>(std::count(b.numbering.begin(), b.numbering.end(), '.'));
    }
    b.level = std::clamp(b.level, 1, 9);
  }

  if (!doc_.text_.empty()) doc_.text_ += "\n\n";
  b.begin = doc_.text_.size();
  doc_.text_ += text;
  b.end = doc_.text_.size();

  auto index = static_cast<std::uint32_t>(doc_.blocks_.size());
  if (kind == BlockKind::heading) {
    while (!heading_stack_.empty() && heading_stack_.back().first >= b.level) heading_stack_.pop_back();
  }
  for (const auto& [level, idx] : heading_stack_) b.section.push_back(idx);
  if (kind == BlockKind::heading) heading_stack_.emplace_back(b.level, index);
  doc_.blocks_.push_back(std::move(b));
}

void DocumentBuilder::add_running_text(std::string_view raw) {
  std::string text = core::clean_text(raw);
  if (text.empty()) return;
  auto& rt = doc_.running_text_;
  if (std::find(rt.begin(), rt.end(), text) == rt.end()) rt.push_back(std::move(text));
}

void DocumentBuilder::warn(std::string message) {
  auto& w = doc_.warnings_;
  if (w.size() < 100 && std::find(w.begin(), w.end(), message) == w.end()) w.push_back(std::move(message));
}

Document DocumentBuilder::finish() {
  Metadata& m = doc_.meta_;
  m.title = core::clean_text(m.title);
  m.author = core::clean_text(m.author);
  if (m.title.empty()) {
    for (const Block& b : doc_.blocks_) {
      if (b.kind == BlockKind::heading) {
        m.title = std::string(doc_.block_text(b));
        break;
      }
    }
  }
  // Code point index at every 1024th byte, for Document::char_index().
  const std::string& t = doc_.text_;
  doc_.char_checkpoints_.clear();
  std::size_t cps = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((i & 1023) == 0) doc_.char_checkpoints_.push_back(cps);
    if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) ++cps;
  }
  return std::move(doc_);
}

}  // namespace styrkoll
