// Scanning an archive: walk folders, read every document once (duplicates by
// content hash), analyse in isolated worker processes, cache results, and
// build the report (JSON, styrkoll.report/1; see docs/report-schema.md).
//
// Fault isolation: documents are parsed and analysed in worker processes
// (fork) with a per-document time limit and an address-space limit; a
// document that crashes or hangs a worker is reported with its error and
// the worker is replaced. Results are written to the SQLite cache as they
// arrive, so an interrupted scan resumes where it stopped.
//
// Thread-safety: run_scan() forks; call it from a process that has no other
// threads running (the CLI, or a dedicated helper process when embedding).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "styrkoll/status.h"

namespace styrkoll {

class Document;
class RulePack;
struct DocumentAnalysis;

struct ScanProgress {
  std::size_t total = 0;      // files to process (after duplicates)
  std::size_t done = 0;       // finished (analysed, cached or failed)
  std::size_t from_cache = 0;
  std::size_t failed = 0;
  double elapsed_s = 0;
  std::string last_path;
};

struct ScanOptions {
  std::vector<std::string> roots;       // files or folders
  std::string rules_dir;                // rule pack
  std::string cache_path;               // SQLite file; empty = no cache
  std::optional<std::string> manifest;  // path -> type overrides (CSV or YAML)
  std::optional<std::string> assessments;  // the coordinator's assessments (YAML)
  std::optional<std::string> baseline;     // an earlier report to compare with
  int workers = 0;                      // 0 = one per core
  int timeout_s = 120;                  // per document
  std::uint64_t memory_limit_bytes = 3ull << 30;  // per worker (address space); 0 = unlimited
  std::string shard;                    // "I/N": only the documents of shard I (1-based) of N
  std::function<void(const ScanProgress&)> progress;  // called from the scanning thread
  const std::atomic<bool>* cancel = nullptr;          // set to stop early (results so far are cached)
  // Analyse in the calling process, one document after another: no fork,
  // so safe in a multi-threaded host, but no protection against a document
  // that crashes or hangs the parser (timeout_s and memory_limit are ignored).
  bool in_process = false;
  // Also keep the report as the renderers read it (ScanResult::model), for
  // render_reports(ScanResult): costs memory about the size of the JSON.
  bool keep_report_model = false;
};

namespace report {
struct Report;  // the report read into plain values (internal, opaque here)
}

struct ScanResult {
  std::string report_json;  // the whole report (styrkoll.report/1)
  // The same report as the renderers read it, built while the JSON was
  // assembled, so render_reports(ScanResult) need not parse the JSON again.
  std::shared_ptr<const report::Report> model;
  bool cancelled = false;
  std::size_t open_missing = 0, open_weak = 0;  // gaps without an assessment
  std::vector<std::string> problems;            // walk problems (unreadable folders, symlink loops)
};

// Errors: invalid_argument (bad rule pack, manifest, assessments, shard), io_error (cache, roots).
Result<ScanResult> run_scan(const ScanOptions& options);

// One document's entry of the report (`documents[]` of the schema) as JSON
// text, fingerprints included (the document identity is its file name).
// The CLI's `check --json` and the C API print exactly this.
std::string document_entry_json(const Document& doc, const DocumentAnalysis& analysis, const RulePack& pack);

// Merges the reports of shards of one archive (`scan --shard I/N`) into the
// report a single scan would have written: documents united (a document
// found in several shards counts once, the others as its duplicates), the
// archive section recomputed. All reports must come from the same rule pack.
// Errors: invalid_argument naming the offending report.
Result<std::string> merge_reports(const std::vector<std::string>& report_jsons, const std::string& rules_dir);

// Compares two reports (JSON texts) by finding fingerprints; returns the
// `baseline` object of the report schema as JSON text.
Result<std::string> diff_reports(const std::string& old_report_json, const std::string& new_report_json);

}  // namespace styrkoll
