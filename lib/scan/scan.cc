#include "styrkoll/scan.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/sha256.h"
#include "core/file_io.h"
#include "styrkoll/ingest.h"
#include "scan/cache.h"
#include "scan/document_codec.h"
#include "scan/report_builder.h"
#include "scan/workers.h"
#include "report/report_model.h"
#include "styrkoll/analysis.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/version.h"

namespace styrkoll {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct Found {
  std::string path;      // as reported
  std::string identity;  // relative to its root
};

// A walked file's path relative to its root. The iterator builds every path
// as root/relative, so the identity is the text after the root; unlike
// fs::relative this costs no system calls (fs::relative resolves both paths:
// a third of a warm re-scan's time) and a file reached through a symlink keeps
// the name it has in the archive.
std::string identity_under(const fs::path& file, const std::string& root_prefix) {
  std::string p = file.generic_string();
  if (p.compare(0, root_prefix.size(), root_prefix) == 0) {
    std::size_t k = root_prefix.size();
    while (k < p.size() && p[k] == '/') ++k;
    if (k < p.size() && (k > root_prefix.size() || root_prefix.empty() || root_prefix.back() == '/')) return p.substr(k);
  }
  std::error_code ec;
  return fs::relative(file, fs::path(root_prefix), ec).generic_string();
}

// Regular files under the roots. Directory symlinks are not followed (no
// loops); unreadable entries are recorded as problems; hidden files skipped.
std::vector<Found> walk(const std::vector<std::string>& roots, std::vector<std::string>& problems) {
  std::vector<Found> out;
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::file_status st = fs::status(root, ec);
    if (ec) {
      problems.push_back(root + ": " + ec.message());
      continue;
    }
    if (fs::is_regular_file(st)) {
      out.push_back({root, fs::path(root).filename().string()});
      continue;
    }
    if (!fs::is_directory(st)) {
      problems.push_back(root + ": not a file or folder");
      continue;
    }
    const std::string root_prefix = fs::path(root).generic_string();
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      problems.push_back(root + ": " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        problems.push_back(it->path().string() + ": " + ec.message());
        ec.clear();
        continue;
      }
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      std::error_code fec;
      if (it->is_symlink(fec) && it->is_directory(fec)) continue;  // never follow directory links
      if (!it->is_regular_file(fec)) continue;
      if (::access(it->path().c_str(), R_OK) != 0) {
        problems.push_back(it->path().string() + ": not readable (permission denied)");
        continue;
      }
      out.push_back({it->path().string(), identity_under(it->path(), root_prefix)});
    }
  }
  std::sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.path == b.path; }), out.end());
  return out;
}

bool parse_shard(const std::string& s, unsigned& index, unsigned& count) {
  auto slash = s.find('/');
  if (slash == std::string::npos) return false;
  try {
    index = static_cast<unsigned>(std::stoul(s.substr(0, slash)));
    count = static_cast<unsigned>(std::stoul(s.substr(slash + 1)));
  } catch (...) {
    return false;
  }
  return count >= 1 && index >= 1 && index <= count;
}

Result<std::string> read_file(const std::string& path) {
  return core::read_whole_file(path, styrkoll::IngestOptions{}.max_file_bytes);
}

// The lexicon's analyses as JSON: [[word, lemma, [parts], known], ...].
std::string encode_analyses(const std::vector<std::pair<std::string, WordAnalysis>>& list) {
  json::array a;
  a.reserve(list.size());
  for (const auto& [word, w] : list) {
    json::array parts;
    for (const auto& p : w.parts) parts.emplace_back(p);
    a.push_back(json::array{json::string(word), json::string(w.lemma), std::move(parts), w.known});
  }
  return json::serialize(a);
}

void decode_analyses(const std::string& text, std::vector<std::pair<std::string, WordAnalysis>>& out) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return;
  for (const auto& e : v.as_array()) {
    const json::array* row = e.if_array();
    if (!row || row->size() != 4 || !(*row)[0].is_string() || !(*row)[1].is_string() || !(*row)[2].is_array()) continue;
    WordAnalysis w;
    w.lemma = std::string((*row)[1].as_string());
    for (const auto& p : (*row)[2].as_array()) {
      if (p.is_string()) w.parts.emplace_back(p.as_string());
    }
    w.known = (*row)[3].is_bool() && (*row)[3].as_bool();
    if (w.parts.empty()) continue;
    out.emplace_back(std::string((*row)[0].as_string()), std::move(w));
  }
}

}  // namespace

