// render_csv: one row per document x perspective for spreadsheets.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "report/report_model.h"
#include "report/report_text.h"
#include "styrkoll/report.h"

namespace styrkoll {

namespace {

using report::DocumentEntry;
using report::Perspective;

class CsvWriter {
 public:
  CsvWriter(char separator, std::string start, std::size_t expected) : sep_(separator), out_(std::move(start)) {
    out_.reserve(expected);
  }

  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out_ += sep_;
      field(fields[i]);
    }
    out_ += "\r\n";
  }

  std::string take() { return std::move(out_); }

 private:
  void field(std::string_view v) {
    // A spreadsheet would evaluate a cell starting with one of these as a
    // formula (CSV injection); a leading apostrophe makes it plain text.
    bool formula = !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
    bool quote = std::any_of(v.begin(), v.end(), [this](char c) { return c == '"' || c == '\r' || c == '\n' || c == sep_; });
    if (quote) out_ += '"';
    if (formula) out_ += '\'';
    if (!quote) {
      out_ += v;
      return;
    }
    for (char c : v) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }

  char sep_;
  std::string out_;
};

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (const auto& p : parts) {
    if (!s.empty()) s += sep;
    s += p;
  }
  return s;
}

std::string assessment_text(const Perspective& p) {
  if (!p.assessment) return {};
  const auto& a = *p.assessment;
  std::string s(report::assessment_label_sv(a.status));
  if (!a.comment.empty()) s += ": " + a.comment;
  std::vector<std::string> meta;
  if (!a.date.empty()) meta.push_back(a.date);
  if (!a.by.empty()) meta.push_back(a.by);
  if (!meta.empty()) s += " (" + join(meta, ", ") + ")";
  return s;
}

std::vector<std::string> doc_fields(const DocumentEntry& d) {
  return {d.path, d.title, d.doc_type ? d.doc_type->name : std::string(),
          std::string(report::status_label_sv(d.status))};
}

}  // namespace

Result<std::string> render_csv(std::string_view report_json, char separator, bool bom) {
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  return report::render_csv(parsed.value(), separator, bom);
}

Result<std::string> report::render_csv(const report::Report& r, char separator, bool bom) {
  if (separator != ',' && separator != ';')
    return Status(ErrorCode::invalid_argument,
                  std::string("csv: unsupported separator '") + separator + "' (use ',' or ';')");

  // The byte-order mark first, and room for the whole table (a row per
  // document and perspective repeats its document's fields).
  CsvWriter w(separator, bom ? std::string("\xEF\xBB\xBF") : std::string(), report::text_bytes(r) + 4096);
  w.row({"sökväg", "titel", "dokumenttyp", "status", "perspektiv", "täckning", "motivering", "förslag",
         "sida", "avsnitt", "citat", "fingeravtryck", "bedömning"});
  for (const DocumentEntry& d : r.documents) {
    if (d.perspectives.empty()) {
      // Out of scope, needs OCR, error: one row saying why.
      std::string why;
      if (d.error) {
        why = d.error->code.empty() ? d.error->message : d.error->code + ": " + d.error->message;
      } else if (d.status == "needs_ocr") {
        why = "Skannat dokument utan textlager; kör OCR och granska igen.";
      } else if (d.doc_type) {
        why = join(d.doc_type->reasons, "; ");
      }
      std::vector<std::string> f = doc_fields(d);
      f.insert(f.end(), {"", "", why, "", "", "", "", "", ""});
      w.row(f);
      continue;
    }
    for (const Perspective& p : d.perspectives) {
      std::vector<std::string> f = doc_fields(d);
      std::string page, section, quote;
      if (!p.evidence.empty()) {
        const auto& e = p.evidence.front();
        if (e.page > 0) page = std::to_string(e.page);
        section = join(e.section, " > ");
        quote = e.quote;
      }
      f.insert(f.end(), {p.name, std::string(report::coverage_label_sv(p.coverage)), join(p.reasons, "; "),
                         p.recommendation, page, section, quote, p.fingerprint, assessment_text(p)});
      w.row(f);
    }
  }
  return w.take();
}

}  // namespace styrkoll
