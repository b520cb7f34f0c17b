#include "styrkoll/lexicon.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "core/unicode.h"
#include "lexicon/affix_tables.h"
#include "styrkoll/dictionary.h"

namespace styrkoll {

namespace {

using lexicon::StringMap;
using lexicon::StringSet;

// Words that look like a particle or preposition glued to a word are verb
// and noun derivations (utbetalning, uppföljning, tillsyn), not compounds:
// such a first unit is never split off.
const StringSet& particle_units() {
  static const StringSet s = {"ut",    "in",    "upp",   "av",   "på",   "till",  "för",   "över", "under",
                              "efter", "om",    "mot",   "med",  "bak",  "fram",  "ner",   "ned",  "bort",
                              "an",    "be",    "ge",   "er",   "sam",   "miss",  "när",  "genom",
                              "kring", "emot",  "fort",  "an",   "in",   "vid",   "från",  "åter", "vidare",
                              "mellan", "innan", "utan", "bi",   "ur",   "tills", "dels",  "ofta"};
  return s;
}

// Final units that are derivational suffixes in disguise (verksam|het,
// kun|skap); a lexicalised word is never split before them.
const StringSet& suffix_like_units() {
  static const StringSet s = {"het", "heter", "dom", "skap", "lek", "else", "ning", "bar", "sam", "ande", "ende",
                              "lig", "ligt", "tion", "are", "isk", "ism", "ist", "na", "ig", "ing", "ad", "ast"};
  return s;
}

// Domain vocabulary the dictionary lacks as separate compound units.
// word, may begin, may end.
struct Extra {
  const char* word;
  const char* lemma;
  bool begin, end;
};
constexpr Extra kExtraUnits[] = {
    {"fullmäktige", "fullmäktige", true, true},
    {"fullmäktiges", "fullmäktige", true, false},
    {"ägar", "ägare", true, false},
    {"mut", "muta", true, false},
    {"års", "år", true, false},
    {"fall", "fall", true, true},
    {"tal", "tal", false, true},
    {"anmälan", "anmälan", false, true},
    {"värd", "värd", false, true},
};

// The lemma a linking form stands for: the noun it extends (avtals -> avtal,
// skatte -> skatt, hyres -> hyra, arbets -> arbete, ägar -> ägare), when the
// dictionary has one; the suffix rules alone often point at a verb (avtala).
std::string linking_lemma(const std::string& form, const lexicon::CompoundTables& t) {
  auto noun = [&](const std::string& w) { return t.words.count(w) && t.end.count(w); };
  if (noun(form)) return form;
  auto ends = [&](std::string_view suffix) {
    return form.size() > suffix.size() + 2 && form.compare(form.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  auto cut = [&](std::size_t n) { return form.substr(0, form.size() - n); };
  std::vector<std::string> candidates;
  if (ends("s")) candidates.push_back(cut(1));
  if (ends("e")) candidates.push_back(cut(1));
  if (ends("es")) candidates.push_back(cut(2) + "a");
  if (ends("u") || ends("o")) candidates.push_back(cut(1) + "a");
  if (ends("ie")) candidates.push_back(cut(2) + "ium");  // diarie -> diarium
  if (ends("e")) candidates.push_back(cut(1) + "a");      // skade -> skada
  candidates.push_back(form + "e");
  candidates.push_back(form + "a");
  if (ends("s")) candidates.push_back(cut(1) + "e");
  if (ends("s")) candidates.push_back(cut(1) + "a");
  for (const auto& c : candidates) {
    if (noun(c)) return c;
  }
  char last = form.back();
  bool linking_ending = last == 's' || last == 'e' || last == 'o' || last == 'u';
  if (linking_ending) {
    for (const auto& c : candidates) {
      if (t.words.count(c)) return c;  // års -> år, jävs -> jäv
    }
  }
  if (t.words.count(form) && last != 's') return form;  // hel (heltid): a word of its own
  if (last == 's' && form.size() > 4) return cut(1);     // andrahands -> andrahand
  if (t.words.count(form)) return form;
  return {};
}

// Lexicalised words that are never split although units could be found:
// their parts would mislead a rule (mål|tid, ord|förande, full|makt), or
// they are derivations that look like compounds. Curated for the
// vocabulary of governing documents; extend it when a split is judged wrong.
const StringSet& no_split() {
  static const StringSet s = {
      "kansli", "mutation", "tillsammans", "demografisk", "demografiska", "kommunal", "kommunala", "verksamhet",
      "samverkan", "ansvar", "ändamål", "förvaltning", "tillsyn", "uppföljning", "underrättelse",
      "överenskommelse", "socialtjänst", "handläggare", "handläggning", "arbetsgivare", "medarbetare", "uppdrag",
      "myndighet", "myndigheter", "förtroende", "bedrägeri", "oegentlighet", "angelägen", "angeläget",
      "omfattning", "beslut", "organisation", "information", "fullmäktige", "regelbunden", "regelbundet",
      "regelbundna", "kartläggning", "kartläggningen", "riktlinje", "riktlinjer", "riktlinjerna", "riktlinjen",
      "deltagande", "deltagandet", "hushåll", "hushållet", "hushållen", "hushållets", "samhälle", "samhället",
      "företag", "företaget", "företagen", "måltid", "måltiden", "måltider", "måltiderna", "ordförande",
      "ordföranden", "ordförandes", "vice", "fullmakt", "fullmakten", "fullmakter", "önskemål", "önskemålen",
      "handlande", "handlandet", "verkstad", "verkstaden", "ledamot", "ledamöter", "ledamöterna", "fastställa",
      "fastställs", "fastställd", "fastställda", "fastställt", "fastställer", "fastställande", "godkänna",
      "godkänd", "godkända", "godkänt", "godkänner", "godkänns", "godkännande", "ställföreträdare",
      "företrädare", "företräde", "tillfälle", "tillfällen", "förhållande", "förhållanden", "lägenhet",
      "lägenheter", "medborgare", "medborgarna", "medborgarnas", "landsting", "riksdag", "riksdagen",
      "landskap", "grundsats", "hemlig", "hemliga", "oberoende", "beroende", "självständig", "självständigt",
      "huvudsaklig", "huvudsakliga", "huvudsakligen", "framför", "framförallt", "därför", "därmed", "härmed",
      "dessutom", "emellertid", "nämligen", "alltid", "aldrig", "ingenting", "någonting", "allting",
      "arbetstagare", "mottagare", "mottagaren", "bostad", "bostaden", "bostäder", "jämställdhet",
      "avdelning", "avdelningen", "ärende", "ärenden", "ärendet", "underlag", "underlaget", "förslag",
      "förslaget", "avgift", "avgiften", "avgifter", "ersättning", "ersättningen", "inkomst", "inkomster",
      "utgift", "utgifter", "anledning", "anledningen", "uppgift", "uppgifter", "uppgiften", "uppgifterna"};
  return s;
}

// The sv_SE dictionary folds some derivations into its suffix rules
// (ekonom -> ekonomiska, samordna -> samordnare, förebygga -> förebyggande).
// A lemma is the inflectional base, so the derivational suffix is kept.
std::string keep_derivation(std::string_view form, const std::string& stem) {
  if (form.size() <= stem.size() || form.compare(0, stem.size(), stem) != 0) return stem;
  std::string_view rest = form.substr(stem.size());
  if (rest.rfind("isk", 0) == 0) return stem + "isk";
  if (!stem.empty() && stem.back() == 'a') {
    if (rest.rfind("re", 0) == 0) return stem + "re";    // samordnare, handläggare
    if (rest.rfind("nde", 0) == 0) return stem + "nde";  // förebyggande
  }
  return stem;
}

const std::unordered_map<std::string_view, std::string_view>& lemma_overrides() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      {"tillsammans", "tillsammans"}, {"städerna", "stad"}, {"städer", "stad"}, {"männen", "man"},
      {"är", "vara"}, {"var", "vara"}, {"mot", "mot"}, {"om", "om"}, {"men", "men"}, {"från", "från"},
      {"sina", "sin"}, {"sitt", "sin"}, {"hos", "hos"}, {"vid", "vid"}, {"samt", "samt"}, {"alla", "all"},
      {"inom", "inom"}, {"under", "under"}, {"efter", "efter"}, {"genom", "genom"}, {"utan", "utan"},
      {"samverkan", "samverkan"}, {"anmälan", "anmälan"}, {"regler", "regel"}, {"reglerna", "regel"},
      {"regeln", "regel"}, {"reglernas", "regel"}, {"ledamöter", "ledamot"}, {"ledamöterna", "ledamot"},
      // Function words that Hunspell stems into content words ("senast" -> "sen", "inför" -> "införa").
      {"senast", "senast"}, {"senaste", "senaste"}, {"inför", "inför"}, {"bland", "bland"}, {"mellan", "mellan"},
      {"enligt", "enligt"}, {"kring", "kring"}};
  return m;
}

struct Unit {
  std::string surface;  // as it stands in the word
  std::string lemma;
  bool penalised = false;
  bool borrowed = false;  // first letter shared with the previous unit (fall + lucka = fallucka)
};

// The lemma of a segmented word: the word up to its last unit, then that unit's lemma.
std::string compound_lemma(const std::vector<Unit>& units) {
  std::string head;
  for (std::size_t i = 0; i + 1 < units.size(); ++i) head += units[i].surface;
  const Unit& last = units.back();
  return head + (last.borrowed ? last.lemma.substr(1) : last.lemma);
}

struct Segmentation {
  std::vector<Unit> units;
  int penalty = 0;
  std::size_t min_len = 0;

