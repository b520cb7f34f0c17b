// Ingestion of the committed fixtures (tests/data/fixtures, generated from
// tests/data/src by tests/data/generate.sh).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "styrkoll/ingest.h"

using namespace styrkoll;

namespace {

std::string fixture(const std::string& name) { return std::string(STYRKOLL_TEST_DATA) + "/fixtures/" + name; }

Document load(const std::string& name) {
  auto r = ingest_file(fixture(name));
  EXPECT_TRUE(r.ok()) << r.status().to_string();
  return r.ok() ? std::move(r).value() : Document{};
}

std::vector<std::string> texts(const Document& d, BlockKind kind) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks()) {
    if (b.kind == kind) out.emplace_back(d.block_text(b));
  }
  return out;
}

std::ptrdiff_t find_block(const Document& d, const std::string& needle) {
  for (std::size_t i = 0; i < d.blocks().size(); ++i) {
    if (d.block_text(d.blocks()[i]).find(needle) != std::string_view::npos) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void expect_basic_structure(const Document& d) {
  SCOPED_TRACE(d.metadata().path);
  EXPECT_EQ(d.metadata().title, "Mål och budget 2025–2027");
  auto headings = texts(d, BlockKind::heading);
  EXPECT_TRUE(contains(headings, "1 Inledning"));
  EXPECT_TRUE(contains(headings, "1.1 Bakgrund"));
  EXPECT_TRUE(contains(headings, "2.1 Satsningar"));
  // Swedish letters intact.
  EXPECT_NE(d.text().find("Älvdalens skolor, Örnäsets äldreboende och Åkerby fritidsgård"), std::string::npos);
  // Section path of a paragraph.
  auto i = find_block(d, "Kommunfullmäktige beslutar årligen");
  ASSERT_GE(i, 0);
  EXPECT_EQ(d.section_label(static_cast<std::size_t>(i)).substr(d.section_label(static_cast<std::size_t>(i)).find("1 Inledning")),
            "1 Inledning > 1.1 Bakgrund");
  // Lists.
  auto items = texts(d, BlockKind::list_item);
  EXPECT_TRUE(std::any_of(items.begin(), items.end(), [](const std::string& s) {
    return s.find("God ekonomisk hushållning") != std::string::npos;
  }));
  EXPECT_TRUE(std::any_of(items.begin(), items.end(), [](const std::string& s) {
    return s.find("Äldreomsorgen får fler undersköterskor") != std::string::npos;
  }));
  // Table cells in row order.
  auto cells = texts(d, BlockKind::table_cell);
  ASSERT_GE(cells.size(), 9u);
  EXPECT_EQ(cells[0], "Mål");
  EXPECT_EQ(cells[1], "Indikator");
  EXPECT_EQ(cells[2], "Målvärde 2025");
  EXPECT_EQ(cells[3], "Ekonomi");
  // The footnote reference never sticks to the word before it.
  EXPECT_EQ(d.text().find("2024.1"), std::string::npos);
}

}  // namespace

TEST(Fixtures, BasicPdf) {
  Document d = load("basic.pdf");
  expect_basic_structure(d);
  EXPECT_EQ(d.metadata().format, Format::pdf);
  EXPECT_EQ(d.metadata().page_count, 2);
  EXPECT_EQ(d.metadata().author, "Ekonomiavdelningen");
  EXPECT_EQ(d.metadata().created.substr(0, 10), "2024-11-20");
  EXPECT_EQ(d.metadata().sha256.size(), 64u);
  auto i = find_block(d, "2.1 Satsningar");
  ASSERT_GE(i, 0);
  EXPECT_EQ(d.blocks()[static_cast<std::size_t>(i)].page, 2);
  EXPECT_EQ(d.blocks()[static_cast<std::size_t>(i)].level, 2);
  EXPECT_EQ(texts(d, BlockKind::footnote), std::vector<std::string>{"Befolkningsprognos för Norrby kommun, SCB 2024."});
  // Running header and page footer are not body text but kept as metadata.
  EXPECT_EQ(d.text().find("Sida 1 av 2"), std::string::npos);
  EXPECT_TRUE(contains(d.running_text(), "Norrby kommun · Mål och budget 2025–2027"));
}

TEST(Fixtures, BasicDocx) {
  Document d = load("basic.docx");
  expect_basic_structure(d);
  EXPECT_EQ(d.metadata().format, Format::docx);
  EXPECT_EQ(d.metadata().author, "Ekonomiavdelningen");
  EXPECT_EQ(texts(d, BlockKind::footnote), std::vector<std::string>{"Befolkningsprognos för Norrby kommun, SCB 2024."});
  auto i = find_block(d, "Förskolans lokaler byggs ut");
  ASSERT_GE(i, 0);
  EXPECT_EQ(d.blocks()[static_cast<std::size_t>(i)].numbering, "1");
  EXPECT_GE(d.blocks()[static_cast<std::size_t>(i)].paragraph_index, 0);
}

TEST(Fixtures, BasicOdt) {
  Document d = load("basic.odt");
  expect_basic_structure(d);
  EXPECT_EQ(d.metadata().format, Format::odt);
  EXPECT_EQ(d.metadata().page_count, 2);
}

TEST(Fixtures, BasicHtmlMarkdownText) {
  for (const char* name : {"basic.html", "basic.md", "basic.txt"}) {
    Document d = load(name);
    SCOPED_TRACE(name);
    EXPECT_NE(d.text().find("Älvdalens skolor"), std::string::npos);
    auto headings = texts(d, BlockKind::heading);
    EXPECT_TRUE(contains(headings, "2.1 Satsningar"));
  }
  Document html = load("basic.html");
  expect_basic_structure(html);
  Document md = load("basic.md");
  expect_basic_structure(md);
}

TEST(Fixtures, TwoColumnPdfInReadingOrder) {
  Document d = load("twocolumn.pdf");
  const std::string& t = d.text();
  std::vector<std::string> order = {"VÄNSTER-1", "VÄNSTER-2", "VÄNSTER-3", "HÖGER-1", "HÖGER-2",
                                    "HÖGER-3",   "VÄNSTER-4", "VÄNSTER-5", "HÖGER-4", "HÖGER-5"};
  std::size_t last = 0;
  for (const auto& marker : order) {
    std::size_t pos = t.find(marker);
    ASSERT_NE(pos, std::string::npos) << marker;
    EXPECT_GT(pos, last) << marker << " out of order";
    last = pos;
  }
  // Paragraphs are whole: a column's paragraph is not interleaved with the other column.
  auto i = find_block(d, "VÄNSTER-4");
  ASSERT_GE(i, 0);
  EXPECT_NE(d.block_text(d.blocks()[static_cast<std::size_t>(i)]).find("slutet av augusti."), std::string_view::npos);
  EXPECT_TRUE(texts(d, BlockKind::table_cell).empty());
}

TEST(Fixtures, HyphenationJoinedOnlyForRealWords) {
  Document d = load("hyphenation.pdf");
  const std::string& t = d.text();
  EXPECT_NE(t.find("välfärdsbrottslighet"), std::string::npos);
  EXPECT_EQ(t.find("välfärds-"), std::string::npos);
  EXPECT_NE(t.find("IT-säkerhet"), std::string::npos);
  EXPECT_NE(t.find("ägar- och ledningsförhållanden"), std::string::npos);
  EXPECT_NE(t.find("felutbetalningar"), std::string::npos);
}

TEST(Fixtures, MultipageRunningHeadersRemoved) {
  Document d = load("multipage.pdf");
  EXPECT_EQ(d.metadata().page_count, 4);
  EXPECT_EQ(d.text().find("Testby kommun – Riktlinje"), std::string::npos);
  EXPECT_EQ(d.text().find("Sida "), std::string::npos);
  EXPECT_TRUE(contains(d.running_text(), "Testby kommun – Riktlinje"));
  std::set<int> pages;
  for (const auto& b : d.blocks()) {
    if (b.kind == BlockKind::heading) pages.insert(b.page);
  }
  EXPECT_GE(pages.size(), 3u);
}

TEST(Fixtures, TrackedChangesResolvedAsAccepted) {
  for (const char* name : {"tracked.docx", "tracked.odt"}) {
    Document d = load(name);
    SCOPED_TRACE(name);
    EXPECT_NE(d.text().find("INFOGAD"), std::string::npos);
    EXPECT_EQ(d.text().find("BORTTAGEN"), std::string::npos);
  }
}

TEST(Fixtures, DocxSoftHyphenNbspLigature) {
  Document d = load("softhyphen.docx");
  EXPECT_NE(d.text().find("1 024 tkr"), std::string::npos);
  EXPECT_NE(d.text().find("finansiering"), std::string::npos);
  EXPECT_EQ(d.text().find("\xC2\xAD"), std::string::npos);
}

TEST(Fixtures, DocxHeadingsFromOutlineLevelsAndBasedOn) {
  Document d = load("styles-outline.docx");
  auto i = find_block(d, "1.1 Vidaredelegation");
  ASSERT_GE(i, 0);
  const Block& b = d.blocks()[static_cast<std::size_t>(i)];
  EXPECT_EQ(b.kind, BlockKind::heading);
  EXPECT_EQ(b.level, 2);
  EXPECT_NE(d.section_label(static_cast<std::size_t>(i) + 1).find("1 Allmänna bestämmelser > 1.1 Vidaredelegation"),
            std::string::npos);
}

TEST(Fixtures, TextEncodings) {
  Document latin = load("latin1.txt");
  EXPECT_NE(latin.text().find("Ärendet gäller ”Översiktsplan 2030” för Åby och Älvsö – beslutet"), std::string::npos);
  EXPECT_FALSE(latin.warnings().empty());
  Document bom = load("bom.txt");
  EXPECT_NE(bom.text().substr(0, 3), "\xEF\xBB\xBF");
}

TEST(Fixtures, WrongExtensionIsReadByContent) {
  Document d = load("wrongext.docx");
  EXPECT_EQ(d.metadata().format, Format::pdf);
  Document owner = load("encrypted-ownerpw.pdf");  // empty user password: opens
  EXPECT_FALSE(owner.blocks().empty());
}

struct ErrorCase {
  const char* file;
  ErrorCode code;
};

class FixtureErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(FixtureErrors, TypedErrorNamingTheFile) {
  auto r = ingest_file(fixture(GetParam().file));
  ASSERT_FALSE(r.ok()) << GetParam().file;
  EXPECT_EQ(r.status().code(), GetParam().code) << r.status().to_string();
  EXPECT_NE(r.status().message().find(GetParam().file), std::string::npos) << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(All, FixtureErrors,
                         ::testing::Values(ErrorCase{"scanned.pdf", ErrorCode::needs_ocr},
                                           ErrorCase{"encrypted-userpw.pdf", ErrorCode::encrypted},
                                           ErrorCase{"truncated.pdf", ErrorCode::corrupt},
                                           ErrorCase{"image.png", ErrorCode::unsupported_format},
                                           ErrorCase{"missing-document.docx", ErrorCode::corrupt},
                                           ErrorCase{"notzip.docx", ErrorCode::corrupt},
                                           ErrorCase{"encrypted.docx", ErrorCode::encrypted},
                                           ErrorCase{"legacy.doc", ErrorCode::unsupported_format},
                                           ErrorCase{"empty.txt", ErrorCode::empty_file},
                                           ErrorCase{"does-not-exist.pdf", ErrorCode::io_error}),
                         [](const auto& info) {
                           std::string n = info.param.file;
                           for (char& c : n) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });
