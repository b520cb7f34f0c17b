// The C API: thin wrappers around the C++ library. Every entry point catches
// everything; nothing but return codes and messages crosses the boundary.
#include "styrkoll/styrkoll.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "styrkoll/analysis.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"
#include "styrkoll/scan.h"
#include "styrkoll/text.h"
#include "styrkoll/version.h"

struct styrkoll_engine {
  std::shared_ptr<const styrkoll::Engine> engine;
  std::string rules_dir;
};

struct styrkoll_result {
  styrkoll::Document doc;
  styrkoll::DocumentAnalysis analysis;
  std::string json;
  std::vector<std::vector<std::string>> sections;  // per perspective, per evidence: joined heading path
};

namespace {

thread_local std::string t_last_error;

int fail(int code, std::string message) {
  t_last_error = std::move(message);
  return code;
}

int ok() {
  t_last_error.clear();
  return STYRKOLL_OK;
}

int code_for(styrkoll::ErrorCode c) {
  using styrkoll::ErrorCode;
  switch (c) {
    case ErrorCode::ok: return STYRKOLL_OK;
    case ErrorCode::unsupported_format: return STYRKOLL_EUNSUPPORTED;
    case ErrorCode::needs_ocr: return STYRKOLL_ENEEDS_OCR;
    case ErrorCode::encrypted: return STYRKOLL_EENCRYPTED;
    case ErrorCode::corrupt:
    case ErrorCode::empty_file: return STYRKOLL_ECORRUPT;
    case ErrorCode::timeout: return STYRKOLL_ETIMEOUT;
    case ErrorCode::io_error: return STYRKOLL_EIO;
    case ErrorCode::invalid_argument: return STYRKOLL_EINVALID_ARGUMENT;
    case ErrorCode::too_large:
    case ErrorCode::internal: return STYRKOLL_ERROR;
  }
  return STYRKOLL_ERROR;
}

// The installed national pack, found relative to this library's own file
// (so an install moved to another prefix still works), then the configured
// install location, then the source tree of a build.
std::string default_rules_dir() {
  if (const char* env = std::getenv("STYRKOLL_RULES"); env && *env) return env;
  std::vector<std::string> candidates;
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&styrkoll_version), &info) && info.dli_fname) {
    std::filesystem::path lib = std::filesystem::path(info.dli_fname).parent_path();
    candidates.push_back((lib / "../share/styrkoll/rules/valfardsbrott").lexically_normal().string());
    candidates.push_back((lib / "../../share/styrkoll/rules/valfardsbrott").lexically_normal().string());
  }
  candidates.push_back(STYRKOLL_INSTALL_RULES_DIR "/valfardsbrott");
  candidates.push_back(STYRKOLL_SOURCE_RULES_DIR "/valfardsbrott");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (std::filesystem::exists(c + "/pack.yaml", ec)) return c;
  }
  return candidates.front();
}

template <typename F>
int guarded(F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return fail(STYRKOLL_ERROR, "out of memory");
  } catch (const std::exception& e) {
    return fail(STYRKOLL_ERROR, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(STYRKOLL_ERROR, "internal error");
  }
}

const styrkoll::PerspectiveResult* perspective(const styrkoll_result* r, size_t i) {
  if (!r || i >= r->analysis.perspectives.size()) return nullptr;
  return &r->analysis.perspectives[i];
}

int finish_result(styrkoll_result** out, const styrkoll_engine* e, styrkoll::Document doc,
                  const styrkoll_analyze_options* options, bool classify_only) {
  auto r = std::make_unique<styrkoll_result>();
  r->doc = std::move(doc);
  std::optional<std::string> override;
  if (options && options->type_override && *options->type_override) {
    override = options->type_override;
    if (*override != "out_of_scope" && !e->engine->pack().find_type(*override)) {
      return fail(STYRKOLL_EINVALID_ARGUMENT, "unknown document type id '" + *override + "'");
    }
  }
  if (classify_only) {
    styrkoll::AnalyzedText text = styrkoll::analyze_document(r->doc, e->engine->lexicon());
    r->analysis.doc_type = e->engine->classify(r->doc, text);
  } else {
    r->analysis = e->engine->analyze(r->doc, override);
  }
  r->json = styrkoll::document_entry_json(r->doc, r->analysis, e->engine->pack());
  for (const auto& p : r->analysis.perspectives) {
    std::vector<std::string> secs;
    for (const auto& ev : p.evidence) {
      std::string s;
      for (const auto& h : ev.section) s += (s.empty() ? "" : " > ") + h;
      secs.push_back(s);
    }
    r->sections.push_back(std::move(secs));
  }
  *out = r.release();
  return ok();
}