  // Fewest units, then fewest penalties, then the longest shortest unit.
  bool better_than(const Segmentation& o) const {
    if (units.size() != o.units.size()) return units.size() < o.units.size();
    if (penalty != o.penalty) return penalty < o.penalty;
    return min_len > o.min_len;
  }
};

std::size_t cp_len(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool all_letters(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = core::next_code_point(s, i);
    bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0x24F && cp != 0xF7);
    if (!letter) return false;
  }
  return !s.empty();
}

// True when `stem` is `form` minus an inflectional ending: same beginning,
// at most a few characters differing at the end.
bool covers(std::string_view form, std::string_view stem) {
  if (stem.empty() || stem.size() > form.size() + 2) return false;
  std::size_t common = 0;
  while (common < stem.size() && common < form.size() && stem[common] == form[common]) ++common;
  return common >= 2 && common + 4 >= stem.size() && form.size() <= stem.size() + 7;
}

// The sv_SE dictionary files some noun plurals under the verb (åtgärda -> "åtgärder").
// When the form is the noun's inflection and the noun is an entry too, the noun is the lemma.
std::string prefer_noun(std::string_view form, const std::string& stem, const lexicon::StringSet& words) {
  if (stem.size() < 4 || stem.back() != 'a') return stem;
  std::string noun = stem.substr(0, stem.size() - 1);
  if (!words.count(noun) || form.compare(0, noun.size(), noun) != 0) return stem;
  std::string_view ending = form.substr(noun.size());
  for (std::string_view e : {"er", "erna", "ers", "ernas"}) {
    if (ending == e) return noun;
  }
  return stem;
}

bool is_vowel(char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; }

}  // namespace

