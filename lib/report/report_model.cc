#include "report/report_model.h"

#include <boost/json.hpp>

namespace styrkoll::report {

namespace json = boost::json;

std::size_t text_bytes(const Report& r) {
  auto sum = [](const std::vector<std::string>& v) {
    std::size_t n = 0;
    for (const auto& s : v) n += s.size() + 4;
    return n;
  };
  auto evidence = [&](const std::vector<Evidence>& v) {
    std::size_t n = 0;
    for (const auto& e : v) n += e.quote.size() + sum(e.section) + e.rule_id.size() + 32;
    return n;
  };
  std::size_t n = 0;
  for (const DocumentEntry& d : r.documents) {
    n += d.path.size() + d.title.size() + d.sha256.size() + sum(d.duplicates) + sum(d.warnings) + evidence(d.wc_evidence) + 64;
    if (d.doc_type) n += d.doc_type->name.size() + sum(d.doc_type->reasons);
    if (d.error) n += d.error->message.size();
    for (const Perspective& p : d.perspectives) {
      n += p.id.size() + p.name.size() + sum(p.reasons) + evidence(p.evidence) + p.message.size() +
           p.recommendation.size() + sum(p.rule_ids) + p.fingerprint.size() + 32;
      if (p.assessment) n += p.assessment->comment.size() + 64;
    }
  }
  return n;
}

int DocumentEntry::gap_count() const {
  int n = 0;
  for (const auto& p : perspectives) n += p.is_gap() ? 1 : 0;
  return n;
}

int DocumentEntry::open_gap_count() const {
  int n = 0;
  for (const auto& p : perspectives) n += (p.is_gap() && !p.assessment) ? 1 : 0;
  return n;
}

namespace {

// Thrown inside this file only; parse_report turns it into a Status.
struct FieldError {
  std::string message;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw FieldError{"report: " + where + ": " + what};
}

// A view of one JSON object with its location, for error messages. The
// location is only spelled out when a field is wrong: building it for every
// object cost a fifth of reading a 2,000-document report. A child keeps a
// pointer to its parent, which outlives it (children live in callbacks and
// scopes of the parent).
class Obj {
 public:
  Obj(const json::value& v, const Obj* parent = nullptr, std::string_view key = {}, std::size_t index = kNoIndex)
      : parent_(parent), key_(key), index_(index) {
    if (!v.is_object()) {
      std::string w = where();
      fail(w.empty() ? "top level" : w, "expected an object");
    }
    obj_ = &v.as_object();
  }

  std::string where() const {
    std::string w = parent_ ? parent_->at(key_) : std::string(key_);
    if (index_ != kNoIndex) w += "[" + std::to_string(index_) + "]";
    return w;
  }
  std::string at(std::string_view key) const {
    std::string w = where();
    return w.empty() ? std::string(key) : w + "." + std::string(key);
  }

  // nullptr when absent (or null when allow_null).
  const json::value* find(std::string_view key, bool required) const {
    const json::value* v = obj_->if_contains(key);
    if (!v) {
      if (required) fail(at(key), "missing");
      return nullptr;
    }
    return v;
  }

  std::string str(std::string_view key, bool required = false) const {
    const json::value* v = find(key, required);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) fail(at(key), "expected a string");
    return std::string(v->as_string());
  }

  std::int64_t integer(std::string_view key, bool required = false) const {
    const json::value* v = find(key, required);
    if (!v) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
    if (v->is_double() && v->as_double() == static_cast<double>(static_cast<std::int64_t>(v->as_double())))
      return static_cast<std::int64_t>(v->as_double());
    fail(at(key), "expected an integer");
  }

  std::optional<double> number(std::string_view key, bool required = false) const {
    const json::value* v = find(key, required);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) fail(at(key), "expected a number");
    return v->to_number<double>();
  }

  std::vector<std::string> strings(std::string_view key, bool required = false) const {
    std::vector<std::string> out;
    const json::value* v = find(key, required);
    if (!v) return out;
    if (!v->is_array()) fail(at(key), "expected an array");
    std::size_t i = 0;
    for (const auto& e : v->as_array()) {
      if (!e.is_string()) fail(at(key) + "[" + std::to_string(i) + "]", "expected a string");
      out.emplace_back(e.as_string());
      ++i;
    }
    return out;
  }

  // Calls fn(Obj) for each element of an array of objects.
  template <typename Fn>
  void each(std::string_view key, bool required, Fn fn) const {
    const json::value* v = find(key, required);
    if (!v) return;
    if (!v->is_array()) fail(at(key), "expected an array");
    std::size_t i = 0;
    for (const auto& e : v->as_array()) {
      fn(Obj(e, this, key, i));
      ++i;
    }
  }

