#include "core/unicode.h"
#include "core/sha256.h"
#include "lexicon/affix_tables.h"
#include "styrkoll/text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

using namespace styrkoll::core;

TEST(CleanText, FoldsOddSpacesAndCollapses) {
  EXPECT_EQ(clean_text("1\xC2\xA0" "024\xE2\x80\xAF tkr\t\t och  mer "), "1 024 tkr och mer");
}

TEST(CleanText, RemovesSoftHyphensAndZeroWidth) {
  EXPECT_EQ(clean_text("v\xC3\xA4lf\xC3\xA4rds\xC2\xAD" "brott\xE2\x80\x8B"), "välfärdsbrott");
}

TEST(CleanText, ExpandsLigatures) { EXPECT_EQ(clean_text("\xEF\xAC\x81nansiering \xEF\xAC\x82ykt"), "finansiering flykt"); }

TEST(CleanText, DropsPrivateUseBullets) { EXPECT_EQ(clean_text("\xEF\x82\x95 Punkt"), "Punkt"); }

TEST(CleanText, ComposesToNfc) {
  // "a" + COMBINING DIAERESIS, as some PDFs extract "ä".
  EXPECT_EQ(clean_text("va\xCC\x88lfa\xCC\x88rd"), "välfärd");
}

TEST(CleanText, KeepsNewlinesOnRequest) { EXPECT_EQ(clean_text("a \n b", true), "a\nb"); }

TEST(Encoding, Windows1252ToUtf8) {
  EXPECT_EQ(cp1252_to_utf8("\xE5\xE4\xF6 \x93" "citat\x94 \x96"), "åäö “citat” –");
}

TEST(Encoding, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("välfärd"));
  EXPECT_FALSE(is_valid_utf8("v\xE4lf\xE4rd"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong
  // Long ASCII runs are checked eight bytes at a time: a bad byte anywhere
  // among or after them, or a sequence cut at the end, is still found.
  const std::string run(37, 'a');
  EXPECT_TRUE(is_valid_utf8(run + "välfärd" + run));
  EXPECT_TRUE(is_valid_utf8(run + "\xEF\xBF\xBD"));  // U+FFFD itself is valid
  for (std::size_t k = 0; k <= run.size(); ++k) {
    std::string bad = run;
    bad.insert(k, "\xE4");
    EXPECT_FALSE(is_valid_utf8(bad)) << k;
  }
  EXPECT_FALSE(is_valid_utf8(run + "\xC3"));
  EXPECT_FALSE(is_valid_utf8(run + "\xE2\x80"));
}

TEST(Letters, CountsLettersAndReplacements) {
  LetterCount c = count_letters("Åå 12 \xEF\xBF\xBD");
  EXPECT_EQ(c.letters, 2u);
  EXPECT_EQ(c.replacement, 1u);
}

// Finding fingerprints are SHA-256 digests that assessments files refer to:
// the digest must never change (FIPS 180-2 test vectors), on any thread.
TEST(Sha256, KnownVectorsOnEveryThread) {
  auto check = [] {
    EXPECT_EQ(styrkoll::core::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(styrkoll::core::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(styrkoll::core::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  };
  check();
  std::thread t(check);
  t.join();
}

// lower_word lower-cases ASCII and Latin-1 letters itself and sends the rest
// to ICU's case folding: the same result as ICU for every entry of the
// dictionary and for the letters whose folding is not the plain lower case.
TEST(Lexicon, LowerWordEqualsIcuCaseFolding) {
  auto icu_fold = [](const std::string& w) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
  };
  for (std::string w : {"", "ÅÄÖ", "Åsa-Öberg", "Straße", "µg", "ÿ", "Ÿ", "×÷", "ÞÐØ", "Ελλάδα", "İstanbul", "ﬁnans"}) {
    EXPECT_EQ(styrkoll::lexicon::lower_word(w), icu_fold(w)) << w;
  }
  const char* env = std::getenv("STYRKOLL_HUNSPELL_DIR");
  std::ifstream dic(std::string(env && *env ? env : "/usr/share/hunspell") + "/sv_SE.dic");
  ASSERT_TRUE(dic);
  std::string line;
  std::getline(dic, line);
  std::size_t n = 0;
  while (std::getline(dic, line)) {
    std::string word = line.substr(0, line.find_first_of("/\t"));
    ASSERT_EQ(styrkoll::lexicon::lower_word(word), icu_fold(word)) << word;
    ++n;
  }
  EXPECT_GT(n, 100000u);
}

// fold() takes the same ASCII/Latin-1 fast path (core::append_latin1_lower)
// and hands the rest to ICU's NFKC_Casefold: the same result as ICU on the
// whole string for letters whose folding is not their plain lower case.
TEST(Encoding, FoldEqualsIcuNfkcCasefold) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
  ASSERT_TRUE(U_SUCCESS(err));
  for (std::string w : {"", "VÄLFÄRDSBROTT", "Åsa-Öberg", "STRASSE Straße", "10 µg", "ÿ Ÿ", "× ÷", "ÞÐØ",
                        "Ελλάδα", "İstanbul", "ﬁnansiering", "ÅÄÖ\xEF\xAC\x81"}) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
    std::string expected;
    n->normalize(u, err).toUTF8String(expected);
    EXPECT_EQ(styrkoll::fold(w), expected) << w;
  }
}