struct Lexicon::Impl {
  std::string dir, lang;
  // The dictionary and compound tables (~0.16 s to build) are read on the
  // first word the cache cannot answer: a re-scan whose vocabulary is
  // preloaded from the scan cache never needs them.
  mutable std::once_flag once;
  mutable Status load_status;
  mutable std::shared_ptr<const Dictionary> dict;
  mutable lexicon::CompoundTables tables;

  Status build() const;
  bool loaded() const {
    std::call_once(once, [this] { load_status = build(); });
    return load_status.ok();
  }

  struct Shard {
    mutable std::shared_mutex mutex;
    // Values are pointers: a WordAnalysis never moves, whatever the map does.
    struct Entry {
      WordAnalysis analysis;
      bool preloaded = false;
      std::string folded, ascii;  // the form (the key may move) and its ASCII fallback
      Entry(std::string_view word, WordAnalysis a, bool pre)
          : analysis(std::move(a)), preloaded(pre), folded(word), ascii(core::ascii_fold(word)) {}
      WordForm form() const { return {folded, ascii, &analysis}; }
    };
    boost::unordered_flat_map<std::string, std::unique_ptr<Entry>, lexicon::StringHash, std::equal_to<>> map;
    std::size_t preloaded = 0;  // entries from preload(); those found since are the others
  };
  mutable std::array<Shard, 64> cache;
  struct TailShard {
    mutable std::shared_mutex mutex;
    boost::unordered_flat_map<std::string, std::optional<std::string>, lexicon::StringHash, std::equal_to<>> map;
  };
  mutable std::array<TailShard, 16> tails;

