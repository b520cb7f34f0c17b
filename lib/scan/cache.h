// The scan cache (SQLite): extracted documents keyed by content hash and
// engine version, and analysis results keyed additionally by rule-pack hash
// and type override. An unchanged archive re-scans without parsing; a
// changed rule pack re-analyses cached text without parsing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "styrkoll/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace styrkoll::scan {

class Cache {
 public:
  // Opens (creating) the cache file. Errors: io_error naming the file.
  static Result<std::unique_ptr<Cache>> open(const std::string& path);
  // A read-only connection to an existing cache, for worker processes that
  // read their cached documents while the scan writes results (WAL: readers
  // and the writer do not block each other). Only the reading calls may be
  // used. Errors: io_error naming the file.
  static Result<std::unique_ptr<Cache>> open_reader(const std::string& path);
  ~Cache();

  std::optional<std::string> result(const std::string& sha, const std::string& pack_hash, const std::string& type) const;
  std::optional<std::string> document(const std::string& sha) const;
  // The content hashes of every cached document (of this engine).
  std::set<std::string> document_hashes() const;
  // Storing a result drops the document's results of other rule packs and
  // engine versions (they are never served again); storing a document drops
  // its encodings by other engine versions.
  void put_result(const std::string& sha, const std::string& pack_hash, const std::string& type, const std::string& json);
  // `row`: encode_cached_document()'s bytes.
  void put_document(const std::string& sha, const std::string& row);
  // The content hash of a file seen before with the same size and
  // modification time (so a warm re-scan does not read every file again).
  std::optional<std::string> file_hash(const std::string& path, std::int64_t size, std::int64_t mtime_ns) const;
  void put_file_hash(const std::string& path, std::int64_t size, std::int64_t mtime_ns, const std::string& sha);
  // Large archives: reads every file row in one query, so that file_hash()
  // answers from memory (thousands of single lookups cost more).
  void preload_file_hashes();
  // The results of this rule pack for the given content hashes, in one
  // query; keyed by result_key(sha, type).
  std::unordered_map<std::string, std::string> results_for(const std::string& pack_hash,
                                                           const std::unordered_set<std::string>& shas) const;
  static std::string result_key(const std::string& sha, const std::string& type) { return sha + "\n" + type; }
  // The lexicon's word analyses of earlier scans (JSON text per batch).
  std::vector<std::string> lexicon_batches() const;
  void put_lexicon_batch(const std::string& json);
  // Groups writes; commit() makes them durable (called every few documents).
  void commit();

 private:
  Cache() = default;
  // A statement prepared once and reused (thousands of lookups per scan).
  sqlite3_stmt* prepared(int which, const char* sql) const;
  sqlite3* db_ = nullptr;
  mutable sqlite3_stmt* stmts_[13] = {};
  void begin();
  bool in_tx_ = false;
  struct FileRow {
    std::int64_t size, mtime_ns;
    std::string sha;
  };
  bool files_preloaded_ = false;
  std::unordered_map<std::string, FileRow> files_;
};

}  // namespace styrkoll::scan
