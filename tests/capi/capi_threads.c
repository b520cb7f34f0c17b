/* Several threads analyse documents with one shared engine; every thread
 * must get the same results as a single-threaded run. Run under
 * ThreadSanitizer in the sanitizer build. Usage: capi_threads CORPUS RULES */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styrkoll/styrkoll.h"

#define THREADS 4
#define ROUNDS 3

static const char *files[] = {"norrby-handlingsplan-valfardsbrott-2025-2027.pdf", "tallmo-budget-2025-plan-2026-2027.docx",
                              "vastmo-informationssakerhetspolicy.odt", "sjohamn-utbildningsplan-ifo-2025.md"};
#define NFILES (sizeof files / sizeof files[0])

static const styrkoll_engine *engine;
static const char *corpus;
static char *expected[NFILES];
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static char *analyse(size_t k) {
  char path[4096];
  styrkoll_result *r = NULL;
  char *copy = NULL;
  snprintf(path, sizeof path, "%s/%s", corpus, files[k]);
  if (styrkoll_analyze_file(&r, engine, path, NULL) != STYRKOLL_OK) {
    fprintf(stderr, "%s: %s\n", path, styrkoll_last_error());
    return NULL;
  }
  copy = strdup(styrkoll_result_json(r));
  styrkoll_result_free(r);
  return copy;
}

static void *run(void *arg) {
  size_t t = (size_t)arg, round, k;
  for (round = 0; round < ROUNDS; ++round) {
    for (k = 0; k < NFILES; ++k) {
      size_t f = (k + t) % NFILES; /* threads start at different documents */
      char *got = analyse(f);
      if (!got || strcmp(got, expected[f]) != 0) {
        pthread_mutex_lock(&lock);
        ++failures;
        fprintf(stderr, "thread %lu: result for %s differs\n", (unsigned long)t, files[f]);
        pthread_mutex_unlock(&lock);
      }
      free(got);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  styrkoll_engine *e = NULL;
  pthread_t threads[THREADS];
  size_t t, k;
  if (argc != 3) return 2;
  corpus = argv[1];
  if (styrkoll_engine_new(&e, argv[2]) != STYRKOLL_OK) {
    fprintf(stderr, "%s\n", styrkoll_last_error());
    return 1;
  }
  engine = e;
  for (k = 0; k < NFILES; ++k) {
    expected[k] = analyse(k);
    if (!expected[k]) return 1;
  }
  for (t = 0; t < THREADS; ++t) pthread_create(&threads[t], NULL, run, (void *)t);
  for (t = 0; t < THREADS; ++t) pthread_join(threads[t], NULL);
  for (k = 0; k < NFILES; ++k) free(expected[k]);
  styrkoll_engine_free(e);
  if (failures) return 1;
  printf("C API threads: %d threads x %d rounds x %lu documents, identical results\n", THREADS, ROUNDS, (unsigned long)NFILES);
  return 0;
}