  // Lemma of a string that may end a compound, if it can.
  std::optional<std::string> end_lemma(const std::string& tail) const {
    if (cp_len(tail) < 3) return std::nullopt;
    auto& shard = tails[std::hash<std::string>{}(tail) % tails.size()];
    {
      std::shared_lock lock(shard.mutex);
      auto it = shard.map.find(tail);
      if (it != shard.map.end()) return it->second;
    }
    // Candidates: the tail itself, without a genitive -s, and Hunspell's
    // stems; the shortest that may end a compound is the inflectional base.
    std::optional<std::string> result;
    if (auto o = lemma_overrides().find(tail); o != lemma_overrides().end()) result = std::string(o->second);
    else if (tables.end.count(tail)) result = tail;  // a base form as it stands
    else if (tail.back() == 's' && tables.end.count(tail.substr(0, tail.size() - 1))) result = tail.substr(0, tail.size() - 1);
    for (const std::string& s : result ? std::vector<std::string>{} : dict->stems(tail)) {
      std::string ls = lexicon::lower_word(s);
      // Hunspell stems a compound tail to its last part ("säkerhetspolicyn" ->
      // "policy"); only a stem covering the whole tail, give or take its
      // inflection (and an umlaut: städer -> stad), is this tail's lemma.
      if (tables.end.count(ls) && covers(tail, ls)) {
        // The shortest stem is the inflectional base (fördelar -> fördel, not the verb fördela).
        ls = prefer_noun(tail, keep_derivation(tail, ls), tables.words);
        // Equal length: a verb infinitive in -a loses to the noun (reglerna: regel, not regla).
        bool better = !result || ls.size() < result->size() ||
                      (ls.size() == result->size() && result->back() == 'a' && ls.back() != 'a');
        if (better) result = ls;
      }
    }
    std::unique_lock lock(shard.mutex);
    shard.map.emplace(tail, result);
    return result;
  }

  // Best segmentation of `rest` into (middle units)* end unit.
  std::optional<Segmentation> segment_rest(const std::string& rest, int depth) const {
    std::optional<Segmentation> best;
    if (auto lemma = end_lemma(rest)) {
      Segmentation s;
      s.units.push_back({rest, *lemma, false});
      s.min_len = cp_len(rest);
      best = s;
    }
    if (depth >= 4) return best;
    for (std::size_t i = 3; i + 3 <= rest.size(); ++i) {
      if ((static_cast<unsigned char>(rest[i]) & 0xC0) == 0x80) continue;  // inside a character
      std::string head = rest.substr(0, i);
      bool penalised = false;
      auto it = tables.middle.find(head);
      if (it == tables.middle.end()) {
        it = tables.begin.find(head);  // accepted inside too, at a cost
        if (it == tables.begin.end()) continue;
        penalised = true;
      }
      if (particle_units().count(head)) continue;
      try_tail(head, it->second, penalised, rest.substr(i), depth, best);
    }
    return best;
  }

