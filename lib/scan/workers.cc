#include "scan/workers.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>

#include "scan/cache.h"
#include "scan/document_codec.h"
#include "styrkoll/ingest.h"
#include "styrkoll/text.h"

namespace styrkoll::scan {

namespace json = boost::json;

namespace {

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool write_frame(int fd, const std::string& s) {
  std::uint32_t n = static_cast<std::uint32_t>(s.size());
  unsigned char h[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                        static_cast<unsigned char>(n >> 16), static_cast<unsigned char>(n >> 24)};
  return write_all(fd, reinterpret_cast<const char*>(h), 4) && write_all(fd, s.data(), s.size());
}

bool read_exact(int fd, char* p, std::size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

bool read_frame(int fd, std::string& out) {
  unsigned char h[4];
  if (!read_exact(fd, reinterpret_cast<char*>(h), 4)) return false;
  std::uint32_t n = h[0] | (h[1] << 8) | (h[2] << 16) | (static_cast<std::uint32_t>(h[3]) << 24);
  out.resize(n);
  return read_exact(fd, out.data(), n);
}

// The length of the frame starting at `at` in buf, if all of it is there.
std::optional<std::size_t> frame_at(const std::string& buf, std::size_t at) {
  if (buf.size() < at + 4) return std::nullopt;
  auto b = reinterpret_cast<const unsigned char*>(buf.data() + at);
  std::uint32_t n = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
  if (buf.size() < at + 4 + static_cast<std::size_t>(n)) return std::nullopt;
  return n;
}

// A complete response (two frames) at the start of buf? Then move it out.
bool take_response(std::string& buf, std::string& entry, std::string& document) {
  auto n1 = frame_at(buf, 0);
  if (!n1) return false;
  auto n2 = frame_at(buf, 4 + *n1);
  if (!n2) return false;
  entry.assign(buf, 4, *n1);
  document.assign(buf, 8 + *n1, *n2);
  buf.erase(0, 8 + *n1 + *n2);
  return true;
}

[[noreturn]] void worker_main(const Engine& engine, int in, int out, const std::function<std::string()>& farewell,
                              const std::string& cache_path) {
  // The worker's own connection to the cache, opened on the first request
  // that needs it (a connection must never cross a fork).
  std::unique_ptr<Cache> cache;
  bool cache_failed = cache_path.empty();
  CachedDocuments from_cache = [&](const std::string& sha) -> std::optional<std::string> {
    if (!cache && !cache_failed) {
      auto c = Cache::open_reader(cache_path);
      if (c.ok()) cache = std::move(c).value();
      else cache_failed = true;
    }
    return cache ? cache->document(sha) : std::nullopt;
  };
  std::string req;
  bool alive = true;
  std::string cached;
  // STYRKOLL_TRACE_PHASES=1: where the worker's time went, on stderr at exit.
  const char* trace = std::getenv("STYRKOLL_TRACE_PHASES");
  using clock = std::chrono::steady_clock;
  std::chrono::duration<double> waited{}, worked{}, answered{};
  int jobs = 0;
  auto t0 = clock::now();
  while (read_frame(in, req) && read_frame(in, cached)) {
    auto t1 = clock::now();
    Response resp = handle_request(engine, req, cached, from_cache);
    auto t2 = clock::now();
    if (!write_frame(out, resp.entry) || !write_frame(out, resp.document)) {
      alive = false;
      break;
    }
    auto t3 = clock::now();
    waited += t1 - t0;
    worked += t2 - t1;
    answered += t3 - t2;
    ++jobs;
    t0 = t3;
  }
  if (trace && *trace == '1') {
    std::fprintf(stderr, "worker %d: %d documents; waited for requests %.3f s, worked %.3f s, answered %.3f s\n",
                 static_cast<int>(::getpid()), jobs, waited.count(), worked.count(), answered.count());
  }
  if (alive && farewell) write_frame(out, farewell());
  _exit(0);
}

}  // namespace

std::string make_request(const std::string& path, const std::string& sha256, const std::string& type, bool cached) {
  json::object o{{"path", path}, {"sha256", sha256}, {"type", type}};
  if (cached) o["cached"] = true;
  return json::serialize(o);
}

Response handle_request(const Engine& engine, const std::string& request, const std::string& cached_document,
                        const CachedDocuments& cached_documents) {
  Response resp;
  try {
    json::value v = json::parse(request);
    const json::object& r = v.as_object();
    std::string path(r.at("path").as_string());
    std::string type = r.contains("type") && r.at("type").is_string() ? std::string(r.at("type").as_string()) : "";
    std::string sha = r.contains("sha256") ? std::string(r.at("sha256").as_string()) : "";
    // Test hooks (documented in docs/testing.md): simulate a parser that hangs or crashes.
    if (const char* hang = std::getenv("STYRKOLL_TEST_HANG_ON"); hang && *hang && path.find(hang) != std::string::npos) {
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(60));
    }
    if (const char* crash = std::getenv("STYRKOLL_TEST_CRASH_ON"); crash && *crash && path.find(crash) != std::string::npos) {
      std::abort();
    }
    std::optional<Document> doc;
    std::optional<AnalyzedText> tokens;
    // The cached document and its tokens. A row that does not decode is
    // ignored: the file is read again.
    std::optional<std::string> fetched;
    if (cached_document.empty() && cached_documents && r.contains("cached") && r.at("cached") == true) {
      fetched = cached_documents(sha);  // a row that cannot be read: the file is parsed below
    }
    if (const std::string& row = fetched ? *fetched : cached_document; !row.empty()) {
      auto c = decode_cached_document(row, engine.lexicon());
      if (c.ok()) {
        doc = std::move(c.value().document);
        tokens = std::move(c.value().tokens);
      }
    }
    bool tokens_cached = tokens.has_value();
    bool parsed = false;
    if (!doc) {
      auto d = ingest_file(path);
      if (!d.ok()) {
        resp.entry = json::serialize(error_entry(path, sha, std::string(error_code_name(d.status().code())), d.status().message()));
        return resp;
      }
      doc = std::move(d).value();
      parsed = true;
    }
    std::optional<std::string> override;
    if (!type.empty()) override = type;
    if (!tokens) tokens = analyze_document(*doc, engine.lexicon());
    DocumentAnalysis a = engine.analyze(*doc, *tokens, override);
    json::object entry = analysis_entry(*doc, a, engine.pack());
    entry["sha256"] = sha;
    resp.entry = json::serialize(entry);
    // The document for the cache, with its tokens: when it was parsed now,
    // or cached without (usable) tokens.
    if (parsed || !tokens_cached) resp.document = encode_cached_document(*doc, &*tokens);
  } catch (const std::exception& e) {
    resp.entry = json::serialize(error_entry("", "", "internal", std::string("worker: ") + e.what()));
    resp.document.clear();
  }
  return resp;
}

WorkerPool::WorkerPool(std::shared_ptr<const Engine> engine, int count, int timeout_s, std::uint64_t memory_limit,
                       std::function<std::string()> farewell, std::string cache_path)
    : engine_(std::move(engine)),
      farewell_(std::move(farewell)),
      cache_path_(std::move(cache_path)),
      timeout_s_(timeout_s),
      memory_limit_(memory_limit) {
  ::signal(SIGPIPE, SIG_IGN);
  // Workers read text, never draw it: the fonts a PDF names without
  // embedding them need no system font file. poppler-cpp still looks one up
  // through fontconfig for every such font on every page (to report font
  // names), a tenth of the time of a cold scan of such PDFs. Workers get an
  // empty fontconfig configuration, so the lookup finds nothing at once; the
  // extracted text is the same. (fontconfig resolves the path it is given,
  // so it must be a real file, removed with the pool.)
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/styrkoll-fontconfig-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd >= 0) {
    static const char kEmpty[] = "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n";
    bool written = ::write(fd, kEmpty, sizeof kEmpty - 1) == static_cast<ssize_t>(sizeof kEmpty - 1);
    ::close(fd);
    if (written) fontconfig_file_ = path;
    else ::unlink(path.c_str());
  }
  workers_.resize(static_cast<std::size_t>(std::max(1, count)));
  for (auto& w : workers_) spawn(w);
}

