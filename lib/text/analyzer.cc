#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_set>

#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"
#include "text/segmenter.h"

namespace styrkoll {

const std::string& Token::lemma() const { return analysis->lemma; }
const std::vector<std::string>& Token::parts() const { return analysis->parts; }

namespace {

bool is_conjunction(std::string_view w) {
  static const std::unordered_set<std::string_view> s = {"och", "eller", "samt", "respektive", "resp",
                                                          "liksom", "som", "och/eller", "men"};
  return s.count(w) > 0;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Analyzer {
 public:
  Analyzer(std::string_view text, const Lexicon& lex, AnalyzedText& out) : text_(text), lex_(lex), out_(out) {}

  // Adds one unit (a block, or a chunk of it) at byte offset `base` of the
  // whole text; paragraphs are split into sentences first.
  void add_unit(std::size_t base, std::size_t len, bool paragraph, std::uint32_t block) {
    std::string_view unit = text_.substr(base, len);
    std::vector<std::pair<std::size_t, std::size_t>> sentences;
    if (paragraph) {
      sentences = split_sentences(unit);
    } else {
      sentences.emplace_back(0, unit.size());
    }
    std::vector<text::RawToken> raw = text::word_tokens(unit);
    std::vector<Token> tokens = build_tokens(unit, base, raw);
    std::size_t t = 0;
    std::vector<std::uint32_t> index(tokens.size(), UINT32_MAX);  // unit token -> index in out_.tokens
    for (auto [b, e] : sentences) {
      Sentence s;
      s.begin = base + b;
      s.end = base + e;
      s.block = block;
      s.first_token = static_cast<std::uint32_t>(out_.tokens.size());
      auto sentence_index = static_cast<std::uint32_t>(out_.sentences.size());
      while (t < tokens.size() && tokens[t].begin < base + e) {
        tokens[t].sentence = sentence_index;
        index[t] = static_cast<std::uint32_t>(out_.tokens.size());
        out_.tokens.push_back(std::move(tokens[t]));
        ++t;
      }
      s.token_count = static_cast<std::uint32_t>(out_.tokens.size()) - s.first_token;
      out_.sentences.push_back(s);
    }
    for (auto& [k, word] : analysed_as_) {
      if (index[k] != UINT32_MAX) out_.analysed_as.emplace_back(index[k], std::move(word));
    }
    analysed_as_.clear();
  }

 private:
  std::vector<Token> build_tokens(std::string_view unit, std::size_t base, const std::vector<text::RawToken>& raw) {
    std::vector<Token> tokens;
    tokens.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      std::size_t b = raw[i].begin, e = raw[i].end;
      bool number = raw[i].number;
      // IT-säkerhet, EU-medel, 2025-2027 (words only): one token across inner hyphens.
      while (!number && i + 1 < raw.size() && raw[i + 1].begin == e + 1 && unit[e] == '-' && !raw[i + 1].number) {
        e = raw[++i].end;
      }
      // "1 024 500": thousands groups separated by single spaces.
      while (number && i + 1 < raw.size() && raw[i + 1].number && raw[i + 1].begin == e + 1 && unit[e] == ' ' &&
             raw[i + 1].end - raw[i + 1].begin == 3 && all_digits(unit.substr(raw[i + 1].begin, 3)) &&
             e - b <= 11) {
        e = raw[++i].end;
      }
      Token t;
      t.begin = base + b;
      t.end = base + e;
      t.kind = number ? TokenKind::number : TokenKind::word;
      WordForm form = lex_.form(fold(unit.substr(b, e - b)));
      t.folded = form.folded;
      t.ascii = form.ascii;
      t.analysis = form.analysis;
      // A trailing hyphen before a conjunction: "bidrags- och välfärdsbrott".
      if (!number && e < unit.size() && unit[e] == '-' && (e + 1 == unit.size() || unit[e + 1] == ' ')) {
        t.end += 1;
        suspended_.push_back(tokens.size());
      }
      tokens.push_back(std::move(t));
    }
    resolve_suspended(tokens);
    return tokens;
  }

  // Gives each suspended first element ("bidrags-") the analysis of the
  // compound it abbreviates: itself + the last part of the next full word.
  void resolve_suspended(std::vector<Token>& tokens) {
    for (std::size_t k : suspended_) {
      // Skip further suspended elements and conjunctions: "IT-, informations- och cybersäkerhet".
      std::size_t j = k + 1;
      bool saw_conjunction = false;
      while (j < tokens.size() && (j - k) <= 6) {
        if (is_conjunction(tokens[j].folded)) {
          saw_conjunction = true;
          ++j;
        } else if (tokens[j].end > tokens[j].begin && text_[tokens[j].end - 1] == '-') {
          ++j;
        } else {
          break;
        }
      }
      if (!saw_conjunction || j >= tokens.size()) continue;
      const WordAnalysis& full = *tokens[j].analysis;
      if (!full.compound()) continue;
      const std::string& last = full.parts.back();
      std::string head(tokens[k].folded);
      std::string word = head + last;
      const WordAnalysis* a = &lex_.analyze(word);
      if (!a->compound() || !a->known) {
        word = head + "-" + last;
        a = &lex_.analyze(word);
      }
      tokens[k].analysis = a;
      analysed_as_.emplace_back(k, std::move(word));
    }
    suspended_.clear();
  }

  std::string_view text_;
  const Lexicon& lex_;
  AnalyzedText& out_;
  std::vector<std::size_t> suspended_;
  std::vector<std::pair<std::size_t, std::string>> analysed_as_;  // this unit's, by unit token index
};

}  // namespace

AnalyzedText analyze_document(const Document& doc, const Lexicon& lexicon) {
  AnalyzedText out;
  Analyzer a(doc.text(), lexicon, out);
  for (std::size_t i = 0; i < doc.blocks().size(); ++i) {
    const Block& b = doc.blocks()[i];
    a.add_unit(b.begin, b.end - b.begin, b.kind != BlockKind::heading,
               static_cast<std::uint32_t>(i));
  }
  return out;
}

AnalyzedText analyze_text(std::string_view text, const Lexicon& lexicon) {
  AnalyzedText out;
  Analyzer a(text, lexicon, out);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = text.find("\n\n", pos);
    std::size_t end = next == std::string_view::npos ? text.size() : next;
    if (end > pos) a.add_unit(pos, end - pos, true, 0);
    if (next == std::string_view::npos) break;
    pos = next + 2;
  }
  return out;
}

}  // namespace styrkoll