  void try_tail(const std::string& head, const std::string& head_lemma, bool penalised, const std::string& tail,
                int depth, std::optional<Segmentation>& best) const {
    std::vector<std::string> tails = {tail};
    // fall + lucka = fallucka: a doubled consonant may stand for three.
    if (head.size() >= 2 && head[head.size() - 1] == head[head.size() - 2] && !is_vowel(head.back()) &&
        !tail.empty() && tail[0] != head.back()) {
      tails.push_back(std::string(1, head.back()) + tail);
    }
    for (const std::string& t : tails) {
      auto rest = segment_rest(t, depth + 1);
      if (!rest) continue;
      if (t.size() != tail.size()) rest->units.front().borrowed = true;
      Segmentation s;
      s.units.push_back({head, head_lemma, penalised});
      for (auto& u : rest->units) s.units.push_back(u);
      s.penalty = rest->penalty + (penalised ? 1 : 0) + (cp_len(head) < 3 ? 1 : 0);
      s.min_len = std::min(cp_len(head), rest->min_len);
      if (!best || s.better_than(*best)) best = std::move(s);
    }
  }

  std::optional<Segmentation> segment(const std::string& w) const {
    if (w.size() < 6 || cp_len(w) > 60) return std::nullopt;
    std::optional<Segmentation> best;
    for (std::size_t i = 3; i + 3 <= w.size(); ++i) {
      if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;
      std::string head = w.substr(0, i);
      auto it = tables.begin.find(head);
      if (it == tables.begin.end()) continue;
      if (particle_units().count(head)) continue;
      try_tail(head, it->second, false, w.substr(i), 0, best);
    }
    return best;
  }

  // A split of a word the dictionary knows whole must be beyond doubt.
  bool convincing(const Segmentation& s) const {
    if (s.penalty > 0) return false;
    for (const Unit& u : s.units) {
      if (cp_len(u.surface) < 3 || cp_len(u.lemma) < 2) return false;
    }
    const std::string& last = s.units.back().lemma;
    if (suffix_like_units().count(last) || suffix_like_units().count(s.units.back().surface)) return false;
    // Lexicalised adjectives and adverbs (huvudsaklig, självständig) are not
    // read as compounds: their last part would mislead.
    for (std::string_view suffix : {"lig", "ig", "isk", "sam", "bar"}) {
      if (last.size() >= suffix.size() && last.compare(last.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return false;
      }
    }
    return true;
  }

  std::vector<std::string> lemmatised_parts(const Segmentation& s) const;
  WordAnalysis compute(const std::string& w) const;
  const WordAnalysis& analyze(std::string_view w) const { return entry(w).analysis; }
  const Shard::Entry& entry(std::string_view w) const;
};

std::vector<std::string> Lexicon::Impl::lemmatised_parts(const Segmentation& s) const {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < s.units.size(); ++i) {
    const Unit& u = s.units[i];
    // A later unit that is itself a lexicalised compound (säkerhetspolicy)
    // contributes its parts; a lexicalised modifier (stickprov) stays whole.
    if (i > 0 && u.lemma.size() >= 8 && tables.words.count(u.lemma)) {
      const WordAnalysis& sub = analyze(u.lemma);
      if (sub.compound()) {
        parts.insert(parts.end(), sub.parts.begin(), sub.parts.end());
        continue;
      }
    }
    parts.push_back(u.lemma);
  }
  return parts;
}

