#include "ingest/pdf_layout.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

using namespace styrkoll;
using namespace styrkoll::pdf;

namespace {

// Lays out a line of text as words starting at x, on the baseline band at y.
void put(Page& p, const std::string& text, double x, double y, double size = 11, bool bold = false) {
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    double width = 0.5 * size * static_cast<double>(w.size());
    p.words.push_back(Word{w, x, y, x + width, y + size, size, bold, true});
    x += width + 0.3 * size;
  }
}

WordCheck dictionary(std::set<std::string> words) {
  return [words](std::string_view w) { return words.count(std::string(w)) > 0; };
}

std::vector<std::string> texts(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

}  // namespace

TEST(JoinLines, JoinsHyphenatedWordWhenDictionaryKnowsIt) {
  auto dict = dictionary({"välfärdsbrottslighet"});
  EXPECT_EQ(join_lines("arbetet mot välfärds-", "brottslighet ska", dict), "arbetet mot välfärdsbrottslighet ska");
}

TEST(JoinLines, KeepsTrueCompoundHyphen) {
  auto dict = dictionary({"välfärdsbrottslighet"});
  EXPECT_EQ(join_lines("arbetet med IT-", "säkerhet ska", dict), "arbetet med IT-säkerhet ska");
}

TEST(JoinLines, KeepsSuspendedCompoundBeforeConjunction) {
  auto dict = dictionary({"ägaroch"});
  EXPECT_EQ(join_lines("kontrollera ägar-", "och ledningsförhållanden", dict), "kontrollera ägar- och ledningsförhållanden");
  EXPECT_EQ(join_lines("bidrags-", "eller välfärdsbrott", dict), "bidrags- eller välfärdsbrott");
}

TEST(JoinLines, PlainLinesGetASpace) {
  EXPECT_EQ(join_lines("slutet av", "raden", nullptr), "slutet av raden");
  EXPECT_EQ(join_lines("ett tankstreck -", "här", nullptr), "ett tankstreck - här");
}

TEST(LayoutPage, ReadsTwoColumnsLeftThenRight) {
  Page p;
  put(p, "Rubrik som spänner över hela sidans bredd här", 70, 60, 16, true);
  for (int i = 0; i < 6; ++i) {
    put(p, "VÄNSTER rad " + std::to_string(i) + " med en del vanlig löptext", 70, 100 + 14 * i);
    put(p, "HÖGER rad " + std::to_string(i) + " med en del vanlig löptext här", 320, 100 + 14 * i);
  }
  auto lines = layout_page(p);
  auto t = texts(lines);
  ASSERT_EQ(t.size(), 13u);
  EXPECT_EQ(t[0].substr(0, 6), "Rubrik");
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(t[1 + i].rfind("VÄNSTER", 0), 0u) << t[1 + i];
    EXPECT_EQ(t[7 + i].rfind("HÖGER", 0), 0u) << t[7 + i];
    EXPECT_EQ(lines[7 + i].column, 1);
  }
}

TEST(LayoutPage, SingleColumnTableStaysRowWise) {
  Page p;
  for (int i = 0; i < 10; ++i) {
    put(p, "Mål " + std::to_string(i), 70, 100 + 14 * i);
    put(p, "Indikator " + std::to_string(i), 250, 100 + 14 * i);
    put(p, "85 %", 450, 100 + 14 * i);
  }
  auto lines = layout_page(p);
  ASSERT_EQ(lines.size(), 30u);
  EXPECT_EQ(lines[0].text, "Mål 0");
  EXPECT_EQ(lines[1].text, "Indikator 0");
  EXPECT_EQ(lines[2].text, "85 %");
  EXPECT_EQ(lines[0].row_cells, 3);
}

TEST(LayoutPage, DropsRaisedFootnoteMarkers) {
  Page p;
  put(p, "Budgeten bygger på", 70, 100);
  p.words.push_back(Word{"1", 170, 96, 174, 103, 7, false, true});
  put(p, "befolkningsprognosen från mars.", 70, 114);
  auto t = texts(layout_page(p));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], "Budgeten bygger på");
}

TEST(RunningLines, RemovedWhenRepeatedInBands) {
  std::vector<Page> pages(3);
  std::vector<std::vector<Line>> lines;
  for (int i = 0; i < 3; ++i) {
    pages[i].number = i + 1;
    put(pages[i], "Testby kommun – Riktlinje", 70, 30, 9);
    put(pages[i], "Brödtext på sidan " + std::to_string(i + 1), 70, 300);
    put(pages[i], "Sida " + std::to_string(i + 1) + " av 3", 270, 800, 9);
    lines.push_back(layout_page(pages[i]));
  }
  auto removed = remove_running_lines(lines, pages);
  for (const auto& page : lines) {
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].text.rfind("Brödtext", 0), 0u);
  }
  EXPECT_NE(std::find(removed.begin(), removed.end(), "Testby kommun – Riktlinje"), removed.end());
}

