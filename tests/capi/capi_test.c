/* Exercises every function of the C API, error paths included, from C.
 * Usage: capi_test FIXTURES_DIR CORPUS_DOCS_DIR RULES_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styrkoll/styrkoll.h"

static int failures = 0;
#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                            \
    }                                                                        \
  } while (0)

static char path_buf[4096];
static const char *join(const char *dir, const char *file) {
  size_t a = strlen(dir), b = strlen(file);
  if (a + b + 2 > sizeof path_buf) return "";
  memcpy(path_buf, dir, a);
  path_buf[a] = '/';
  memcpy(path_buf + a + 1, file, b + 1);
  return path_buf;
}

static int calls = 0;
static int count_progress(size_t done, size_t total, const char *path, void *payload) {
  (void)path;
  CHECK(done <= total);
  ++*(int *)payload;
  ++calls;
  return 0;
}
static int cancel_at_once(size_t done, size_t total, const char *path, void *payload) {
  (void)done;
  (void)total;
  (void)path;
  (void)payload;
  return 1;
}

static char *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = (char *)malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return buf;
}

int main(int argc, char **argv) {
  const char *fixtures, *corpus, *rules;
  styrkoll_engine *engine = NULL, *bad = NULL;
  styrkoll_result *r = NULL;
  styrkoll_analyze_options opts = STYRKOLL_ANALYZE_OPTIONS_INIT;
  styrkoll_scan_options sopts = STYRKOLL_SCAN_OPTIONS_INIT;
  styrkoll_evidence ev;
  size_t i, n, size;
  int rc, strong = 0, progress_calls = 0;
  char *report = NULL, *bytes;
  const char *paths[1];

  if (argc != 4) {
    fprintf(stderr, "usage: capi_test FIXTURES CORPUS_DOCS RULES\n");
    return 2;
  }
  fixtures = argv[1];
  corpus = argv[2];
  rules = argv[3];

  CHECK(strlen(styrkoll_version()) > 0);
  CHECK(strcmp(styrkoll_coverage_name(STYRKOLL_STRONG), "strong") == 0);
  CHECK(strcmp(styrkoll_coverage_name(STYRKOLL_MISSING), "missing") == 0);
  CHECK(strcmp(styrkoll_coverage_name(7), "") == 0);
  styrkoll_string_free(NULL);
  styrkoll_result_free(NULL);
  styrkoll_engine_free(NULL);

  /* Engine: error paths, then the real pack. */
  CHECK(styrkoll_engine_new(NULL, rules) == STYRKOLL_EINVALID_ARGUMENT);
  rc = styrkoll_engine_new(&bad, "/nonexistent/rules");
  CHECK(rc == STYRKOLL_EINVALID_RULES);
  CHECK(bad == NULL);
  CHECK(strstr(styrkoll_last_error(), "/nonexistent/rules") != NULL);
  rc = styrkoll_engine_new(&engine, rules);
  CHECK(rc == STYRKOLL_OK);
  if (rc != STYRKOLL_OK) {
    fprintf(stderr, "cannot create engine: %s\n", styrkoll_last_error());
    return 1;
  }
  CHECK(strcmp(styrkoll_last_error(), "") == 0);
  CHECK(strcmp(styrkoll_engine_rules_id(engine), "valfardsbrott") == 0);
  CHECK(strlen(styrkoll_engine_rules_version(engine)) > 0);
  CHECK(strlen(styrkoll_engine_rules_hash(engine)) == 64);

  /* Analyse a file: type, coverage, perspectives, evidence, JSON. */
  rc = styrkoll_analyze_file(&r, engine, join(corpus, "norrby-handlingsplan-valfardsbrott-2025-2027.pdf"), NULL);
  CHECK(rc == STYRKOLL_OK);
  if (r) {
    CHECK(strcmp(styrkoll_result_doc_type(r), "handlingsplan_valfardsbrott") == 0);
    CHECK(styrkoll_result_doc_type_confidence(r) > 0.5);
    CHECK(styrkoll_result_wc_explicit(r) == STYRKOLL_STRONG);
    CHECK(styrkoll_result_coverage_score(r) > 0);
    n = styrkoll_result_perspective_count(r);
    CHECK(n > 5);
    for (i = 0; i < n; ++i) {
      CHECK(styrkoll_result_perspective_id(r, i) != NULL);
      CHECK(styrkoll_result_perspective_reason(r, i) != NULL);
      CHECK(styrkoll_result_perspective_recommendation(r, i) != NULL);
      if (styrkoll_result_perspective_coverage(r, i) == STYRKOLL_STRONG) {
        ++strong;
        CHECK(styrkoll_result_evidence_count(r, i) > 0);
        CHECK(styrkoll_result_evidence(&ev, r, i, 0) == STYRKOLL_OK);
        CHECK(ev.page >= 1);
        CHECK(strlen(ev.quote) > 0);
        CHECK(ev.char_end > ev.char_start);
        CHECK(ev.section != NULL);
      }
    }
    CHECK(strong > 0);
    CHECK(styrkoll_result_perspective_id(r, n) == NULL);
    CHECK(styrkoll_result_perspective_coverage(r, n) == STYRKOLL_MISSING);
    CHECK(styrkoll_result_evidence_count(r, n) == 0);
    CHECK(styrkoll_result_evidence(&ev, r, 0, 1000) == STYRKOLL_EINVALID_ARGUMENT);
    CHECK(strstr(styrkoll_result_json(r), "\"perspectives\"") != NULL);
    CHECK(strstr(styrkoll_result_json(r), "\"fingerprint\"") != NULL);
    styrkoll_result_free(r);
    r = NULL;
  }

  /* Type override and its error. */
  opts.type_override = "internkontroll";
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "basic.docx"), &opts) == STYRKOLL_OK);
  if (r) {
    CHECK(strcmp(styrkoll_result_doc_type(r), "internkontroll") == 0);
    styrkoll_result_free(r);
    r = NULL;
  }
  opts.type_override = "no_such_type";
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "basic.docx"), &opts) == STYRKOLL_EINVALID_ARGUMENT);
  CHECK(r == NULL);

  /* Memory buffer with a format hint. */
  bytes = read_all(join(fixtures, "basic.odt"), &size);
  CHECK(bytes != NULL);
  if (bytes) {
    CHECK(styrkoll_analyze_buffer(&r, engine, bytes, size, "diarium-123.odt", "odt", NULL) == STYRKOLL_OK);
    if (r) {
      CHECK(strcmp(styrkoll_result_doc_type(r), "mal_och_budget") == 0);
      styrkoll_result_free(r);
      r = NULL;
    }
    CHECK(styrkoll_analyze_buffer(&r, engine, bytes, size, "x", "spreadsheet", NULL) == STYRKOLL_EINVALID_ARGUMENT);
    CHECK(styrkoll_analyze_buffer(&r, engine, bytes, size, NULL, NULL, NULL) == STYRKOLL_OK);
    styrkoll_result_free(r);
    r = NULL;
    free(bytes);
  }
  CHECK(styrkoll_analyze_buffer(&r, engine, NULL, 10, "x", NULL, NULL) == STYRKOLL_EINVALID_ARGUMENT);
  CHECK(styrkoll_analyze_buffer(&r, engine, "", 0, "tom.txt", NULL, NULL) == STYRKOLL_ECORRUPT);

  /* Expected failures have their own codes and name the file. */
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "scanned.pdf"), NULL) == STYRKOLL_ENEEDS_OCR);
  CHECK(strstr(styrkoll_last_error(), "scanned.pdf") != NULL);
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "encrypted-userpw.pdf"), NULL) == STYRKOLL_EENCRYPTED);
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "truncated.pdf"), NULL) == STYRKOLL_ECORRUPT);
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "image.png"), NULL) == STYRKOLL_EUNSUPPORTED);
  CHECK(styrkoll_analyze_file(&r, engine, join(fixtures, "no-such-file.pdf"), NULL) == STYRKOLL_EIO);
  CHECK(styrkoll_analyze_file(&r, NULL, "x", NULL) == STYRKOLL_EINVALID_ARGUMENT);
  CHECK(styrkoll_analyze_file(NULL, engine, "x", NULL) == STYRKOLL_EINVALID_ARGUMENT);
  CHECK(r == NULL);

  /* Classify only. */
  CHECK(styrkoll_classify_file(&r, engine, join(fixtures, "basic.pdf")) == STYRKOLL_OK);
  if (r) {
    CHECK(strcmp(styrkoll_result_doc_type(r), "mal_och_budget") == 0);
    CHECK(styrkoll_result_perspective_count(r) == 0);
    styrkoll_result_free(r);
    r = NULL;
  }
  CHECK(styrkoll_classify_file(&r, engine, NULL) == STYRKOLL_EINVALID_ARGUMENT);

  /* Scan a folder with a progress callback, then a cancelled scan. */
  paths[0] = fixtures;
  rc = styrkoll_scan(&report, engine, paths, 1, &sopts, count_progress, &progress_calls);
  CHECK(rc == STYRKOLL_OK);
  CHECK(report != NULL && strstr(report, "\"schema\":\"styrkoll.report/1\"") != NULL);
  CHECK(progress_calls > 10);
  styrkoll_string_free(report);
  report = NULL;
  rc = styrkoll_scan(&report, engine, paths, 1, NULL, cancel_at_once, NULL);
  CHECK(rc == STYRKOLL_ECANCELLED);
  CHECK(report == NULL);
  CHECK(styrkoll_scan(&report, engine, NULL, 0, NULL, NULL, NULL) == STYRKOLL_EINVALID_ARGUMENT);

  styrkoll_engine_free(engine);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("C API test: all checks passed (%d progress calls)\n", calls);
  return failures ? 1 : 0;
}
