// A pool of forked worker processes that ingest and analyse documents.
// Each request is two frames over a pipe (the JSON request, the cached
// document or an empty frame); each response two (the entry, the document
// for the cache or an empty frame). Workers read the documents of requests
// marked "cached" from the scan cache themselves. The parent enforces a
// time limit per document and replaces workers that crash, hang or exceed
// their memory limit.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "styrkoll/analysis.h"

namespace styrkoll::scan {

struct Job {
  std::size_t index;     // caller's job number
  std::string request;   // JSON: {path, sha256, type}
  std::string document;  // a cached document (encode_cached_document), sent as a frame of its own ("" = none sent)
  // Quick jobs (the document is cached: no parsing) queue up to
  // kQueueDepth deep on a worker of quick jobs, so that the worker finds its
  // next job in its pipe instead of waiting for the parent to be scheduled
  // (on two cores the parent and two workers take turns). Slow jobs
  // (parsing) never queue: one could wait behind a 400-page budget.
  bool quick = false;
};

// Where a worker finds the cached document of a request marked "cached"
// (the content hash -> its cache row), instead of receiving it in the pipe.
using CachedDocuments = std::function<std::optional<std::string>(const std::string& sha256)>;

struct JobResult {
  std::size_t index;
  bool ok = false;         // false: the worker died or timed out, or the job was not run (retry)
  bool retry = false;      // the job was queued behind one that crashed or hung: submit it again
  std::string entry;       // JSON: the report entry, when ok
  std::string document;    // the parsed document for the cache, encoded ("" when it came from the cache)
  std::string error_code;  // "timeout" or "crashed" when !ok && !retry
  std::string error_message;
};

class WorkerPool {
 public:
  // Forks `count` workers now; each analyses with `engine`. REQUIRES: no
  // other threads in the process.
  // `farewell` (optional) runs in each worker when it is told to stop; its
  // text is sent back as a last message and returned by shutdown().
  // `cache_path` (optional): the scan cache, from which workers read the
  // documents of requests marked "cached" through connections of their own.
  WorkerPool(std::shared_ptr<const Engine> engine, int count, int timeout_s, std::uint64_t memory_limit,
             std::function<std::string()> farewell = {}, std::string cache_path = {});
  ~WorkerPool();

  // Stops the idle workers and returns their farewell messages. The exited
  // workers are reaped by the destructor.
  std::vector<std::string> shutdown();

  // Whether submit() would place `job` now: a worker is idle, or (quick
  // jobs) a worker has only quick jobs and room for one more.
  bool can_take(const Job& job) const;
  // REQUIRES: can_take(job).
  void submit(Job job);
  // Waits up to `wait` for results; returns those that finished. The time
  // limit runs from when a job reaches the front of its worker's queue.
  std::vector<JobResult> collect(std::chrono::milliseconds wait);
  // Jobs submitted and not yet returned by collect().
  std::size_t busy() const;

 private:
  static constexpr std::size_t kQueueDepth = 4;
  struct Queued {
    std::size_t job;
    bool quick;
  };
  struct Worker {
    pid_t pid = -1;
    int to = -1, from = -1;
    std::vector<Queued> queue;  // submitted, not answered; the front one is running
    std::chrono::steady_clock::time_point started;  // of the front job
    std::string buffer;
  };
  // The worker submit() would give a job to, or -1.
  int place_for(bool quick) const;
  // Results for a worker that is gone: its front job failed with `code`, the rest are retried.
  void fail_queue(Worker& w, const std::string& code, const std::string& message, std::vector<JobResult>& out);
  void spawn(Worker& w);
  void retire(Worker& w, bool kill_first);

  std::shared_ptr<const Engine> engine_;
  std::function<std::string()> farewell_;
  std::string cache_path_;
  int timeout_s_;
  std::uint64_t memory_limit_;
  std::vector<Worker> workers_;
  std::string fontconfig_file_;  // the workers' empty fontconfig configuration (a temporary file)
};

// The worker side: answers one request (also used in-process). Returns the
// report entry and, when the document was parsed (no usable cached
// document), its encoding for the cache (encode_cached_document); both
// passed on without re-parsing. A cached document that cannot be read is
// ignored and the file parsed again.
struct Response {
  std::string entry, document;
};
// `cached`: where to find the document of a request marked "cached" when
// `cached_document` is empty (in a worker: its own cache connection).
Response handle_request(const Engine& engine, const std::string& request, const std::string& cached_document,
                        const CachedDocuments& cached = {});

// A request: the document's path, hash and type override; `cached`: the
// cache holds the document (the worker reads it from there).
std::string make_request(const std::string& path, const std::string& sha256, const std::string& type, bool cached = false);

}  // namespace styrkoll::scan