WorkerPool::~WorkerPool() {
  for (auto& w : workers_) retire(w, !w.queue.empty());
  if (!fontconfig_file_.empty()) ::unlink(fontconfig_file_.c_str());
}

void WorkerPool::spawn(Worker& w) {
  if (!engine_) return;  // after shutdown()
  int to[2], from[2];
  if (::pipe(to) != 0 || ::pipe(from) != 0) return;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(to[1]);
    ::close(from[0]);
    for (const auto& other : workers_) {  // siblings' pipe ends are not ours
      if (other.to >= 0) ::close(other.to);
      if (other.from >= 0) ::close(other.from);
    }
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    if (memory_limit_ > 0) {
      struct rlimit rl {static_cast<rlim_t>(memory_limit_), static_cast<rlim_t>(memory_limit_)};
      ::setrlimit(RLIMIT_AS, &rl);
    }
#endif
    if (!fontconfig_file_.empty()) ::setenv("FONTCONFIG_FILE", fontconfig_file_.c_str(), 1);
    worker_main(*engine_, to[0], from[1], farewell_, cache_path_);
  }
  ::close(to[0]);
  ::close(from[1]);
  w = Worker{};
  w.pid = pid;
  w.to = to[1];
  w.from = from[0];
}

std::vector<std::string> WorkerPool::shutdown() {
  std::vector<std::string> out;
  // All idle workers are told to stop at once, so they make their farewells
  // side by side; they are reaped by the destructor, so that the kernel can
  // tear the exited processes down while the caller goes on.
  for (auto& w : workers_) {
    if (w.pid <= 0 || !w.queue.empty() || w.to < 0) continue;
    ::close(w.to);
    w.to = -1;
  }
  for (auto& w : workers_) {
    if (w.pid <= 0 || !w.queue.empty() || w.from < 0) continue;
    std::string frame;
    if (farewell_ && read_frame(w.from, frame)) out.push_back(std::move(frame));
    ::close(w.from);
    w.from = -1;
  }
  engine_.reset();  // no worker is started after this: its memory can go to the caller's next step
  return out;
}