  // The nested object, or nullopt when absent or null.
  std::optional<Obj> child(std::string_view key, bool required = false) const {
    const json::value* v = find(key, required);
    if (!v || v->is_null()) return std::nullopt;
    return Obj(*v, this, key);
  }

 private:
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  const json::object* obj_ = nullptr;
  const Obj* parent_ = nullptr;
  std::string_view key_;  // a literal of the reader, or empty at the top
  std::size_t index_ = kNoIndex;
};

Evidence read_evidence(const Obj& o) {
  Evidence e;
  e.page = o.integer("page");
  e.section = o.strings("section");
  e.quote = o.str("quote");
  e.char_start = o.integer("char_start");
  e.char_end = o.integer("char_end");
  e.strength = o.str("strength");
  e.rule_id = o.str("rule_id");
  e.markers = o.strings("markers");
  return e;
}

void check_coverage(const Obj& o, std::string_view key, const std::string& value, bool allow_empty) {
  if (value == "missing" || value == "weak" || value == "strong" || (allow_empty && value.empty())) return;
  fail(o.at(key), "unknown coverage '" + value + "' (expected missing, weak or strong)");
}

Perspective read_perspective(const Obj& o) {
  Perspective p;
  p.id = o.str("id", true);
  p.name = o.str("name");
  if (p.name.empty()) p.name = p.id;
  p.coverage = o.str("coverage", true);
  check_coverage(o, "coverage", p.coverage, false);
  p.reasons = o.strings("reasons");
  o.each("evidence", false, [&](const Obj& e) { p.evidence.push_back(read_evidence(e)); });
  p.message = o.str("message");
  p.recommendation = o.str("recommendation");
  p.rule_ids = o.strings("rule_ids");
  p.fingerprint = o.str("fingerprint");
  if (auto a = o.child("assessment")) {
    Assessment as;
    as.status = a->str("status", true);
    if (as.status != "handled" && as.status != "not_applicable" && as.status != "accepted_risk")
      fail(a->at("status"), "unknown assessment status '" + as.status + "'");
    as.comment = a->str("comment");
    as.date = a->str("date");
    as.by = a->str("by");
    p.assessment = std::move(as);
  }
  return p;
}

DocumentEntry read_document(const Obj& o) {
  DocumentEntry d;
  d.path = o.str("path", true);
  d.sha256 = o.str("sha256");
  d.format = o.str("format");
  d.pages = o.integer("pages");
  d.title = o.str("title");
  d.status = o.str("status", true);
  if (d.status != "analyzed" && d.status != "out_of_scope" && d.status != "needs_ocr" && d.status != "error")
    fail(o.at("status"), "unknown document status '" + d.status + "'");
  if (auto e = o.child("error")) d.error = DocError{e->str("code"), e->str("message")};
  d.duplicates = o.strings("duplicates");
  d.warnings = o.strings("warnings");
  if (auto t = o.child("doc_type")) {
    DocType dt;
    dt.id = t->str("id", true);
    dt.name = t->str("name");
    if (dt.name.empty()) dt.name = dt.id;
    dt.confidence = t->number("confidence").value_or(0);
    dt.source = t->str("source");
    dt.reasons = t->strings("reasons");
    if (auto r = t->child("runner_up")) {
      dt.uncertain = true;
      dt.runner_up_id = r->str("id");
      dt.runner_up_name = r->str("name");
    }
    d.doc_type = std::move(dt);
  }
  d.wc_explicit = o.str("wc_explicit");
  check_coverage(o, "wc_explicit", d.wc_explicit, true);
  o.each("wc_evidence", false, [&](const Obj& e) { d.wc_evidence.push_back(read_evidence(e)); });
  d.coverage_score = o.number("coverage_score");
  o.each("perspectives", false, [&](const Obj& p) { d.perspectives.push_back(read_perspective(p)); });
  return d;
}