TEST(RunningLines, BodyTextRepeatedMidPageIsKept) {
  std::vector<Page> pages(2);
  std::vector<std::vector<Line>> lines;
  for (int i = 0; i < 2; ++i) {
    put(pages[i], "Samma mening mitt på sidan.", 70, 400);
    lines.push_back(layout_page(pages[i]));
  }
  remove_running_lines(lines, pages);
  EXPECT_EQ(lines[0].size(), 1u);
  EXPECT_EQ(lines[1].size(), 1u);
}

TEST(BuildBlocks, HeadingsListsAndParagraphs) {
  Page p;
  put(p, "Riktlinje för bidrag", 70, 60, 18, true);
  put(p, "1 Inledning", 70, 100, 14, true);
  put(p, "Detta är en lång rad med brödtext som fortsätter", 70, 124);
  put(p, "på nästa rad utan avbrott.", 70, 138);
  put(p, "1.1 Bakgrund", 70, 170, 12, true);
  put(p, "• första punkten", 70, 194);
  put(p, "• andra punkten", 70, 208);
  put(p, "Ett nytt stycke efter luft.", 70, 240);
  std::vector<std::vector<Line>> pages{layout_page(p)};
  auto blocks = build_blocks(pages, nullptr);
  ASSERT_EQ(blocks.size(), 7u);
  EXPECT_EQ(blocks[0].kind, BlockKind::heading);
  EXPECT_EQ(blocks[0].level, 1);
  EXPECT_EQ(blocks[1].kind, BlockKind::heading);
  EXPECT_EQ(blocks[1].text, "1 Inledning");
  EXPECT_EQ(blocks[2].kind, BlockKind::paragraph);
  EXPECT_EQ(blocks[2].text, "Detta är en lång rad med brödtext som fortsätter på nästa rad utan avbrott.");
  EXPECT_EQ(blocks[3].kind, BlockKind::heading);
  EXPECT_EQ(blocks[3].level, 2);
  EXPECT_EQ(blocks[4].kind, BlockKind::list_item);
  EXPECT_EQ(blocks[4].text, "första punkten");
  EXPECT_EQ(blocks[5].kind, BlockKind::list_item);
  EXPECT_EQ(blocks[6].text, "Ett nytt stycke efter luft.");
}

TEST(BuildBlocks, ParagraphContinuesOnNextPageMidSentence) {
  Page a, b;
  a.number = 1;
  b.number = 2;
  put(a, "Kommunen ska arbeta aktivt mot", 70, 700);
  put(b, "felaktiga utbetalningar i alla nämnder.", 70, 80);
  std::vector<std::vector<Line>> pages{layout_page(a), layout_page(b)};
  auto blocks = build_blocks(pages, nullptr);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "Kommunen ska arbeta aktivt mot felaktiga utbetalningar i alla nämnder.");
  EXPECT_EQ(blocks[0].page, 1);
}

TEST(BuildBlocks, WrappedTableCellStaysInItsCell) {
  // A cell that wraps onto a second line just below its row belongs to that cell,
  // not to a paragraph of its own or to a new row (the tie and the amount must meet).
  Page p;
  put(p, "Resurs", 70, 100);
  put(p, "2025, tkr", 300, 100);
  put(p, "Samordnare mot", 70, 120);
  put(p, "950", 300, 120);
  put(p, "välfärdsbrottslighet, 1 åa", 70, 132);
  put(p, "Utbildning", 70, 150);
  put(p, "900", 300, 150);
  std::vector<std::vector<Line>> pages{layout_page(p)};
  auto blocks = build_blocks(pages, nullptr);
  ASSERT_EQ(blocks.size(), 6u);
  EXPECT_EQ(blocks[2].kind, BlockKind::table_cell);
  EXPECT_EQ(blocks[2].row, 1);
  EXPECT_EQ(blocks[2].text, "Samordnare mot välfärdsbrottslighet, 1 åa");
  EXPECT_EQ(blocks[4].row, 2);
  EXPECT_EQ(blocks[4].text, "Utbildning");
}

TEST(BuildBlocks, ProseBelowAFinishedCellIsNotWrappedIntoIt) {
  Page p;
  put(p, "Mål", 70, 100);
  put(p, "Ansvar", 300, 100);
  put(p, "Kontrollerna ska öka.", 70, 120);
  put(p, "Nämnden", 300, 120);
  put(p, "Ett nytt stycke", 70, 132);
  std::vector<std::vector<Line>> pages{layout_page(p)};
  auto blocks = build_blocks(pages, nullptr);
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[2].text, "Kontrollerna ska öka.");
  EXPECT_EQ(blocks[4].kind, BlockKind::paragraph);
}