Result<ScanResult> run_scan(const ScanOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  // STYRKOLL_TRACE_PHASES=1: when each phase of the scan ended, on stderr (for performance work).
  const bool trace = [] { const char* e = std::getenv("STYRKOLL_TRACE_PHASES"); return e && *e == '1'; }();
  auto phase = [&](const char* name) {
    if (!trace) return;
    long pages = 0, resident = 0;  // this process's resident memory now
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
      std::fclose(f);
    }
    std::fprintf(stderr, "phase %-17s %7.3f s %6.1f MB\n", name,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                 static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1e6);
  };
  std::string started = now_iso();
  // The rule pack (YAML files: a tenth of a warm re-scan) is read on a
  // second thread while the cache is opened and the archive walked. It is
  // joined before anything needs it, and long before any worker is forked.
  auto pack_loading = std::async(std::launch::async, [&opt] { return RulePack::load(opt.rules_dir); });
  auto fail = [&](Status st) {  // a bad rule pack is the first thing to say
    auto p = pack_loading.get();
    return p.ok() ? st : p.status();
  };
  unsigned shard_index = 1, shard_count = 1;
  if (!opt.shard.empty() && !parse_shard(opt.shard, shard_index, shard_count)) {
    return fail(Status(ErrorCode::invalid_argument, "--shard '" + opt.shard + "': expected I/N with 1 <= I <= N"));
  }
  std::unique_ptr<scan::Cache> cache;
  if (!opt.cache_path.empty()) {
    auto c = scan::Cache::open(opt.cache_path);
    if (!c.ok()) return fail(c.status());
    cache = std::move(c).value();
  }
  phase("cache-open");
  ScanResult result;
  std::vector<Found> files = walk(opt.roots, result.problems);
  phase("walk");
  auto pack = pack_loading.get();
  if (!pack.ok()) return pack.status();
  phase("rules");
  // The engine (lexicon, dictionary when needed, compiled rules: up to
  // ~0.1 s) is built only when some document is not answered by the cache.
  std::shared_ptr<const Engine> engine;
  // `preload` fills the lexicon's cache before the rules are compiled (their
  // terms are words too); `read_dictionary` reads the dictionary before the
  // workers are forked, so they share it instead of each reading its own.
  auto make_engine = [&](const std::function<void(const Lexicon&)>& preload, bool read_dictionary) -> Status {
    if (engine) return Status();
    // A lexicon of this scan's own (not the process-wide one), so that it is
    // freed with the engine before the report is assembled.
    const char* dir = std::getenv("STYRKOLL_HUNSPELL_DIR");
    auto lexicon = Lexicon::open(dir && *dir ? dir : "/usr/share/hunspell");
    if (!lexicon.ok()) return Status(ErrorCode::io_error, "the Swedish dictionary is missing (install hunspell-sv-se): " +
                                                              lexicon.status().message());
    if (read_dictionary) {
      if (Status st = lexicon.value()->load(); !st.ok()) {
        return Status(st.code(), "the Swedish dictionary cannot be read: " + st.message());
      }
    }
    if (preload) preload(*lexicon.value());
    auto e = Engine::create(pack.value(), lexicon.value());
    if (!e.ok()) return e.status();
    engine = e.value();
    return Status();
  };
  if (opt.cache_path.empty()) {
    if (Status st = make_engine(nullptr, true); !st.ok()) return st;
  }
  std::optional<Manifest> manifest;
  if (opt.manifest) {
    auto m = Manifest::load(*opt.manifest, *pack.value());
    if (!m.ok()) return m.status();
    manifest = std::move(m).value();
  }
  std::vector<scan::AssessmentEntry> assessments;
  if (opt.assessments) {
    auto a = scan::load_assessments(*opt.assessments);
    if (!a.ok()) return a.status();
    assessments = std::move(a).value();
  }
  std::optional<json::object> baseline;
  if (opt.baseline) {
    auto text = read_file(*opt.baseline);
    if (!text.ok()) return text.status();
    boost::system::error_code ec;
    json::value v = json::parse(text.value(), ec);
    if (ec || !v.is_object() || !v.as_object().contains("documents")) {
      return Status(ErrorCode::invalid_argument, *opt.baseline + ": not a Styrkoll JSON report");
    }
    baseline = v.as_object();
  }
  if (shard_count > 1) {
    std::vector<Found> mine;
    for (auto& f : files) {
      // Stable by identity: every machine computes the same subset.
      std::string h = core::sha256_hex(f.identity);
      if (std::stoul(h.substr(0, 8), nullptr, 16) % shard_count == shard_index - 1) mine.push_back(std::move(f));
    }
    files = std::move(mine);
  }

  // Hash every file: duplicates are read once, and the hash keys the cache.
  struct Item {
    std::string path, identity, sha, type;
    std::vector<std::string> duplicates;
  };
  std::vector<Item> items;
  std::map<std::string, std::size_t> by_sha;
  std::size_t duplicates = 0;
  struct Unreadable {
    std::string path, identity, entry;  // entry: its error entry as JSON
  };
  std::vector<Unreadable> unreadable;
  // Large archives: one query for every known file and every cached result
  // instead of one per file (a sixth of a warm re-scan of 2,000 documents).
  constexpr std::size_t kBulkFrom = 256;
  if (cache && files.size() >= kBulkFrom) cache->preload_file_hashes();
  for (const Found& f : files) {
    // A file unchanged since the last scan (same size and modification time) keeps its hash.
    struct stat st {};
    std::string sha;
    std::string abs = fs::absolute(f.path).lexically_normal().string();
    bool stat_ok = ::stat(f.path.c_str(), &st) == 0;
    std::int64_t mtime = stat_ok ? static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec : 0;
    if (cache && stat_ok) sha = cache->file_hash(abs, st.st_size, mtime).value_or("");
    if (sha.empty()) {
      auto bytes = read_file(f.path);
      if (!bytes.ok()) {
        unreadable.push_back({f.path, f.identity,
                              json::serialize(scan::error_entry(f.path, "", std::string(error_code_name(bytes.status().code())),
                                                                bytes.status().message()))});
        continue;
      }
      sha = core::sha256_hex(bytes.value());
      if (cache && stat_ok) cache->put_file_hash(abs, st.st_size, mtime, sha);
    }
    if (auto it = by_sha.find(sha); it != by_sha.end()) {
      items[it->second].duplicates.push_back(f.path);
      ++duplicates;
      continue;
    }
    by_sha[sha] = items.size();
    std::string type = manifest ? manifest->type_for(f.path).value_or("") : "";
    items.push_back({f.path, f.identity, sha, type, {}});
  }

  if (cache) cache->commit();
  ScanProgress progress;
  phase("hash");
  progress.total = items.size();
  auto report_progress = [&](const std::string& path) {
    progress.last_path = path;
    progress.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opt.progress) opt.progress(progress);
  };
  // Entries are kept as JSON text (compact) until the report is assembled.
  std::vector<std::optional<std::string>> entries(items.size());
  // The document's own status is the entry's first "status" key (its
  // fields come in a fixed order and strings cannot hold an unescaped
  // quote): found in the first few hundred bytes, not after a scan of the
  // whole entry (15 MB for 2,000 documents in a warm re-scan).
  auto failed_entry = [](const std::string& text) {
    std::size_t k = text.find("\"status\":\"");
    return k != std::string::npos && text.compare(k + 10, 6, "error\"") == 0;
  };
  auto finish_item = [&](std::size_t i, std::string entry, bool failed) {
    entries[i] = std::move(entry);
    ++progress.done;
    if (failed) ++progress.failed;
    report_progress(items[i].path);
  };

  // Cached results first: an unchanged archive needs no worker at all.
  std::deque<std::size_t> pending;
  const std::string& pack_hash = pack.value()->hash();
  std::optional<std::unordered_map<std::string, std::string>> bulk;
  if (cache && items.size() >= kBulkFrom) {
    std::unordered_set<std::string> shas;
    for (const Item& it : items) shas.insert(it.sha);
    bulk = cache->results_for(pack_hash, shas);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (cache) {
      std::optional<std::string> r;
      if (bulk) {
        if (auto hit = bulk->find(scan::Cache::result_key(items[i].sha, items[i].type)); hit != bulk->end()) {
          r = std::move(hit->second);
        }
      } else {
        r = cache->result(items[i].sha, pack_hash, items[i].type);
      }
      if (r) {
        ++progress.from_cache;
        bool failed = failed_entry(*r);
        finish_item(i, std::move(*r), failed);
        continue;
      }
    }
    pending.push_back(i);
  }
  bulk.reset();
  phase("cached-results");

  // The vocabulary of earlier scans: workers start with a warm lexicon.
  std::set<std::string> with_text;  // content hashes of the cached documents
  if (!pending.empty()) {
    // Documents whose text is cached (a rule change) were analysed before:
    // their words are in the preloaded vocabulary and the dictionary is only
    // read if a word is not. New documents bring new words: read it once,
    // here, before the workers are forked.
    bool new_text = !cache;
    if (cache) {
      with_text = cache->document_hashes();
      for (std::size_t i : pending) new_text = new_text || !with_text.count(items[i].sha);
    }
    auto preload = [&](const Lexicon& lexicon) {
      if (!cache) return;
      std::vector<std::pair<std::string, WordAnalysis>> analyses;
      for (const auto& batch : cache->lexicon_batches()) decode_analyses(batch, analyses);
      lexicon.preload(analyses);
    };
    if (Status st = make_engine(preload, new_text); !st.ok()) return st;
  }
  phase("engine");
  std::map<std::string, WordAnalysis> learned;
  // Lives until the report is built: reaping the exited workers (the kernel
  // frees their memory) then overlaps with building it.
  std::unique_ptr<scan::WorkerPool> pool_holder;
  int workers_used = 1;
  if (!pending.empty() && opt.in_process) {
    while (!pending.empty()) {
      if (opt.cancel && opt.cancel->load()) {
        result.cancelled = true;
        break;
      }
      std::size_t i = pending.front();
      pending.pop_front();
      std::string cached = cache ? cache->document(items[i].sha).value_or("") : "";
      scan::Response resp = scan::handle_request(*engine, scan::make_request(items[i].path, items[i].sha, items[i].type), cached);
      if (cache) {
        if (!resp.document.empty()) cache->put_document(items[i].sha, resp.document);
        cache->put_result(items[i].sha, pack_hash, items[i].type, resp.entry);
        cache->commit();
      }
      bool failed = failed_entry(resp.entry);
      finish_item(i, std::move(resp.entry), failed);
    }
    if (cache) {
      for (auto& a : engine->lexicon().new_analyses()) learned.emplace(a.first, std::move(a.second));
    }
  }

  if (!pending.empty() && !opt.in_process) {
    int workers = opt.workers > 0 ? opt.workers : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    workers = std::min<int>(workers, static_cast<int>(pending.size()));
    workers_used = workers;
    std::function<std::string()> farewell;
    if (cache) farewell = [&]() { return encode_analyses(engine->lexicon().new_analyses()); };
    // Workers read cached documents from the cache themselves: the parent
    // would otherwise read every one and copy it through a pipe, serial
    // work that kept the workers of a rule-change re-scan waiting.
    pool_holder = std::make_unique<scan::WorkerPool>(engine, workers, opt.timeout_s, opt.memory_limit_bytes, farewell,
                                                     cache ? opt.cache_path : std::string());
    scan::WorkerPool& pool = *pool_holder;
    auto last_commit = std::chrono::steady_clock::now();
    std::optional<scan::Job> next;  // made, not yet taken by the pool
    while (!pending.empty() || next || pool.busy() > 0) {
      if (opt.cancel && opt.cancel->load()) {
        result.cancelled = true;
        break;
      }
      for (;;) {
        if (!next) {
          if (pending.empty()) break;
          std::size_t i = pending.front();
          pending.pop_front();
          bool cached = with_text.count(items[i].sha) > 0;
          next = scan::Job{i, scan::make_request(items[i].path, items[i].sha, items[i].type, cached), "", cached};
        }
        if (!pool.can_take(*next)) break;
        pool.submit(std::move(*next));
        next.reset();
      }
      for (scan::JobResult& r : pool.collect(std::chrono::milliseconds(200))) {
        std::size_t i = r.index;
        if (r.retry) {  // queued behind a document that crashed or hung its worker
          pending.push_front(i);
          continue;
        }
        if (!r.ok) {
          std::string e = json::serialize(
              scan::error_entry(items[i].path, items[i].sha, r.error_code, items[i].path + ": " + r.error_message));
          if (cache) {
            cache->put_result(items[i].sha, pack_hash, items[i].type, e);
            cache->commit();
          }
          finish_item(i, std::move(e), true);
          continue;
        }
        if (r.entry.empty() || r.entry.front() != '{') {
          finish_item(i, json::serialize(scan::error_entry(items[i].path, items[i].sha, "internal", "unreadable worker response")), true);
          continue;
        }
        if (cache) {
          if (!r.document.empty()) cache->put_document(items[i].sha, r.document);
          cache->put_result(items[i].sha, pack_hash, items[i].type, r.entry);
        }
        bool failed = failed_entry(r.entry);
        finish_item(i, std::move(r.entry), failed);
      }
      // Durable within a quarter of a second (and at once on an interrupt,
      // below): a killed scan loses at most that much finished work, and a
      // fast re-analysis (a rule change: ~0.3 ms per document) does not pay
      // a commit per document.
      if (cache && std::chrono::steady_clock::now() - last_commit >= std::chrono::milliseconds(250)) {
        cache->commit();
        last_commit = std::chrono::steady_clock::now();
      }
    }
    if (cache && !result.cancelled) {
      for (const std::string& dump : pool.shutdown()) {
        std::vector<std::pair<std::string, WordAnalysis>> list;
        decode_analyses(dump, list);
        for (auto& a : list) learned.emplace(a.first, std::move(a.second));
      }
    }
  }
  phase("analysed");
  // The cache's last writes (results since the last commit, the vocabulary
  // learned) and its closing checkpoint (the WAL copied into the database
  // file, with an fsync: tens of milliseconds) go to disk on another thread
  // while the report is built: neither needs the other. No worker is forked
  // after this point, so the thread cannot be caught inside SQLite by a fork.
  std::jthread closing;
  if (cache) {
    std::string batch;
    if (!learned.empty()) batch = encode_analyses({learned.begin(), learned.end()});
    closing = std::jthread([c = std::move(cache), batch = std::move(batch)]() mutable {
      if (!batch.empty()) c->put_lexicon_batch(batch);
      c->commit();
      c.reset();
    });
  }

  engine.reset();  // the report needs the rules only; give the engine's memory back first
  phase("vocabulary-queued");

  scan::StreamInput st;
  st.pack = pack.value().get();
  for (auto& u : unreadable) {
    st.paths.push_back(std::move(u.path));
    st.entries.push_back(std::move(u.entry));
    st.duplicates.emplace_back();
    st.identities.push_back(std::move(u.identity));
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!entries[i]) continue;  // cancelled before it ran
    st.entries.push_back(std::move(*entries[i]));
    st.paths.push_back(items[i].path);
    st.duplicates.push_back(items[i].duplicates);
    st.identities.push_back(items[i].identity);
  }
  st.files = files.size();
  st.duplicate_files = duplicates;
  st.roots = opt.roots;
  st.started = started;
  st.finished = now_iso();
  st.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  st.workers = workers_used;
  st.shard = shard_count > 1 ? opt.shard : "";
  st.assessments = assessments;
  if (baseline) st.baseline = &*baseline;
  st.build_model = opt.keep_report_model;
  scan::StreamOutput out = scan::build_report_stream(st);
  phase("report-built");
  result.model = std::move(out.model);
  pool_holder.reset();
  phase("reaped");
  result.open_missing = out.open_missing;
  result.open_weak = out.open_weak;
  result.report_json = std::move(out.report_json);
  if (closing.joinable()) closing.join();
  phase("cache-closed");
  return result;
}