styrkoll::IngestOptions ingest_options(const styrkoll_analyze_options* o) {
  styrkoll::IngestOptions io;
  if (o && o->version >= 1 && o->max_file_mb > 0) io.max_file_bytes = static_cast<std::uint64_t>(o->max_file_mb) << 20;
  return io;
}

}  // namespace

extern "C" {

const char* styrkoll_version(void) {
  static const std::string v(styrkoll::library_version());
  return v.c_str();
}

const char* styrkoll_last_error(void) { return t_last_error.c_str(); }

const char* styrkoll_coverage_name(int c) {
  switch (c) {
    case STYRKOLL_MISSING: return "missing";
    case STYRKOLL_WEAK: return "weak";
    case STYRKOLL_STRONG: return "strong";
    default: return "";
  }
}

void styrkoll_string_free(char* s) { std::free(s); }

int styrkoll_engine_new(styrkoll_engine** out, const char* rules_dir) {
  if (!out) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_engine_new: out is NULL");
  *out = nullptr;
  return guarded([&] {
    std::string dir = rules_dir && *rules_dir ? rules_dir : default_rules_dir();
    auto pack = styrkoll::RulePack::load(dir);
    if (!pack.ok()) return fail(STYRKOLL_EINVALID_RULES, pack.status().message());
    auto lexicon = styrkoll::Lexicon::shared();
    if (!lexicon) return fail(STYRKOLL_EIO, "the Swedish dictionary (hunspell-sv-se) is missing");
    auto engine = styrkoll::Engine::create(pack.value(), lexicon);
    if (!engine.ok()) return fail(STYRKOLL_EINVALID_RULES, dir + ": " + engine.status().message());
    *out = new styrkoll_engine{engine.value(), dir};
    return ok();
  });
}

void styrkoll_engine_free(styrkoll_engine* engine) { delete engine; }

const char* styrkoll_engine_rules_id(const styrkoll_engine* e) { return e ? e->engine->pack().id().c_str() : ""; }
const char* styrkoll_engine_rules_version(const styrkoll_engine* e) { return e ? e->engine->pack().version().c_str() : ""; }
const char* styrkoll_engine_rules_hash(const styrkoll_engine* e) { return e ? e->engine->pack().hash().c_str() : ""; }

int styrkoll_analyze_file(styrkoll_result** out, const styrkoll_engine* e, const char* path,
                          const styrkoll_analyze_options* options) {
  if (!out) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_analyze_file: out is NULL");
  *out = nullptr;
  if (!e || !path) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_analyze_file: engine and path are required");
  return guarded([&] {
    auto doc = styrkoll::ingest_file(path, ingest_options(options));
    if (!doc.ok()) return fail(code_for(doc.status().code()), doc.status().message());
    return finish_result(out, e, std::move(doc).value(), options, false);
  });
}

int styrkoll_analyze_buffer(styrkoll_result** out, const styrkoll_engine* e, const void* data, size_t size,
                            const char* name, const char* format_hint, const styrkoll_analyze_options* options) {
  if (!out) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_analyze_buffer: out is NULL");
  *out = nullptr;
  if (!e || (!data && size > 0)) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_analyze_buffer: engine and data are required");
  return guarded([&] {
    styrkoll::Format f = styrkoll::Format::unknown;
    if (format_hint && *format_hint) {
      std::string h = format_hint;
      for (styrkoll::Format k : {styrkoll::Format::pdf, styrkoll::Format::docx, styrkoll::Format::odt, styrkoll::Format::html,
                                 styrkoll::Format::markdown, styrkoll::Format::txt}) {
        if (styrkoll::format_name(k) == h) f = k;
      }
      if (h == "md") f = styrkoll::Format::markdown;
      if (f == styrkoll::Format::unknown) return fail(STYRKOLL_EINVALID_ARGUMENT, "unknown format hint '" + h + "'");
    }
    std::string_view bytes(static_cast<const char*>(data ? data : ""), size);
    auto doc = styrkoll::ingest_memory(bytes, name ? name : "", f, ingest_options(options));
    if (!doc.ok()) return fail(code_for(doc.status().code()), doc.status().message());
    return finish_result(out, e, std::move(doc).value(), options, false);
  });
}

int styrkoll_classify_file(styrkoll_result** out, const styrkoll_engine* e, const char* path) {
  if (!out) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_classify_file: out is NULL");
  *out = nullptr;
  if (!e || !path) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_classify_file: engine and path are required");
  return guarded([&] {
    auto doc = styrkoll::ingest_file(path);
    if (!doc.ok()) return fail(code_for(doc.status().code()), doc.status().message());
    return finish_result(out, e, std::move(doc).value(), nullptr, true);
  });
}

void styrkoll_result_free(styrkoll_result* r) { delete r; }

const char* styrkoll_result_doc_type(const styrkoll_result* r) { return r ? r->analysis.doc_type.type_id.c_str() : ""; }
double styrkoll_result_doc_type_confidence(const styrkoll_result* r) { return r ? r->analysis.doc_type.confidence : 0; }
int styrkoll_result_wc_explicit(const styrkoll_result* r) { return r ? static_cast<int>(r->analysis.wc_explicit) : 0; }
double styrkoll_result_coverage_score(const styrkoll_result* r) { return r ? r->analysis.coverage_score : 0; }
size_t styrkoll_result_perspective_count(const styrkoll_result* r) { return r ? r->analysis.perspectives.size() : 0; }

const char* styrkoll_result_perspective_id(const styrkoll_result* r, size_t i) {
  const auto* p = perspective(r, i);
  return p ? p->id.c_str() : nullptr;
}
int styrkoll_result_perspective_coverage(const styrkoll_result* r, size_t i) {
  const auto* p = perspective(r, i);
  return p ? static_cast<int>(p->coverage) : STYRKOLL_MISSING;
}
const char* styrkoll_result_perspective_reason(const styrkoll_result* r, size_t i) {
  const auto* p = perspective(r, i);
  return p ? (p->reasons.empty() ? "" : p->reasons.front().c_str()) : nullptr;
}
const char* styrkoll_result_perspective_recommendation(const styrkoll_result* r, size_t i) {
  const auto* p = perspective(r, i);
  return p ? p->recommendation.c_str() : nullptr;
}
size_t styrkoll_result_evidence_count(const styrkoll_result* r, size_t i) {
  const auto* p = perspective(r, i);
  return p ? p->evidence.size() : 0;
}
int styrkoll_result_evidence(styrkoll_evidence* out, const styrkoll_result* r, size_t i, size_t j) {
  const auto* p = perspective(r, i);
  if (!out || !p || j >= p->evidence.size()) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_result_evidence: index out of range");
  const auto& e = p->evidence[j];
  out->page = e.page;
  out->section = r->sections[i][j].c_str();
  out->quote = e.quote.c_str();
  out->char_start = e.char_start;
  out->char_end = e.char_end;
  return ok();
}
const char* styrkoll_result_json(const styrkoll_result* r) { return r ? r->json.c_str() : nullptr; }

int styrkoll_scan(char** report_json, const styrkoll_engine* e, const char* const* paths, size_t path_count,
                  const styrkoll_scan_options* options, styrkoll_progress_fn progress, void* payload) {
  if (!report_json) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_scan: report_json is NULL");
  *report_json = nullptr;
  if (!e || !paths || path_count == 0) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_scan: engine and paths are required");
  return guarded([&] {
    styrkoll::ScanOptions so;
    for (size_t i = 0; i < path_count; ++i) {
      if (!paths[i]) return fail(STYRKOLL_EINVALID_ARGUMENT, "styrkoll_scan: paths[" + std::to_string(i) + "] is NULL");
      so.roots.emplace_back(paths[i]);
    }
    so.rules_dir = e->rules_dir;
    so.in_process = true;
    if (options && options->version >= 1) {
      if (options->cache_path) so.cache_path = options->cache_path;
      if (options->manifest_path) so.manifest = std::string(options->manifest_path);
      so.in_process = options->isolate == 0;
      so.workers = options->workers;
      if (options->timeout_s > 0) so.timeout_s = options->timeout_s;
    }
    std::atomic<bool> cancel{false};
    so.cancel = &cancel;
    if (progress) {
      so.progress = [&](const styrkoll::ScanProgress& p) {
        if (progress(p.done, p.total, p.last_path.c_str(), payload) != 0) cancel.store(true);
      };
    }
    auto r = styrkoll::run_scan(so);
    if (!r.ok()) {
      return fail(r.status().code() == styrkoll::ErrorCode::invalid_argument ? STYRKOLL_EINVALID_ARGUMENT : code_for(r.status().code()),
                  r.status().message());
    }
    if (r.value().cancelled) return fail(STYRKOLL_ECANCELLED, "the scan was cancelled by the progress callback");
    const std::string& j = r.value().report_json;
    char* s = static_cast<char*>(std::malloc(j.size() + 1));
    if (!s) return fail(STYRKOLL_ERROR, "out of memory");
    std::memcpy(s, j.c_str(), j.size() + 1);
    *report_json = s;
    return ok();
  });
}

}  // extern "C"
