// A pool of forked worker processes that ingest and analyse documents.
// Each request is two frames over a pipe (the JSON request, the cached
// document or an empty frame); each response two (the entry, the document). The
// parent enforces a time limit per document and replaces workers that
// crash, hang or exceed their memory limit.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "styrkoll/analysis.h"

namespace styrkoll::scan {

struct Job {
  std::size_t index;     // caller's job number
  std::string request;   // JSON: {path, sha256, type}
  std::string document;  // the cached document's JSON text, sent as a frame of its own ("" = parse the file)
};

struct JobResult {
  std::size_t index;
  bool ok = false;         // false: the worker died or timed out
  std::string entry;       // JSON: the report entry, when ok
  std::string document;    // JSON: the parsed document for the cache ("" when it came from the cache)
  std::string error_code;  // "timeout" or "crashed" when !ok
  std::string error_message;
};

class WorkerPool {
 public:
  // Forks `count` workers now; each analyses with `engine`. REQUIRES: no
  // other threads in the process.
  // `farewell` (optional) runs in each worker when it is told to stop; its
  // text is sent back as a last message and returned by shutdown().
  WorkerPool(std::shared_ptr<const Engine> engine, int count, int timeout_s, std::uint64_t memory_limit,
             std::function<std::string()> farewell = {});
  ~WorkerPool();

  // Stops the idle workers and returns their farewell messages. The exited
  // workers are reaped by the destructor.
  std::vector<std::string> shutdown();

  bool idle_worker() const;
  void submit(Job job);
  // Waits up to `wait` for results; returns those that finished.
  std::vector<JobResult> collect(std::chrono::milliseconds wait);
  std::size_t busy() const;

 private:
  struct Worker {
    pid_t pid = -1;
    int to = -1, from = -1;
    bool busy = false;
    std::size_t job = 0;
    std::string path;
    std::chrono::steady_clock::time_point started;
    std::string buffer;
    std::string entry;  // first frame of a response, waiting for the second
    bool have_entry = false;
  };
  void spawn(Worker& w);
  void retire(Worker& w, bool kill_first);

  std::shared_ptr<const Engine> engine_;
  std::function<std::string()> farewell_;
  int timeout_s_;
  std::uint64_t memory_limit_;
  std::vector<Worker> workers_;
  std::string fontconfig_file_;  // the workers' empty fontconfig configuration (a temporary file)
};

// The worker side: answers one request (also used in-process). Returns the
// report entry and, when the document was parsed (no usable cached
// document), its encoding for the cache; both as JSON text, passed on
// without re-parsing. A cached document that cannot be read is ignored and
// the file parsed again.
struct Response {
  std::string entry, document;
};
Response handle_request(const Engine& engine, const std::string& request, const std::string& cached_document);

// A request: the document's path, hash and type override.
std::string make_request(const std::string& path, const std::string& sha256, const std::string& type);

}  // namespace styrkoll::scan