WordAnalysis Lexicon::Impl::compute(const std::string& w) const {
  WordAnalysis a;
  // Hyphenated words: each piece on its own ("it-säkerhet" -> it | säkerhet).
  if (auto dash = w.find('-'); dash != std::string::npos && dash > 0 && dash + 1 < w.size()) {
    std::string prefix;
    std::size_t start = 0;
    a.known = true;
    while (start <= w.size()) {
      std::size_t end = w.find('-', start);
      if (end == std::string::npos) end = w.size();
      std::string piece = w.substr(start, end - start);
      if (!piece.empty()) {
        const WordAnalysis& pa = analyze(piece);
        for (const auto& p : pa.parts) a.parts.push_back(p);
        a.known = a.known && (pa.known || cp_len(piece) <= 4);
        if (end == w.size()) a.lemma = prefix + pa.lemma;
        else prefix += piece + "-";
      }
      start = end + 1;
    }
    if (a.parts.empty()) a.parts = {w};
    if (a.lemma.empty()) a.lemma = w;
    return a;
  }
  if (!all_letters(w)) {
    a.lemma = w;
    a.parts = {w};
    return a;
  }

  if (!loaded()) {  // the dictionary went missing after open(): the word stays as written
    a.lemma = w;
    a.parts = {w};
    return a;
  }
  std::vector<std::string> stems = dict->stems(w);
  // Lemma when the dictionary knows the word itself (not only as a compound):
  // the shortest stem covering the whole word. Hunspell also stems compounds
  // to their last part ("biståndshandläggarna" -> "handläggare"); covers()
  // rejects those.
  std::string lexical;
  for (const std::string& s : stems) {
    std::string ls = prefer_noun(w, keep_derivation(w, lexicon::lower_word(s)), tables.words);
    if (covers(w, ls) && (lexical.empty() || ls.size() < lexical.size())) lexical = ls;
  }
  if (lexical.empty() && tables.words.count(w)) lexical = w;  // a base form as it stands
  // Present tense filed as an entry of its own (avsätter, gäller): the infinitive is the lemma.
  if (lexical == w && w.size() >= 6 && w.compare(w.size() - 2, 2, "er") == 0) {
    std::string infinitive = w.substr(0, w.size() - 2) + "a";
    if (tables.words.count(infinitive)) lexical = infinitive;
  }
  if (auto it = lemma_overrides().find(w); it != lemma_overrides().end()) lexical = it->second;
  // Two-letter words are function words (de, en, om, på); Hunspell's stems for them are noise ("de" -> "d").
  if (cp_len(w) <= 2) lexical = w;

  std::optional<Segmentation> seg;
  if (!no_split().count(w) && !(lexical.size() && no_split().count(lexical))) seg = segment(w);

  if (!lexical.empty()) {
    a.known = true;
    a.lemma = lexical;
    if (seg && convincing(*seg)) {
      a.parts = lemmatised_parts(*seg);
      a.lemma = compound_lemma(seg->units);
    } else {
      a.parts = {lexical};
    }
    return a;
  }
  if (seg) {
    a.known = true;
    a.lemma = compound_lemma(seg->units);
    a.parts = lemmatised_parts(*seg);
    return a;
  }
  if (!stems.empty()) {
    a.known = true;
    a.lemma = lexicon::lower_word(stems.front());
    a.parts = {a.lemma};
    return a;
  }
  // Hunspell knows the word only through rules it does not report as a stem:
  // strip a regular ending if what remains is a dictionary entry.
  for (const char* ending : {"arna", "erna", "orna", "ens", "ets", "na", "en", "et", "er", "ar", "or", "a", "t", "e", "n"}) {
    std::string_view e(ending);
    if (w.size() > e.size() + 3 && w.compare(w.size() - e.size(), e.size(), e) == 0) {
      std::string base = w.substr(0, w.size() - e.size());
      if (tables.words.count(base)) {
        a.known = true;
        a.lemma = base;
        a.parts = {base};
        return a;
      }
    }
  }
  a.lemma = w;
  a.parts = {w};
  return a;
}

const Lexicon::Impl::Shard::Entry& Lexicon::Impl::entry(std::string_view w) const {
  auto& shard = cache[std::hash<std::string_view>{}(w) % cache.size()];
  {
    std::shared_lock lock(shard.mutex);
    auto it = shard.map.find(w);
    if (it != shard.map.end()) return *it->second;
  }
  auto result = std::make_unique<Shard::Entry>(w, compute(std::string(w)), false);
  std::unique_lock lock(shard.mutex);
  auto [it, inserted] = shard.map.emplace(std::string(w), std::move(result));
  return *it->second;
}

Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lexicon::~Lexicon() = default;

