#include "ingest/document_builder.h"

#include <gtest/gtest.h>

using namespace styrkoll;

TEST(LeadingNumbering, RecognisesSectionNumbers) {
  EXPECT_EQ(leading_numbering("3.2 Satsningar"), "3.2");
  EXPECT_EQ(leading_numbering("3.2. Satsningar"), "3.2");
  EXPECT_EQ(leading_numbering("4 Ekonomi"), "4");
  EXPECT_EQ(leading_numbering("2024 års budget"), "");  // a year, not a number
  EXPECT_EQ(leading_numbering("1 024 tkr"), "");
  EXPECT_EQ(leading_numbering("Bakgrund"), "");
}

TEST(DocumentBuilder, SectionPathsFollowHeadingLevels) {
  DocumentBuilder db(Metadata{});
  db.add(BlockKind::heading, "1 Inledning");
  db.add(BlockKind::paragraph, "Text ett.");
  db.add(BlockKind::heading, "3.2 Satsningar");
  db.add(BlockKind::paragraph, "Text två.");
  db.add(BlockKind::heading, "4 Uppföljning");
  db.add(BlockKind::paragraph, "Text tre.");
  Document d = db.finish();
  ASSERT_EQ(d.blocks().size(), 6u);
  EXPECT_EQ(d.blocks()[2].level, 2);
  EXPECT_EQ(d.blocks()[2].numbering, "3.2");
  EXPECT_EQ(d.section_label(3), "1 Inledning > 3.2 Satsningar");
  EXPECT_EQ(d.section_label(5), "4 Uppföljning");
  EXPECT_TRUE(d.section_path(0).empty());
  EXPECT_EQ(d.metadata().title, "1 Inledning");  // no title in properties: first heading
}

TEST(DocumentBuilder, OffsetsSliceThePlainText) {
  DocumentBuilder db(Metadata{});
  db.add(BlockKind::paragraph, "  Åtgärder\xC2\xA0mot  fusk ");
  db.add(BlockKind::paragraph, "   ");  // empty after cleaning: dropped
  BlockAttrs a;
  a.level = 1;
  db.add(BlockKind::list_item, "Kontroll", a);
  Document d = db.finish();
  ASSERT_EQ(d.blocks().size(), 2u);
  EXPECT_EQ(d.block_text(d.blocks()[0]), "Åtgärder mot fusk");
  EXPECT_EQ(d.block_text(d.blocks()[1]), "Kontroll");
  EXPECT_EQ(d.text(), "Åtgärder mot fusk\n\nKontroll");
  // "Åtgärder mot fusk" is 17 code points but 18 bytes; "Kontroll" starts at code point 19.
  EXPECT_EQ(d.char_index(d.blocks()[1].begin), 19u);
}

TEST(DocumentBuilder, CharIndexAcrossCheckpoints) {
  DocumentBuilder db(Metadata{});
  std::string para;
  for (int i = 0; i < 800; ++i) para += "ö";  // 1600 bytes
  db.add(BlockKind::paragraph, para);
  db.add(BlockKind::paragraph, "slut");
  Document d = db.finish();
  EXPECT_EQ(d.char_index(d.blocks()[1].begin), 802u);
  EXPECT_EQ(d.char_index(1200), 600u);
}
