#include "styrkoll/dictionary.h"

#include <hunspell/hunspell.hxx>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <vector>

namespace styrkoll {

namespace {
// Hunspell 1.7.1 shares a reference-counted table between instances without
// locking, so construction and destruction must be serialised process-wide.
std::mutex& hunspell_lifecycle_mutex() {
  static std::mutex m;
  return m;
}

std::string shared_dir() {
  const char* env = std::getenv("STYRKOLL_HUNSPELL_DIR");
  return env && *env ? env : "/usr/share/hunspell";
}
}  // namespace

struct Dictionary::Impl {
  std::string aff, dic;
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<Hunspell>> free_handles;

  ~Impl() {
    std::lock_guard<std::mutex> lock(hunspell_lifecycle_mutex());
    free_handles.clear();
  }

  std::unique_ptr<Hunspell> acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!free_handles.empty()) {
        auto h = std::move(free_handles.back());
        free_handles.pop_back();
        return h;
      }
    }
    std::lock_guard<std::mutex> lock(hunspell_lifecycle_mutex());
    return std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  }

  void release(std::unique_ptr<Hunspell> h) {
    std::lock_guard<std::mutex> lock(pool_mutex);
    free_handles.push_back(std::move(h));
  }

  // Runs f(Hunspell&) on a borrowed handle.
  template <typename F>
  auto with_handle(F&& f) {
    auto h = acquire();
    auto result = f(*h);
    release(std::move(h));
    return result;
  }
};

Dictionary::Dictionary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Dictionary::~Dictionary() = default;

Result<std::shared_ptr<const Dictionary>> Dictionary::open(const std::string& dir,
                                                           const std::string& lang) {
  auto impl = std::make_unique<Impl>();
  impl->aff = dir + "/" + lang + ".aff";
  impl->dic = dir + "/" + lang + ".dic";
  for (const std::string* f : {&impl->aff, &impl->dic}) {
    std::ifstream probe(*f);
    if (!probe) {
      return Status(ErrorCode::io_error, *f + ": cannot open Hunspell dictionary file "
                                              "(install hunspell-sv-se or set STYRKOLL_HUNSPELL_DIR)");
    }
  }
  // Load one handle now so a broken dictionary fails here, not mid-scan.
  impl->release(impl->acquire());
  return std::shared_ptr<const Dictionary>(new Dictionary(std::move(impl)));
}

std::shared_ptr<const Dictionary> Dictionary::shared() {
  static std::shared_ptr<const Dictionary> instance = [] {
    auto r = open(shared_dir());
    return r.ok() ? r.value() : std::shared_ptr<const Dictionary>();
  }();
  return instance;
}

bool Dictionary::shared_loaded_or_loadable() {
  std::ifstream aff(shared_dir() + "/sv_SE.aff"), dic(shared_dir() + "/sv_SE.dic");
  return aff && dic;
}

bool Dictionary::accepts(std::string_view word) const {
  if (word.empty()) return false;
  std::string w(word);
  return impl_->with_handle([&](Hunspell& h) { return h.spell(w); });
}

bool Dictionary::accepts_without_compounding(std::string_view word) const {
  if (word.empty()) return false;
  std::string w(word);
  return impl_->with_handle([&](Hunspell& h) {
    int info = 0;
    bool ok = h.spell(w, &info);
    return ok && !(info & SPELL_COMPOUND);
  });
}

}  // namespace styrkoll

namespace styrkoll {

namespace {

// The word with its first letter upper-cased (ASCII and Latin-1 letters such
// as å ä ö é), so that proper nouns written in lower case ("migrationsverket")
// are still recognised.
std::string capitalized(std::string w) {
  auto* b = reinterpret_cast<unsigned char*>(w.data());
  if (!w.empty() && b[0] >= 'a' && b[0] <= 'z') {
    b[0] = static_cast<unsigned char>(b[0] - 0x20);
  } else if (w.size() >= 2 && b[0] == 0xC3 && b[1] >= 0xA0 && b[1] <= 0xBE && b[1] != 0xB7) {
    b[1] = static_cast<unsigned char>(b[1] - 0x20);
  }
  return w;
}

}  // namespace

std::vector<std::string> Dictionary::stems(std::string_view word) const {
  if (word.empty()) return {};
  std::string w(word);
  return impl_->with_handle([&](Hunspell& h) -> std::vector<std::string> {
    // Hunspell 1.7's morphological analysis (stem/analyze) crashes on some
    // words it does not accept at all ("xenhetschef" with sv_SE: SEGV in the
    // compound analysis; found by fuzz/fuzz_analyze). Unknown words have no
    // stems anyway, so only words Hunspell accepts are analysed.
    if (!h.spell(w) && !h.spell(capitalized(w))) return {};
    return h.stem(w);
  });
}

const std::string& Dictionary::aff_path() const { return impl_->aff; }
const std::string& Dictionary::dic_path() const { return impl_->dic; }

}  // namespace styrkoll
