#include "lexicon/affix_tables.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/unistr.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "core/unicode.h"

namespace styrkoll::lexicon {

namespace {

struct SuffixRule {
  std::u32string strip, add, condition;  // condition in Hunspell syntax, matched at the word's end
  std::string continuation;              // flags the derived form carries
  bool begin = false, middle = false;
};

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) out += core::next_code_point(s, i);
  return out;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) core::append_utf8(out, c);
  return out;
}

// Hunspell conditions: a sequence of atoms ('.', a character, [set], [^set])
// that must match the last characters of the word.
bool condition_matches(const std::u32string& word, const std::u32string& cond) {
  if (cond.empty() || cond == U".") return true;
  std::vector<std::pair<bool, std::u32string>> atoms;  // (negated, chars); empty chars = any
  for (std::size_t i = 0; i < cond.size();) {
    if (cond[i] == '[') {
      std::size_t close = cond.find(']', i);
      if (close == std::u32string::npos) return false;
      bool neg = i + 1 < close && cond[i + 1] == '^';
      atoms.emplace_back(neg, cond.substr(i + (neg ? 2 : 1), close - i - (neg ? 2 : 1)));
      i = close + 1;
    } else if (cond[i] == '.') {
      atoms.emplace_back(false, U"");
      ++i;
    } else {
      atoms.emplace_back(false, std::u32string(1, cond[i]));
      ++i;
    }
  }
  if (atoms.size() > word.size()) return false;
  std::size_t offset = word.size() - atoms.size();
  for (std::size_t k = 0; k < atoms.size(); ++k) {
    const auto& [neg, chars] = atoms[k];
    if (chars.empty()) continue;
    bool in = chars.find(word[offset + k]) != std::u32string::npos;
    if (in == neg) return false;
  }
  return true;
}

// Several entries can derive the same linking form ("avtals" from the noun
// avtal and the verb avtala). The entry the form extends without stripping
// anything is the natural reading; a dictionary entry of its own wins over both.
void add_derived(StringMap& map, const std::string& form, const std::string& lemma, const StringSet& base_forms) {
  auto [it, inserted] = map.emplace(form, lemma);
  if (inserted || base_forms.count(form)) return;
  bool old_prefix = form.compare(0, it->second.size(), it->second) == 0;
  bool new_prefix = form.compare(0, lemma.size(), lemma) == 0;
  if (new_prefix && !old_prefix) it->second = lemma;
}