void WorkerPool::retire(Worker& w, bool kill_first) {
  if (w.pid <= 0) return;
  if (w.to >= 0) ::close(w.to);
  w.to = -1;
  if (kill_first) ::kill(w.pid, SIGKILL);
  int status = 0;
  ::waitpid(w.pid, &status, 0);
  if (w.from >= 0) ::close(w.from);
  w.pid = -1;
  w.to = w.from = -1;
}

int WorkerPool::place_for(bool quick) const {
  // An idle worker first; else the shortest queue of quick jobs with room.
  int best = -1;
  for (std::size_t k = 0; k < workers_.size(); ++k) {
    const Worker& w = workers_[k];
    if (w.pid <= 0) continue;
    if (w.queue.empty()) return static_cast<int>(k);
    if (!quick || w.queue.size() >= kQueueDepth) continue;
    bool all_quick = std::all_of(w.queue.begin(), w.queue.end(), [](const Queued& q) { return q.quick; });
    if (all_quick && (best < 0 || w.queue.size() < workers_[static_cast<std::size_t>(best)].queue.size())) {
      best = static_cast<int>(k);
    }
  }
  return best;
}

bool WorkerPool::can_take(const Job& job) const { return place_for(job.quick) >= 0; }

std::size_t WorkerPool::busy() const {
  std::size_t n = 0;
  for (const auto& w : workers_) n += w.queue.size();
  return n;
}

void WorkerPool::submit(Job job) {
  int k = place_for(job.quick);
  if (k < 0) return;
  Worker* w = &workers_[static_cast<std::size_t>(k)];
  if (w->queue.empty()) w->started = std::chrono::steady_clock::now();
  w->queue.push_back({job.index, job.quick});
  if (!write_frame(w->to, job.request) || !write_frame(w->to, job.document)) {
    // The worker is gone; the next collect() reports it.
  }
}

void WorkerPool::fail_queue(Worker& w, const std::string& code, const std::string& message, std::vector<JobResult>& out) {
  for (std::size_t k = 0; k < w.queue.size(); ++k) {
    JobResult jr;
    jr.index = w.queue[k].job;
    if (k == 0) {
      jr.error_code = code;
      jr.error_message = message;
    } else {
      jr.retry = true;
    }
    out.push_back(std::move(jr));
  }
  w.queue.clear();
}

std::vector<JobResult> WorkerPool::collect(std::chrono::milliseconds wait) {
  std::vector<JobResult> out;
  std::vector<pollfd> fds;
  std::vector<Worker*> owners;
  for (auto& w : workers_) {
    if (w.queue.empty()) continue;
    fds.push_back({w.from, POLLIN, 0});
    owners.push_back(&w);
  }
  if (fds.empty()) return out;
  int n = ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
  auto now = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < fds.size(); ++i) {
    Worker& w = *owners[i];
    bool died = false;
    if (n > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
      char buf[65536];
      ssize_t r = ::read(w.from, buf, sizeof buf);
      if (r > 0) {
        w.buffer.append(buf, static_cast<std::size_t>(r));
        JobResult jr;
        while (!w.queue.empty() && take_response(w.buffer, jr.entry, jr.document)) {
          jr.index = w.queue.front().job;
          jr.ok = true;
          out.push_back(std::move(jr));
          jr = JobResult{};
          w.queue.erase(w.queue.begin());
          w.started = now;  // the next queued job starts now
        }
        if (w.queue.empty()) continue;
      } else if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) {
        died = true;
      }
    }
    if (died) {
      int status = 0;
      ::close(w.to);
      ::waitpid(w.pid, &status, 0);
      ::close(w.from);
      std::string why = WIFSIGNALED(status) ? "the document crashed the parser (signal " + std::to_string(WTERMSIG(status)) + ")"
                                            : "the worker stopped unexpectedly";
      w.pid = -1;
      w.to = w.from = -1;
      fail_queue(w, "crashed", why, out);
      spawn(w);
      continue;
    }
    if (timeout_s_ > 0 && now - w.started > std::chrono::seconds(timeout_s_)) {
      retire(w, true);
      fail_queue(w, "timeout", "no result within " + std::to_string(timeout_s_) + " s; the parser was stopped", out);
      spawn(w);
    }
  }
  return out;
}

}  // namespace styrkoll::scan
