#include "text/token_codec.h"

#include <unicode/uversion.h>

#include <array>
#include <boost/json.hpp>
#include <unordered_map>

#include "styrkoll/lexicon.h"

namespace styrkoll::text {

namespace json = boost::json;

namespace {

// Tokens depend on ICU's break rules and on our tokenizer: bump the
// revision whenever analyze_document() would split or fold differently.
constexpr const char* kRevision = "1";
std::string version() { return std::string("icu") + U_ICU_VERSION + "/t" + kRevision; }

// A number as 5-bit groups, most significant first: inner groups from one
// alphabet, the last group from another, so no separator is needed.
constexpr std::string_view kInner = "abcdefghijklmnopqrstuvwxyz012345";
constexpr std::string_view kLast = "ABCDEFGHIJKLMNOPQRSTUVWXYZ6789+/";

void put(std::string& out, std::uint64_t v) {
  char buf[16];
  int n = 0;
  buf[n++] = kLast[v & 31];
  for (v >>= 5; v; v >>= 5) buf[n++] = kInner[v & 31];
  while (n) out += buf[--n];
}

void put_signed(std::string& out, std::int64_t v) {
  put(out, v < 0 ? (static_cast<std::uint64_t>(-(v + 1)) << 1) | 1 : static_cast<std::uint64_t>(v) << 1);
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {
    table_.fill(-1);
    for (std::size_t i = 0; i < 32; ++i) {
      table_[static_cast<unsigned char>(kInner[i])] = static_cast<int>(i);
      table_[static_cast<unsigned char>(kLast[i])] = static_cast<int>(i) | 32;
    }
  }
  bool done() const { return pos_ >= s_.size(); }
  // False on a malformed or overlong number.
  bool get(std::uint64_t& v) {
    v = 0;
    for (int groups = 0; pos_ < s_.size() && groups < 12; ++groups) {
      int c = table_[static_cast<unsigned char>(s_[pos_++])];
      if (c < 0) return false;
      v = (v << 5) | static_cast<std::uint64_t>(c & 31);
      if (c & 32) return true;
    }
    return false;
  }
  bool get_signed(std::int64_t& v) {
    std::uint64_t u;
    if (!get(u)) return false;
    v = (u & 1) ? -static_cast<std::int64_t>(u >> 1) - 1 : static_cast<std::int64_t>(u >> 1);
    return true;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  std::array<int, 256> table_;
};

}  // namespace

json::object encode_tokens(const AnalyzedText& at, std::size_t text_size) {
  json::array words;
  std::unordered_map<std::string_view, std::uint64_t> ids;
  std::string t, s;
  t.reserve(at.tokens.size() * 4);
  std::int64_t prev_begin = 0;
  std::uint32_t prev_sentence = 0;
  for (const Token& tok : at.tokens) {
    auto [it, fresh] = ids.emplace(tok.folded, ids.size());
    if (fresh) words.emplace_back(tok.folded);
    put_signed(t, static_cast<std::int64_t>(tok.begin) - prev_begin);
    put(t, tok.end - tok.begin);
    put(t, it->second << 1 | (tok.kind == TokenKind::number ? 1 : 0));
    put_signed(t, static_cast<std::int64_t>(tok.sentence) - prev_sentence);
    prev_begin = static_cast<std::int64_t>(tok.begin);
    prev_sentence = tok.sentence;
  }
  prev_begin = 0;
  std::int64_t prev_block = 0;
  for (const Sentence& se : at.sentences) {
    put_signed(s, static_cast<std::int64_t>(se.begin) - prev_begin);
    put(s, se.end - se.begin);
    put_signed(s, static_cast<std::int64_t>(se.block) - prev_block);
    put(s, se.first_token);
    put(s, se.token_count);
    prev_begin = static_cast<std::int64_t>(se.begin);
    prev_block = se.block;
  }
  json::array as;
  for (const auto& [index, word] : at.analysed_as) as.push_back(json::array{index, json::string(word)});
  return json::object{{"v", version()}, {"n", text_size}, {"w", std::move(words)}, {"t", std::move(t)}, {"s", std::move(s)}, {"a", std::move(as)}};
}

std::optional<AnalyzedText> decode_tokens(const json::value& v, std::string_view text, const Lexicon& lexicon) {
  const json::object* o = v.if_object();
  if (!o) return std::nullopt;
  const json::value *ver = o->if_contains("v"), *w = o->if_contains("w"), *t = o->if_contains("t"),
                    *s = o->if_contains("s"), *a = o->if_contains("a");
  if (!ver || !ver->is_string() || ver->as_string() != version()) return std::nullopt;
  const json::value* n = o->if_contains("n");  // the text they were made from: same length at least
  if (!n || !n->is_int64() || n->as_int64() != static_cast<std::int64_t>(text.size())) return std::nullopt;
  if (!w || !w->is_array() || !t || !t->is_string() || !s || !s->is_string() || !a || !a->is_array()) return std::nullopt;

  // Each distinct word is looked up once: the Lexicon keeps the form, its
  // ASCII fallback and its analysis, and tokens refer to them.
  std::vector<WordForm> words;
  words.reserve(w->as_array().size());
  for (const auto& e : w->as_array()) {
    if (!e.is_string()) return std::nullopt;
    const json::string& word = e.as_string();
    words.push_back(lexicon.form(std::string_view(word.data(), word.size())));
  }

  AnalyzedText at;
  at.tokens.reserve(t->as_string().size() / 4 + 1);  // a token takes at least four characters
  Reader tr(t->as_string());
  std::int64_t begin = 0, sentence = 0;
  while (!tr.done()) {
    std::int64_t db, ds;
    std::uint64_t len, code;
    if (!tr.get_signed(db) || !tr.get(len) || !tr.get(code) || !tr.get_signed(ds)) return std::nullopt;
    begin += db;
    sentence += ds;
    std::uint64_t id = code >> 1;
    if (begin < 0 || static_cast<std::uint64_t>(begin) + len > text.size() || id >= words.size() || sentence < 0) {
      return std::nullopt;
    }
    Token& tok = at.tokens.emplace_back();
    tok.begin = static_cast<std::size_t>(begin);
    tok.end = tok.begin + static_cast<std::size_t>(len);
    tok.kind = (code & 1) ? TokenKind::number : TokenKind::word;
    tok.sentence = static_cast<std::uint32_t>(sentence);
    tok.folded = words[id].folded;
    tok.ascii = words[id].ascii;
    tok.analysis = words[id].analysis;
  }
  Reader sr(s->as_string());
  begin = 0;
  std::int64_t block = 0;
  while (!sr.done()) {
    std::int64_t db, dblock;
    std::uint64_t len, first, count;
    if (!sr.get_signed(db) || !sr.get(len) || !sr.get_signed(dblock) || !sr.get(first) || !sr.get(count)) return std::nullopt;
    begin += db;
    block += dblock;
    if (begin < 0 || static_cast<std::uint64_t>(begin) + len > text.size() || block < 0 || first + count > at.tokens.size()) {
      return std::nullopt;
    }
    Sentence se;
    se.begin = static_cast<std::size_t>(begin);
    se.end = se.begin + static_cast<std::size_t>(len);
    se.block = static_cast<std::uint32_t>(block);
    se.first_token = static_cast<std::uint32_t>(first);
    se.token_count = static_cast<std::uint32_t>(count);
    at.sentences.push_back(se);
  }
  for (const Token& tok : at.tokens) {
    if (tok.sentence >= at.sentences.size()) return std::nullopt;
  }
  for (const auto& e : a->as_array()) {
    const json::array* pair = e.if_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_string()) return std::nullopt;
    boost::system::error_code ec;
    auto index = (*pair)[0].to_number<std::uint64_t>(ec);
    if (ec || index >= at.tokens.size()) return std::nullopt;
    std::string word((*pair)[1].as_string());
    at.tokens[index].analysis = &lexicon.analyze(word);
    at.analysed_as.emplace_back(static_cast<std::uint32_t>(index), std::move(word));
  }
  return at;
}

}  // namespace styrkoll::text