// A file mapped read-only for the duration of a parse.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_) ::munmap(data_, size_);
  }
  Status open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status(ErrorCode::io_error, path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return Status(ErrorCode::io_error, path + ": not a readable file");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        return Status(ErrorCode::io_error, path + ": cannot read: " + std::strerror(errno));
      }
      data_ = p;
    }
    ::close(fd);
    return Status();
  }
  std::string_view bytes() const { return {static_cast<const char*>(data_), data_ ? size_ : 0}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace

std::string lower_word(std::string_view w) {
  // ASCII and the Latin-1 letters (all of Swedish) directly: their case
  // folding is the plain lower case. Anything else (ß folds to "ss", µ to
  // Greek mu, other scripts) through ICU. A tenth of reading the dictionary.
  std::string out;
  out.reserve(w.size());
  if (core::append_latin1_lower(w, out) == w.size()) return out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
  u.foldCase();
  out.clear();
  u.toUTF8String(out);
  return out;
}

Result<CompoundTables> read_compound_tables(const std::string& aff_path, const std::string& dic_path) {
  std::ifstream aff(aff_path);
  if (!aff) return Status(ErrorCode::io_error, aff_path + ": cannot open");
  char begin_flag = 0, middle_flag = 0, end_flag = 0;
  std::map<char, std::vector<SuffixRule>> rules;
  std::string line;
  while (std::getline(aff, line)) {
    std::istringstream in(line);
    std::string key;
    in >> key;
    if (key == "COMPOUNDBEGIN" || key == "COMPOUNDMIDDLE" || key == "COMPOUNDEND") {
      std::string f;
      in >> f;
      if (f.size() != 1) continue;
      (key == "COMPOUNDBEGIN" ? begin_flag : key == "COMPOUNDMIDDLE" ? middle_flag : end_flag) = f[0];
    } else if (key == "SFX") {
      std::string flag, strip, add, cond;
      in >> flag >> strip >> add >> cond;
      if (flag.size() != 1 || cond.empty()) continue;  // the header line has no condition column
      SuffixRule r;
      if (auto slash = add.find('/'); slash != std::string::npos) {
        r.continuation = add.substr(slash + 1);
        add = add.substr(0, slash);
      }
      if (strip == "0") strip.clear();
      if (add == "0") add.clear();
      r.strip = to_u32(strip);
      r.add = to_u32(add);
      r.condition = to_u32(cond);
      rules[flag[0]].push_back(std::move(r));
    }
  }
  if (!begin_flag || !end_flag) {
    return Status(ErrorCode::corrupt, aff_path + ": no COMPOUNDBEGIN/COMPOUNDEND flags; not a compounding dictionary");
  }
  // A suffix whose continuation flags include the compound permissions
  // derives a linking form (välfärd -> välfärds).
  for (auto& [flag, list] : rules) {
    for (SuffixRule& r : list) {
      r.begin = r.continuation.find(begin_flag) != std::string::npos;
      r.middle = middle_flag && r.continuation.find(middle_flag) != std::string::npos;
    }
  }

  // The .dic file (~150,000 lines) is mapped and cut into lines in place: no
  // line is copied before its word is lower-cased, and no heap buffer of the
  // whole file stays behind in the process (every worker inherits the heap).
  MappedFile dic;
  if (Status st = dic.open(dic_path); !st.ok()) return st;
  std::string_view rest = dic.bytes();
  auto next_line = [&rest](std::string_view& out) {
    if (rest.empty()) return false;
    std::size_t nl = rest.find('\n');
    out = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
    return true;
  };
  CompoundTables t;
  StringSet base_forms;  // forms that are dictionary entries themselves
  std::string_view entry;
  next_line(entry);  // entry count: room for that many at once (no rehashing of 150,000 strings)
  if (std::size_t count = std::strtoul(std::string(entry).c_str(), nullptr, 10); count > 0 && count < 10000000) {
    t.words.reserve(count);
    base_forms.reserve(count / 2);
    t.begin.reserve(count / 2);
    t.end.reserve(count / 2);
  }
  while (next_line(entry)) {
    if (auto tab = entry.find('\t'); tab != std::string_view::npos) entry = entry.substr(0, tab);
    std::string_view word = entry, flags;
    if (auto slash = entry.find('/'); slash != std::string_view::npos) {
      word = entry.substr(0, slash);
      flags = entry.substr(slash + 1);
    }
    if (word.empty()) continue;
    std::string lw = lower_word(word);
    // A dictionary entry is its own lemma, whatever a derived form of another entry says.
    if (flags.find(begin_flag) != std::string_view::npos) {
      t.begin[lw] = lw;
      base_forms.insert(lw);
    }
    if (middle_flag && flags.find(middle_flag) != std::string_view::npos) {
      t.middle[lw] = lw;
      base_forms.insert(lw);
    }
    if (flags.find(end_flag) != std::string_view::npos) t.end.insert(lw);
    std::u32string w32;
    for (char f : flags) {
      auto it = rules.find(f);
      if (it == rules.end()) continue;
      for (const SuffixRule& r : it->second) {
        if (!r.begin && !r.middle) continue;
        if (w32.empty()) w32 = to_u32(lw);
        if (!condition_matches(w32, r.condition)) continue;
        if (r.strip.size() > w32.size() || w32.compare(w32.size() - r.strip.size(), r.strip.size(), r.strip) != 0) continue;
        std::string form = to_utf8(w32.substr(0, w32.size() - r.strip.size()) + r.add);
        if (r.begin) add_derived(t.begin, form, lw, base_forms);
        if (r.middle) add_derived(t.middle, form, lw, base_forms);
      }
    }
    t.words.insert(std::move(lw));
  }
  return t;
}

}  // namespace styrkoll::lexicon