std::string document_entry_json(const Document& doc, const DocumentAnalysis& a, const RulePack& pack) {
  // The same completion as in a scan (fingerprints, field order), for one document.
  scan::StreamInput in;
  in.pack = &pack;
  in.paths.push_back(doc.metadata().path);
  in.entries.push_back(json::serialize(scan::analysis_entry(doc, a, pack)));
  in.duplicates.emplace_back();
  in.identities.push_back(fs::path(doc.metadata().path).filename().string());
  json::object report = json::parse(scan::build_report_stream(in).report_json).as_object();
  return json::serialize(report["documents"].as_array().front());
}

Result<std::string> merge_reports(const std::vector<std::string>& reports, const std::string& rules_dir) {
  auto pack = RulePack::load(rules_dir);
  if (!pack.ok()) return pack.status();
  if (reports.empty()) return Status(ErrorCode::invalid_argument, "merge: no reports");
  std::vector<json::object> docs;
  std::map<std::string, std::size_t> by_sha;
  std::set<std::string> roots;
  std::string started, finished, pack_hash;
  double duration = 0;
  std::int64_t files = 0, workers = 0;
  for (std::size_t k = 0; k < reports.size(); ++k) {
    boost::system::error_code ec;
    json::value v = json::parse(reports[k], ec);
    if (ec || !v.is_object() || !v.as_object().contains("documents") || !v.as_object().contains("rule_pack")) {
      return Status(ErrorCode::invalid_argument, "merge: report " + std::to_string(k + 1) + " is not a Styrkoll JSON report");
    }
    json::object& r = v.as_object();
    std::string h(r.at("rule_pack").as_object().at("hash").as_string());
    if (pack_hash.empty()) pack_hash = h;
    if (h != pack_hash) {
      return Status(ErrorCode::invalid_argument, "merge: report " + std::to_string(k + 1) +
                                                     " was made with another rule pack; scan all shards with the same pack");
    }
    const json::object& sc = r.at("scan").as_object();
    std::string st(sc.at("started").as_string()), fi(sc.at("finished").as_string());
    if (started.empty() || st < started) started = st;
    if (fi > finished) finished = fi;
    duration = std::max(duration, sc.at("duration_s").to_number<double>());
    workers += sc.at("workers").as_int64();
    for (const auto& root : sc.at("roots").as_array()) roots.insert(std::string(root.as_string()));
    files += r.at("archive").as_object().at("totals").as_object().at("files").as_int64();
    for (auto& dv : r.at("documents").as_array()) {
      json::object d = dv.as_object();
      std::string sha = d.at("sha256").is_string() ? std::string(d.at("sha256").as_string()) : "";
      auto it = sha.empty() ? by_sha.end() : by_sha.find(sha);
      if (it == by_sha.end()) {
        if (!sha.empty()) by_sha[sha] = docs.size();
        docs.push_back(std::move(d));
        continue;
      }
      // The same content in two shards: the first path (in sort order) is the document, the rest duplicates.
      json::object& kept = docs[it->second];
      std::vector<std::string> paths = {std::string(kept.at("path").as_string()), std::string(d.at("path").as_string())};
      for (auto* o : {&kept, &d}) {
        if (o->contains("duplicates")) {
          for (const auto& p : o->at("duplicates").as_array()) paths.emplace_back(p.as_string());
        }
      }
      std::sort(paths.begin(), paths.end());
      json::object& winner = std::string(kept.at("path").as_string()) == paths.front() ? kept : d;
      json::array dups;
      for (std::size_t i = 1; i < paths.size(); ++i) dups.emplace_back(paths[i]);
      winner["duplicates"] = std::move(dups);
      if (&winner != &kept) kept = std::move(d);
    }
  }
  std::sort(docs.begin(), docs.end(), [](const json::object& a, const json::object& b) {
    return a.at("path").as_string() < b.at("path").as_string();
  });
  json::array documents;
  std::size_t duplicates = 0;
  for (auto& d : docs) {
    if (d.contains("duplicates")) duplicates += d.at("duplicates").as_array().size();
    documents.push_back(std::move(d));
  }
  json::object report;
  report["schema"] = "styrkoll.report/1";
  report["tool"] = json::object{{"name", "styrkoll"}, {"version", std::string(library_version())}};
  report["rule_pack"] = json::object{{"id", pack.value()->id()}, {"version", pack.value()->version()}, {"hash", pack_hash}};
  json::array root_list;
  for (const auto& r : roots) root_list.emplace_back(r);
  report["scan"] = json::object{{"started", started}, {"finished", finished}, {"duration_s", duration},
                                {"roots", std::move(root_list)}, {"workers", std::max<std::int64_t>(1, workers)}};
  report["archive"] = scan::archive_section(documents, *pack.value(), static_cast<std::size_t>(files), duplicates);
  report["documents"] = std::move(documents);
  return json::serialize(report);
}

Result<std::string> diff_reports(const std::string& old_json, const std::string& new_json) {
  boost::system::error_code e1, e2;
  json::value a = json::parse(old_json, e1), b = json::parse(new_json, e2);
  if (e1 || !a.is_object() || !a.as_object().contains("documents")) return Status(ErrorCode::invalid_argument, "the old report is not a Styrkoll JSON report");
  if (e2 || !b.is_object() || !b.as_object().contains("documents")) return Status(ErrorCode::invalid_argument, "the new report is not a Styrkoll JSON report");
  return json::serialize(scan::diff(a.as_object(), b.as_object()));
}

}  // namespace styrkoll
