// PDF through poppler-cpp: words with positions and fonts per page, laid out
// by pdf_layout (our own reading order, headings, running lines, hyphens).
//
// Poppler traps handled here: a document needing a user password loads as
// locked and crashes on pages(), so is_locked() is checked first; poppler's
// error output goes to a callback, collected per thread as warnings; one
// "keeper" document stays open so poppler's global state is not rebuilt for
// every file.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/unicode.h"
#include "ingest/document_builder.h"
#include "ingest/ingesters.h"
#include "ingest/pdf_layout.h"

namespace styrkoll::ingest {

namespace {

thread_local std::vector<std::string>* t_poppler_messages = nullptr;

void poppler_message(const std::string& msg, void*) {
  // Called on the thread that is parsing; messages go to that thread's collector.
  if (t_poppler_messages && t_poppler_messages->size() < 20) t_poppler_messages->push_back(msg);
}

const char kKeeperPdf[] =
    "%PDF-1.4\n"
    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

void init_poppler_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(poppler_message, nullptr);
    static poppler::document* keeper =
        poppler::document::load_from_raw_data(kKeeperPdf, static_cast<int>(sizeof kKeeperPdf - 1));
    (void)keeper;  // intentionally never freed: it pins poppler's global parameters
  });
}

// ustring is UTF-16; poppler's own to_utf8() opens an iconv converter per
// call, which cost a seventh of all extraction time.
std::string utf8(const poppler::ustring& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
      c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char32_t>(s[i + 1]) - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c < 0xE000) {
      c = 0xFFFD;
    }
    core::append_utf8(out, c);
  }
  return out;
}

std::string iso_time(time_t t) {
  if (t <= 0) return {};
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool is_bold_font(const std::string& name) {
  for (const char* k : {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", "Demi", ",B"}) {
    if (name.find(k) != std::string::npos) return true;
  }
  return false;
}

struct ErrorCapture {
  std::vector<std::string> messages;
  ErrorCapture() { t_poppler_messages = &messages; }
  ~ErrorCapture() { t_poppler_messages = nullptr; }
};

}  // namespace

Result<Document> ingest_pdf(const Input& in) {
  init_poppler_once();
  ErrorCapture capture;
  if (in.bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    return error(ErrorCode::too_large, in, "PDF too large for the parser");
  }
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(in.bytes.data(), static_cast<int>(in.bytes.size())));
  if (!doc) {
    std::string why = capture.messages.empty() ? "" : " (" + capture.messages.front() + ")";
    if (in.bytes.find("/Encrypt") != std::string_view::npos) {
      return error(ErrorCode::encrypted, in, "encrypted PDF that cannot be opened" + why);
    }
    return error(ErrorCode::corrupt, in, "damaged or truncated PDF" + why);
  }
  if (doc->is_locked()) {
    return error(ErrorCode::encrypted, in, "the PDF needs a password to open (an empty password was tried)");
  }

  DocumentBuilder db(in.meta);
  Metadata& m = db.metadata();
  m.title = utf8(doc->get_title());
  m.author = utf8(doc->get_author());
  m.producer = utf8(doc->get_producer());
  m.created = iso_time(doc->get_creation_date_t());
  m.modified = iso_time(doc->get_modification_date_t());
  int page_count = doc->pages();
  m.page_count = page_count;
  if (page_count <= 0) return error(ErrorCode::corrupt, in, "the PDF has no pages");
  int readable = std::min(page_count, in.options->max_pdf_pages);
  if (readable < page_count) {
    db.warn("only the first " + std::to_string(readable) + " of " + std::to_string(page_count) +
            " pages were read (max_pdf_pages)");
  }

  std::vector<pdf::Page> pages;
  pages.reserve(static_cast<std::size_t>(readable));
  std::vector<int> textless;
  std::size_t letters = 0, replacement = 0, code_points = 0;
  for (int i = 0; i < readable; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    pdf::Page pg;
    pg.number = i + 1;
    if (!page) {
      textless.push_back(i + 1);
      pages.push_back(std::move(pg));
      continue;
    }
    poppler::rectf rect = page->page_rect(poppler::media_box);
    pg.width = rect.width();
    pg.height = rect.height();
    if (page->orientation() == poppler::page::landscape || page->orientation() == poppler::page::seascape) {
      std::swap(pg.width, pg.height);
    }
    std::size_t page_letters = 0;
    for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font)) {
      pdf::Word w;
      w.text = utf8(box.text());
      poppler::rectf b = box.bbox();
      w.x0 = b.left();
      w.y0 = b.top();
      w.x1 = b.right();
      w.y1 = b.bottom();
      w.font_size = box.has_font_info() ? box.get_font_size() : b.height();
      w.bold = box.has_font_info() && is_bold_font(box.get_font_name());
      w.space_after = box.has_space_after();
      core::LetterCount lc = core::count_letters(w.text);
      page_letters += lc.letters;
      letters += lc.letters;
      replacement += lc.replacement;
      code_points += lc.code_points;
      pg.words.push_back(std::move(w));
    }
    if (page_letters < static_cast<std::size_t>(in.options->min_letters_per_page)) textless.push_back(i + 1);
    pages.push_back(std::move(pg));
  }

  for (const std::string& msg : capture.messages) db.warn("pdf: " + msg);

  if (static_cast<int>(textless.size()) == readable) {
    return error(ErrorCode::needs_ocr, in, "no text layer on any of its " + std::to_string(readable) +
                                               " pages (scanned document?); OCR is needed");
  }
  if (code_points > 0 && replacement * 3 > code_points) {
    return error(ErrorCode::needs_ocr, in, "the text layer is unreadable (" +
                                               std::to_string(replacement * 100 / code_points) +
                                               " % undecodable characters); OCR is needed");
  }
  if (!textless.empty()) {
    std::string list;
    for (std::size_t k = 0; k < textless.size() && k < 20; ++k) list += (k ? ", " : "") + std::to_string(textless[k]);
    if (textless.size() > 20) list += ", ...";
    db.warn("pages without a text layer (blank or scanned): " + list);
  }

  std::vector<std::vector<pdf::Line>> lines;
  lines.reserve(pages.size());
  for (const pdf::Page& pg : pages) lines.push_back(pdf::layout_page(pg));
  for (const std::string& r : pdf::remove_running_lines(lines, pages)) db.add_running_text(r);

  std::string dict_warning;
  WordCheck check = word_check(in, &dict_warning);
  if (!dict_warning.empty()) db.warn(dict_warning);

  for (const pdf::BlockOut& b : pdf::build_blocks(lines, check)) {
    BlockAttrs a;
    a.level = b.level;
    a.page = b.page;
    a.table = b.table;
    a.row = b.row;
    a.column = b.column;
    db.add(b.kind, b.text, a);
  }
  if (db.block_count() == 0) return error(ErrorCode::needs_ocr, in, "no text could be extracted");
  return db.finish();
}

}  // namespace styrkoll::ingest
