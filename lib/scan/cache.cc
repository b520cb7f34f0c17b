#include "scan/cache.h"

#include <sqlite3.h>

#include <memory>

#include "styrkoll/version.h"

namespace styrkoll::scan {

namespace {

// Cached documents and results are only valid for the code that made them.
// The library version alone does not change between releases, so bump
// kOutputRevision whenever ingestion or the shape of a result entry changes
// (2: reading warnings in result entries and documents cut by nesting limits;
// 3: documents in a binary encoding).
constexpr int kOutputRevision = 3;
std::string engine_key() { return std::string(library_version()) + "/r" + std::to_string(kOutputRevision); }

// A reused prepared statement, reset when the use ends.
struct Stmt {
  sqlite3_stmt* s = nullptr;
  explicit Stmt(sqlite3_stmt* prepared) : s(prepared) {}
  ~Stmt() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
  void bind(int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
};

}  // namespace

Result<std::unique_ptr<Cache>> Cache::open(const std::string& path) {
  std::unique_ptr<Cache> c(new Cache());
  if (sqlite3_open(path.c_str(), &c->db_) != SQLITE_OK) {
    std::string msg = c->db_ ? sqlite3_errmsg(c->db_) : "out of memory";
    return Status(ErrorCode::io_error, path + ": cannot open the scan cache: " + msg);
  }
  const char* schema =
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=NORMAL;"
      // Checkpoints (the WAL copied into the database, with an fsync) every
      // 40 MB instead of every 4 MB: a re-scan's results are written without
      // one, and the checkpoint when the cache is closed goes on beside the
      // report (scan.cc). The WAL stays bounded.
      "PRAGMA wal_autocheckpoint=10000;"
      "CREATE TABLE IF NOT EXISTS documents(sha256 TEXT NOT NULL, engine TEXT NOT NULL, document TEXT NOT NULL,"
      " PRIMARY KEY(sha256, engine));"
      "CREATE TABLE IF NOT EXISTS results(sha256 TEXT NOT NULL, engine TEXT NOT NULL, pack TEXT NOT NULL,"
      " type TEXT NOT NULL, result TEXT NOT NULL, PRIMARY KEY(sha256, engine, pack, type));"
      "CREATE INDEX IF NOT EXISTS results_by_pack ON results(engine, pack);"
      "CREATE TABLE IF NOT EXISTS lexicon(id INTEGER PRIMARY KEY, engine TEXT NOT NULL, batch TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
      " sha256 TEXT NOT NULL);";
  char* err = nullptr;
  if (sqlite3_exec(c->db_, schema, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status(ErrorCode::io_error, path + ": not a usable scan cache: " + msg);
  }
  return c;
}

Result<std::unique_ptr<Cache>> Cache::open_reader(const std::string& path) {
  std::unique_ptr<Cache> c(new Cache());
  if (sqlite3_open_v2(path.c_str(), &c->db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = c->db_ ? sqlite3_errmsg(c->db_) : "out of memory";
    return Status(ErrorCode::io_error, path + ": cannot open the scan cache: " + msg);
  }
  // A checkpoint or the writer's WAL recovery can briefly lock readers out.
  sqlite3_busy_timeout(c->db_, 10000);
  return c;
}

// Writes are batched into one transaction until commit(): one fsync per batch, not per row.
void Cache::begin() {
  if (in_tx_) return;
  sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
  in_tx_ = true;
}

Cache::~Cache() {
  if (db_) {
    commit();
    for (auto* st : stmts_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
}

sqlite3_stmt* Cache::prepared(int which, const char* sql) const {
  if (!stmts_[which]) sqlite3_prepare_v2(db_, sql, -1, &stmts_[which], nullptr);
  return stmts_[which];
}

std::optional<std::string> Cache::result(const std::string& sha, const std::string& pack_hash, const std::string& type) const {
  Stmt st(prepared(0, "SELECT result FROM results WHERE sha256=?1 AND engine=?2 AND pack=?3 AND type=?4"));
  st.bind(1, sha);
  st.bind(2, engine_key());
  st.bind(3, pack_hash);
  st.bind(4, type);
  if (sqlite3_step(st.s) != SQLITE_ROW) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
}

std::optional<std::string> Cache::document(const std::string& sha) const {
  Stmt st(prepared(1, "SELECT document FROM documents WHERE sha256=?1 AND engine=?2"));
  st.bind(1, sha);
  st.bind(2, engine_key());
  if (sqlite3_step(st.s) != SQLITE_ROW) return std::nullopt;
  const void* p = sqlite3_column_blob(st.s, 0);
  return std::string(static_cast<const char*>(p), p ? static_cast<std::size_t>(sqlite3_column_bytes(st.s, 0)) : 0);
}

std::set<std::string> Cache::document_hashes() const {
  std::set<std::string> out;
  Stmt st(prepared(8, "SELECT sha256 FROM documents WHERE engine=?1"));
  st.bind(1, engine_key());
  while (sqlite3_step(st.s) == SQLITE_ROW) out.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
  return out;
}

void Cache::put_result(const std::string& sha, const std::string& pack_hash, const std::string& type, const std::string& json) {
  begin();
  Stmt st(prepared(2, "INSERT OR REPLACE INTO results VALUES(?1, ?2, ?3, ?4, ?5)"));
  st.bind(1, sha);
  st.bind(2, engine_key());
  st.bind(3, pack_hash);
  st.bind(4, type);
  st.bind(5, json);
  sqlite3_step(st.s);
  // One rule pack's results per document: those of earlier packs and engine
  // versions are never served again, and would make the cache grow with
  // every rule change.
  Stmt old(prepared(11, "DELETE FROM results WHERE sha256=?1 AND NOT (engine=?2 AND pack=?3)"));
  old.bind(1, sha);
  old.bind(2, engine_key());
  old.bind(3, pack_hash);
  sqlite3_step(old.s);
}

void Cache::put_document(const std::string& sha, const std::string& row) {
  begin();
  Stmt st(prepared(3, "INSERT OR REPLACE INTO documents VALUES(?1, ?2, ?3)"));
  st.bind(1, sha);
  st.bind(2, engine_key());
  sqlite3_bind_blob(st.s, 3, row.data(), static_cast<int>(row.size()), SQLITE_TRANSIENT);
  sqlite3_step(st.s);
  Stmt old(prepared(12, "DELETE FROM documents WHERE sha256=?1 AND engine<>?2"));
  old.bind(1, sha);
  old.bind(2, engine_key());
  sqlite3_step(old.s);
}

void Cache::preload_file_hashes() {
  Stmt st(prepared(9, "SELECT path, size, mtime, sha256 FROM files"));
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    files_[reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0))] =
        FileRow{sqlite3_column_int64(st.s, 1), sqlite3_column_int64(st.s, 2),
                reinterpret_cast<const char*>(sqlite3_column_text(st.s, 3))};
  }
  files_preloaded_ = true;
}

std::unordered_map<std::string, std::string> Cache::results_for(const std::string& pack_hash,
                                                                const std::unordered_set<std::string>& shas) const {
  std::unordered_map<std::string, std::string> out;
  Stmt st(prepared(10, "SELECT sha256, type, result FROM results WHERE engine=?1 AND pack=?2"));
  st.bind(1, engine_key());
  st.bind(2, pack_hash);
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    std::string sha(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
    if (!shas.count(sha)) continue;
    out.emplace(result_key(sha, reinterpret_cast<const char*>(sqlite3_column_text(st.s, 1))),
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 2)),
                            static_cast<std::size_t>(sqlite3_column_bytes(st.s, 2))));
  }
  return out;
}