Status Lexicon::Impl::build() const {
  // Hunspell reads the dictionary on another core while the compound tables
  // are built from the same files (together about half the load time).
  auto hunspell = std::async(std::launch::async, [this] { return Dictionary::open(dir, lang); });
  auto t = lexicon::read_compound_tables(dir + "/" + lang + ".aff", dir + "/" + lang + ".dic");
  auto d = hunspell.get();
  if (!d.ok()) return d.status();
  if (!t.ok()) return t.status();
  dict = d.value();
  tables = std::move(t).value();
  for (const Extra& e : kExtraUnits) {
    if (e.begin) tables.begin[e.word] = e.lemma;
    if (e.end) tables.end.insert(e.lemma);
  }
  tables.end.erase("fullmäktiges");  // a genitive listed as an entry of its own
  for (auto* map : {&tables.begin, &tables.middle}) {
    for (auto& [form, lemma] : *map) {
      std::string noun = linking_lemma(form, tables);
      if (!noun.empty()) lemma = noun;
    }
  }
  return Status();
}

Result<std::shared_ptr<const Lexicon>> Lexicon::open(const std::string& dir, const std::string& lang) {
  for (const std::string& f : {dir + "/" + lang + ".aff", dir + "/" + lang + ".dic"}) {
    std::ifstream probe(f);
    if (!probe) {
      return Status(ErrorCode::io_error, f + ": cannot open Hunspell dictionary file "
                                            "(install hunspell-sv-se or set STYRKOLL_HUNSPELL_DIR)");
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->lang = lang;
  return std::shared_ptr<const Lexicon>(new Lexicon(std::move(impl)));
}

Status Lexicon::load() const {
  impl_->loaded();
  return impl_->load_status;
}

std::shared_ptr<const Lexicon> Lexicon::shared() {
  static std::shared_ptr<const Lexicon> instance = [] {
    const char* env = std::getenv("STYRKOLL_HUNSPELL_DIR");
    auto r = open(env && *env ? env : "/usr/share/hunspell");
    // Read at once: a broken dictionary shows here (null), not as unanalysed words later.
    return r.ok() && r.value()->load().ok() ? r.value() : std::shared_ptr<const Lexicon>();
  }();
  return instance;
}

const WordAnalysis& Lexicon::analyze(std::string_view folded_word) const { return impl_->analyze(folded_word); }
WordForm Lexicon::form(std::string_view folded_word) const { return impl_->entry(folded_word).form(); }

std::vector<std::pair<std::string, WordAnalysis>> Lexicon::cached_analyses() const {
  std::vector<std::pair<std::string, WordAnalysis>> out;
  for (const auto& shard : impl_->cache) {
    std::shared_lock lock(shard.mutex);
    for (const auto& [word, e] : shard.map) out.emplace_back(word, e->analysis);
  }
  return out;
}

std::vector<std::pair<std::string, WordAnalysis>> Lexicon::new_analyses() const {
  std::vector<std::pair<std::string, WordAnalysis>> out;
  for (const auto& shard : impl_->cache) {
    std::shared_lock lock(shard.mutex);
    if (shard.map.size() == shard.preloaded) continue;  // nothing new here: no copies of the vocabulary
    for (const auto& [word, e] : shard.map) {
      if (!e->preloaded) out.emplace_back(word, e->analysis);
    }
  }
  return out;
}

void Lexicon::preload(const std::vector<std::pair<std::string, WordAnalysis>>& analyses) const {
  for (const auto& [word, a] : analyses) {
    auto& shard = impl_->cache[std::hash<std::string_view>{}(word) % impl_->cache.size()];
    std::unique_lock lock(shard.mutex);
    if (shard.map.emplace(word, std::make_unique<Impl::Shard::Entry>(word, a, true)).second) ++shard.preloaded;
  }
}

std::size_t Lexicon::cache_size() const {
  std::size_t n = 0;
  for (const auto& s : impl_->cache) {
    std::shared_lock lock(s.mutex);
    n += s.map.size();
  }
  return n;
}

}  // namespace styrkoll
