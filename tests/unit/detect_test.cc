#include <gtest/gtest.h>

#include "styrkoll/ingest.h"

using namespace styrkoll;

TEST(DetectFormat, ByContentNotExtension) {
  EXPECT_EQ(detect_format("%PDF-1.7\n...", "rapport.docx"), Format::pdf);
  EXPECT_EQ(detect_format("<!DOCTYPE html><html><body>x</body></html>", "a.txt"), Format::html);
  EXPECT_EQ(detect_format("# Rubrik\n\nText\n## Under\n", "a"), Format::markdown);
  EXPECT_EQ(detect_format("Bara text.\n", "a.txt"), Format::txt);
  EXPECT_EQ(detect_format("Bara text.\n", "a.md"), Format::markdown);
  EXPECT_EQ(detect_format(std::string("\x89PNG\r\n\x1a\n\0\0", 10), "a.pdf"), Format::unknown);
  EXPECT_EQ(detect_format(std::string("PK\x03\x04....word/document.xml", 26), "x.odt"), Format::docx);
  EXPECT_EQ(detect_format(std::string("PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text", 52), "x"),
            Format::odt);
}

TEST(IngestMemory, EmptyAndUnsupportedNameTheInput) {
  auto r = ingest_memory("", "tom.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::empty_file);
  EXPECT_NE(r.status().message().find("tom.txt"), std::string::npos);

  const std::string png_bytes("\x89PNG\r\n\x1a\n\0\0\0\0", 12);
  auto png = ingest_memory(png_bytes, "bild.png");
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.status().code(), ErrorCode::unsupported_format);
  EXPECT_NE(png.status().message().find("bild.png: unsupported format: a PNG image"), std::string::npos);

  // Named as a format we read, but something else inside: reported as damaged.
  auto renamed = ingest_memory(png_bytes, "budget.pdf");
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.status().code(), ErrorCode::corrupt);
  EXPECT_NE(renamed.status().message().find("budget.pdf: named .pdf"), std::string::npos);
}

TEST(IngestMemory, SizeLimit) {
  IngestOptions o;
  o.max_file_bytes = 10;
  auto r = ingest_memory("Detta är mer än tio byte.", "stor.txt", Format::unknown, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::too_large);
}

TEST(IngestMemory, HtmlIgnoresScriptsAndReadsTables) {
  auto r = ingest_memory(
      "<html><head><title>T</title><script>var hemligt = 1;</script><style>p{}</style></head>"
      "<body><h1>1 Mål</h1><p>Stycke <b>ett</b>.</p><ul><li>Punkt</li></ul>"
      "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></body></html>",
      "a.html");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const Document& d = r.value();
  EXPECT_EQ(d.text().find("hemligt"), std::string::npos);
  ASSERT_EQ(d.blocks().size(), 7u);
  EXPECT_EQ(d.blocks()[0].kind, BlockKind::heading);
  EXPECT_EQ(d.block_text(d.blocks()[1]), "Stycke ett.");
  EXPECT_EQ(d.blocks()[2].kind, BlockKind::list_item);
  EXPECT_EQ(d.blocks()[6].row, 1);
  EXPECT_EQ(d.blocks()[6].column, 1);
}

TEST(IngestMemory, MarkdownFrontMatterTablesAndLists) {
  auto r = ingest_memory(
      "---\ntitle: \"Plan\"\nauthor: Kansliet\n---\n\n# 1 Mål\n\nText som\nfortsätter.\n\n- a\n- b\n\n"
      "| Mål | Värde |\n|---|---|\n| X | 5 |\n\n## 1.1 Under\n\n1. Först\n2. Sedan\n",
      "plan.md");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  const Document& d = r.value();
  EXPECT_EQ(d.metadata().title, "Plan");
  EXPECT_EQ(d.metadata().author, "Kansliet");
  std::vector<std::string> got;
  for (const auto& b : d.blocks()) got.emplace_back(d.block_text(b));
  std::vector<std::string> want = {"1 Mål", "Text som fortsätter.", "a", "b", "Mål", "Värde", "X", "5",
                                   "1.1 Under", "Först", "Sedan"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(d.blocks()[8].level, 2);
  EXPECT_EQ(d.blocks()[9].numbering, "1");
  EXPECT_EQ(d.section_label(10), "1 Mål > 1.1 Under");
}

TEST(IngestMemory, XmlWithDoctypeIsRefused) {
  // A DOCX-like part carrying an external entity must never be expanded.
  auto r = ingest_memory("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
                         "x.html");
  // Read as HTML (its only possible format); the entity must not be resolved.
  if (r.ok()) {
    EXPECT_EQ(r.value().text().find("root:"), std::string::npos);
  }
}

TEST(IngestMemory, HardWrappedTextJoinsLineEndHyphensWithTheDictionary) {
  // Markdown and text exported from PDFs keep the PDF's line-end hyphens.
  auto r = ingest_memory("Policyn an-\ntagen av full-\nmäktige gäller IT-\nsäkerhet och ägar-\noch ledningsfrågor.\n",
                         "export.md");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r.value().block_text(r.value().blocks()[0]),
            "Policyn antagen av fullmäktige gäller IT-säkerhet och ägar- och ledningsfrågor.");
}