std::optional<std::string> Cache::file_hash(const std::string& path, std::int64_t size, std::int64_t mtime_ns) const {
  if (files_preloaded_) {
    auto it = files_.find(path);
    if (it == files_.end() || it->second.size != size || it->second.mtime_ns != mtime_ns) return std::nullopt;
    return it->second.sha;
  }
  Stmt st(prepared(4, "SELECT sha256 FROM files WHERE path=?1 AND size=?2 AND mtime=?3"));
  st.bind(1, path);
  sqlite3_bind_int64(st.s, 2, size);
  sqlite3_bind_int64(st.s, 3, mtime_ns);
  if (sqlite3_step(st.s) != SQLITE_ROW) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
}

void Cache::put_file_hash(const std::string& path, std::int64_t size, std::int64_t mtime_ns, const std::string& sha) {
  if (files_preloaded_) files_[path] = FileRow{size, mtime_ns, sha};
  begin();
  Stmt st(prepared(5, "INSERT OR REPLACE INTO files VALUES(?1, ?2, ?3, ?4)"));
  st.bind(1, path);
  sqlite3_bind_int64(st.s, 2, size);
  sqlite3_bind_int64(st.s, 3, mtime_ns);
  st.bind(4, sha);
  sqlite3_step(st.s);
}

std::vector<std::string> Cache::lexicon_batches() const {
  std::vector<std::string> out;
  Stmt st(prepared(6, "SELECT batch FROM lexicon WHERE engine=?1 ORDER BY id"));
  st.bind(1, engine_key());
  while (sqlite3_step(st.s) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
  return out;
}

void Cache::put_lexicon_batch(const std::string& json) {
  begin();
  Stmt st(prepared(7, "INSERT INTO lexicon(engine, batch) VALUES(?1, ?2)"));
  st.bind(1, engine_key());
  st.bind(2, json);
  sqlite3_step(st.s);
}

void Cache::commit() {
  if (in_tx_) {
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    in_tx_ = false;
  }
}

}  // namespace styrkoll::scan