Archive read_archive(const Obj& o) {
  Archive a;
  if (auto t = o.child("totals")) {
    Totals& x = a.totals;
    x.files = t->integer("files");
    x.documents = t->integer("documents");
    x.analyzed = t->integer("analyzed");
    x.out_of_scope = t->integer("out_of_scope");
    x.needs_ocr = t->integer("needs_ocr");
    x.errors = t->integer("errors");
    x.duplicates = t->integer("duplicates");
    x.gaps = t->integer("gaps");
    x.open_gaps = t->integer("open_gaps");
    x.weak = t->integer("weak");
    x.missing = t->integer("missing");
    x.strong = t->integer("strong");
  }
  o.each("types_found", false, [&](const Obj& t) {
    a.types_found.push_back(TypeCount{t.str("id", true), t.str("name"), t.integer("count")});
  });
  o.each("types_missing", false, [&](const Obj& t) {
    a.types_missing.push_back(TypeCount{t.str("id", true), t.str("name"), 0});
  });
  o.each("findings", false, [&](const Obj& f) {
    a.findings.push_back(
        ArchiveFinding{f.str("id"), f.str("severity"), f.str("message"), f.str("recommendation")});
  });
  o.each("perspectives", false, [&](const Obj& p) {
    a.perspectives.push_back(PerspectiveCount{p.str("id", true), p.str("name"), p.integer("strong"),
                                              p.integer("weak"), p.integer("missing")});
  });
  for (auto& t : a.types_found)
    if (t.name.empty()) t.name = t.id;
  for (auto& t : a.types_missing)
    if (t.name.empty()) t.name = t.id;
  for (auto& p : a.perspectives)
    if (p.name.empty()) p.name = p.id;
  return a;
}

Diff read_diff(const Obj& o) {
  Diff d;
  d.baseline_scan = o.str("baseline_scan");
  d.fixed = o.integer("fixed");
  d.improved = o.integer("improved");
  d.added = o.integer("new");
  d.regressed = o.integer("regressed");
  d.unchanged = o.integer("unchanged");
  d.assessed = o.integer("assessed");
  d.removed = o.integer("removed");
  o.each("items", false, [&](const Obj& i) {
    d.items.push_back(DiffItem{i.str("fingerprint"), i.str("path"), i.str("perspective"),
                               i.str("change", true), i.str("old"), i.str("new")});
  });
  return d;
}

Report read_report(const json::value& root) {
  Obj top(root);
  const json::value* schema = top.find("schema", false);
  if (!schema) fail("schema", "missing (is this a styrkoll report?)");
  if (!schema->is_string() || schema->as_string() != "styrkoll.report/1")
    fail("schema", "unsupported value " + json::serialize(*schema) + " (expected \"styrkoll.report/1\")");
  Report r;
  if (auto t = top.child("tool")) {
    r.tool_name = t->str("name");
    r.tool_version = t->str("version");
  }
  if (auto p = top.child("rule_pack")) {
    r.pack_id = p->str("id");
    r.pack_version = p->str("version");
    r.pack_hash = p->str("hash");
  }
  if (auto s = top.child("scan")) {
    r.scan_started = s->str("started");
    r.scan_finished = s->str("finished");
    r.scan_duration_s = s->number("duration_s").value_or(0);
    r.scan_roots = s->strings("roots");
  }
  top.each("documents", true, [&](const Obj& d) { r.documents.push_back(read_document(d)); });
  if (auto a = top.child("archive", true)) r.archive = read_archive(*a);
  if (auto b = top.child("baseline")) r.baseline = read_diff(*b);
  return r;
}

// Runs a reader, turning its FieldError into a Status.
template <typename T, typename Fn>
Result<T> guarded(Fn fn) {
  try {
    return fn();
  } catch (const FieldError& e) {
    return Status(ErrorCode::invalid_argument, e.message);
  }
}

}  // namespace

Result<DocumentEntry> read_document_entry(const json::value& entry, const std::string& where) {
  return guarded<DocumentEntry>([&] { return read_document(Obj(entry, nullptr, where)); });
}

Result<Archive> read_archive_section(const json::value& archive) {
  return guarded<Archive>([&] { return read_archive(Obj(archive, nullptr, "archive")); });
}

Result<Diff> read_baseline_section(const json::value& baseline) {
  return guarded<Diff>([&] { return read_diff(Obj(baseline, nullptr, "baseline")); });
}

Result<Report> parse_report(std::string_view json_text) {
  boost::system::error_code ec;
  // The tree only lives while it is read into the model: an arena makes
  // parsing faster and freeing it one step (large reports are tens of MB).
  json::monotonic_resource arena;
  json::value root = json::parse(json_text, ec, &arena);
  if (ec) return Status(ErrorCode::invalid_argument, "report: not valid JSON (" + ec.message() + ")");
  try {
    return read_report(root);
  } catch (const FieldError& e) {
    return Status(ErrorCode::invalid_argument, e.message);
  }
}

}  // namespace styrkoll::report
