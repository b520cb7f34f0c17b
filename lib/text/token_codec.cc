#include "text/token_codec.h"

#include <unicode/uversion.h>

#include <unordered_map>

#include "core/bytes.h"
#include "styrkoll/lexicon.h"

namespace styrkoll::text {

namespace {

// Tokens depend on ICU's break rules and on our tokenizer: bump the
// revision whenever analyze_document() would split or fold differently, or
// the encoding changes (2: binary varints).
constexpr const char* kRevision = "2";
std::string version() { return std::string("icu") + U_ICU_VERSION + "/t" + kRevision; }

}  // namespace

void encode_tokens(const AnalyzedText& at, std::size_t text_size, std::string& out) {
  core::ByteWriter w(out);
  w.put(version());
  w.put(static_cast<std::uint64_t>(text_size));
  std::unordered_map<std::string_view, std::uint64_t> ids;
  std::vector<std::string_view> words;
  std::vector<std::uint64_t> token_ids;
  token_ids.reserve(at.tokens.size());
  for (const Token& tok : at.tokens) {
    auto [it, fresh] = ids.emplace(tok.folded, ids.size());
    if (fresh) words.push_back(tok.folded);
    token_ids.push_back(it->second);
  }
  w.put(static_cast<std::uint64_t>(words.size()));
  for (std::string_view word : words) w.put(word);
  w.put(static_cast<std::uint64_t>(at.tokens.size()));
  std::int64_t prev_begin = 0, prev_sentence = 0;
  for (std::size_t i = 0; i < at.tokens.size(); ++i) {
    const Token& tok = at.tokens[i];
    w.put_signed(static_cast<std::int64_t>(tok.begin) - prev_begin);
    w.put(static_cast<std::uint64_t>(tok.end - tok.begin));
    w.put(token_ids[i] << 1 | (tok.kind == TokenKind::number ? 1 : 0));
    w.put_signed(static_cast<std::int64_t>(tok.sentence) - prev_sentence);
    prev_begin = static_cast<std::int64_t>(tok.begin);
    prev_sentence = tok.sentence;
  }
  w.put(static_cast<std::uint64_t>(at.sentences.size()));
  prev_begin = 0;
  std::int64_t prev_block = 0;
  for (const Sentence& se : at.sentences) {
    w.put_signed(static_cast<std::int64_t>(se.begin) - prev_begin);
    w.put(static_cast<std::uint64_t>(se.end - se.begin));
    w.put_signed(static_cast<std::int64_t>(se.block) - prev_block);
    w.put(static_cast<std::uint64_t>(se.first_token));
    w.put(static_cast<std::uint64_t>(se.token_count));
    prev_begin = static_cast<std::int64_t>(se.begin);
    prev_block = se.block;
  }
  w.put(static_cast<std::uint64_t>(at.analysed_as.size()));
  for (const auto& [index, word] : at.analysed_as) {
    w.put(static_cast<std::uint64_t>(index));
    w.put(word);
  }
}

std::optional<AnalyzedText> decode_tokens(std::string_view in, std::string_view text, const Lexicon& lexicon) {
  core::ByteReader r(in);
  std::string_view ver;
  std::uint64_t size, nwords;
  if (!r.get(ver) || ver != version()) return std::nullopt;
  // The text they were made from: the same length at least.
  if (!r.get(size) || size != text.size()) return std::nullopt;
  // Counts are checked against what is left before anything is reserved: a
  // damaged count must not allocate gigabytes.
  if (!r.get(nwords) || nwords > r.remaining()) return std::nullopt;
  // Each distinct word is looked up once: the Lexicon keeps the form, its
  // ASCII fallback and its analysis, and tokens refer to them.
  std::vector<WordForm> words;
  words.reserve(static_cast<std::size_t>(nwords));
  for (std::uint64_t k = 0; k < nwords; ++k) {
    std::string_view word;
    if (!r.get(word)) return std::nullopt;
    words.push_back(lexicon.form(word));
  }

  AnalyzedText at;
  std::uint64_t ntokens;
  if (!r.get(ntokens) || ntokens > r.remaining() / 4) return std::nullopt;  // a token takes four bytes at least
  at.tokens.reserve(static_cast<std::size_t>(ntokens));
  std::int64_t begin = 0, sentence = 0;
  for (std::uint64_t k = 0; k < ntokens; ++k) {
    std::int64_t db, ds;
    std::uint64_t len, code;
    if (!r.get_signed(db) || !r.get(len) || !r.get(code) || !r.get_signed(ds)) return std::nullopt;
    begin += db;
    sentence += ds;
    std::uint64_t id = code >> 1;
    if (begin < 0 || static_cast<std::uint64_t>(begin) > text.size() || len > text.size() - static_cast<std::uint64_t>(begin) ||
        id >= words.size() || sentence < 0 || sentence > UINT32_MAX) {
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
  std::uint64_t nsentences;
  if (!r.get(nsentences) || nsentences > r.remaining() / 5) return std::nullopt;  // five bytes at least
  at.sentences.reserve(static_cast<std::size_t>(nsentences));
  begin = 0;
  std::int64_t block = 0;
  for (std::uint64_t k = 0; k < nsentences; ++k) {
    std::int64_t db, dblock;
    std::uint64_t len, first, count;
    if (!r.get_signed(db) || !r.get(len) || !r.get_signed(dblock) || !r.get(first) || !r.get(count)) return std::nullopt;
    begin += db;
    block += dblock;
    if (begin < 0 || static_cast<std::uint64_t>(begin) > text.size() || len > text.size() - static_cast<std::uint64_t>(begin) ||
        block < 0 || block > UINT32_MAX || first > at.tokens.size() || count > at.tokens.size() - first) {
      return std::nullopt;
    }
    Sentence& se = at.sentences.emplace_back();
    se.begin = static_cast<std::size_t>(begin);
    se.end = se.begin + static_cast<std::size_t>(len);
    se.block = static_cast<std::uint32_t>(block);
    se.first_token = static_cast<std::uint32_t>(first);
    se.token_count = static_cast<std::uint32_t>(count);
  }
  for (const Token& tok : at.tokens) {
    if (tok.sentence >= at.sentences.size()) return std::nullopt;
  }
  std::uint64_t nas;
  if (!r.get(nas) || nas > r.remaining() / 2) return std::nullopt;
  for (std::uint64_t k = 0; k < nas; ++k) {
    std::uint64_t index;
    std::string_view word;
    if (!r.get(index) || !r.get(word) || index >= at.tokens.size()) return std::nullopt;
    at.tokens[index].analysis = &lexicon.analyze(word);
    at.analysed_as.emplace_back(static_cast<std::uint32_t>(index), std::string(word));
  }
  if (!r.done()) return std::nullopt;
  return at;
}

}  // namespace styrkoll::text
