/*
 * styrkoll.h - the stable C API of Styrkoll (C89).
 *
 * Styrkoll reads Swedish municipal governing documents (PDF, DOCX, ODT,
 * HTML, Markdown, text) and judges, per perspective, whether the
 * welfare-crime perspective is missing, weak or strong, with evidence and a
 * recommended formulation. This header is the contract for embedding it in
 * other programs and languages; see docs/api-stability.md for the policy.
 *
 * Conventions
 *  1. Every name starts with styrkoll_ (types, functions) or STYRKOLL_
 *     (macros). Objects are opaque pointers with create/free pairs.
 *  2. Functions that can fail return int: 0 (STYRKOLL_OK) on success, one of
 *     the named negative codes below for an expected failure, -1
 *     (STYRKOLL_ERROR) otherwise. styrkoll_last_error() then returns a
 *     message naming the file and the problem.
 *  3. Output parameters come first. On failure they are set to NULL.
 *  4. Whatever the library allocates, the library frees: objects with their
 *     _free function, strings returned as char * with styrkoll_string_free.
 *     A const char * returned by an accessor belongs to the object it came
 *     from and stays valid until that object is freed.
 *  5. All strings are UTF-8 and NUL-terminated.
 *  6. Options structs carry a version field; initialise them with their
 *     _INIT macro so that new fields get defaults when the struct grows.
 *  7. Thread-safety: an engine is immutable once created and may be used by
 *     any number of threads at the same time. A result may be read from any
 *     thread but must not be freed while another thread reads it.
 *     styrkoll_last_error() is per thread.
 *  8. No C++ exception ever crosses this API; running out of memory is
 *     reported as STYRKOLL_ERROR.
 *  9. Lists are read by index: a _count function and accessors taking an
 *     index; an index out of range gives NULL, 0 or STYRKOLL_MISSING.
 */
#ifndef STYRKOLL_STYRKOLL_H
#define STYRKOLL_STYRKOLL_H

#include <stddef.h>

#if defined(_WIN32)
#define STYRKOLL_API
#else
#define STYRKOLL_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes. */
#define STYRKOLL_OK 0
#define STYRKOLL_ERROR (-1)              /* anything not listed below */
#define STYRKOLL_EUNSUPPORTED (-2)       /* not a format Styrkoll reads */
#define STYRKOLL_ENEEDS_OCR (-3)         /* a scanned PDF without a text layer */
#define STYRKOLL_EENCRYPTED (-4)         /* password protected */
#define STYRKOLL_ECORRUPT (-5)           /* damaged, truncated, or empty */
#define STYRKOLL_EINVALID_RULES (-6)     /* the rule pack does not load */
#define STYRKOLL_ETIMEOUT (-7)           /* over the time limit */
#define STYRKOLL_ECANCELLED (-8)         /* stopped by the progress callback */
#define STYRKOLL_EINVALID_ARGUMENT (-9)  /* a NULL or unusable argument */
#define STYRKOLL_EIO (-10)               /* a file could not be opened or read */

/* Coverage of a perspective. */
#define STYRKOLL_MISSING 0
#define STYRKOLL_WEAK 1
#define STYRKOLL_STRONG 2

typedef struct styrkoll_engine styrkoll_engine;
typedef struct styrkoll_result styrkoll_result;

/* Options of one analysis. */
typedef struct styrkoll_analyze_options {
  unsigned int version;       /* STYRKOLL_ANALYZE_OPTIONS_VERSION */
  const char *type_override;  /* a document type id (skips classification), or NULL */
  unsigned long max_file_mb;  /* largest input accepted; 0 = the default (512 MiB) */
} styrkoll_analyze_options;
#define STYRKOLL_ANALYZE_OPTIONS_VERSION 1
#define STYRKOLL_ANALYZE_OPTIONS_INIT {STYRKOLL_ANALYZE_OPTIONS_VERSION, NULL, 0}

/* Called during a scan after each document. Return non-zero to cancel.
 * Called on the thread that runs styrkoll_scan. */
typedef int (*styrkoll_progress_fn)(size_t done, size_t total, const char *path, void *payload);

/* Options of a scan. */
typedef struct styrkoll_scan_options {
  unsigned int version;        /* STYRKOLL_SCAN_OPTIONS_VERSION */
  const char *cache_path;      /* SQLite cache file, or NULL for none */
  const char *manifest_path;   /* CSV/YAML: path -> document type, or NULL */
  int isolate;                 /* non-zero: analyse in worker processes (fork), with time and memory
                                  limits; REQUIRES a process with no other threads. 0: in-process. */
  int workers;                 /* worker processes when isolating; 0 = one per core */
  int timeout_s;               /* per document when isolating; 0 = the default (120 s) */
} styrkoll_scan_options;
#define STYRKOLL_SCAN_OPTIONS_VERSION 1
#define STYRKOLL_SCAN_OPTIONS_INIT {STYRKOLL_SCAN_OPTIONS_VERSION, NULL, NULL, 0, 0, 0}

/* Library version, e.g. "0.1.0". Never NULL. */
STYRKOLL_API const char *styrkoll_version(void);

/* The message of the last failure on this thread ("" after success). */
STYRKOLL_API const char *styrkoll_last_error(void);

/* "missing", "weak", "strong" (or "" for an unknown value). */
STYRKOLL_API const char *styrkoll_coverage_name(int coverage);

/* Frees a string returned as char * by this library. NULL is ignored. */
STYRKOLL_API void styrkoll_string_free(char *s);

/* Loads and compiles a rule pack (rules_dir, or the installed national pack
 * when NULL) with the Swedish dictionary. Takes about 0.3 s; create one
 * engine and share it. Errors: STYRKOLL_EINVALID_RULES, STYRKOLL_EIO. */
STYRKOLL_API int styrkoll_engine_new(styrkoll_engine **out, const char *rules_dir);
/* Frees the engine. REQUIRES: no thread still uses it. NULL is ignored. */
STYRKOLL_API void styrkoll_engine_free(styrkoll_engine *engine);
/* The rule pack's id, version and content hash (owned by the engine). */
STYRKOLL_API const char *styrkoll_engine_rules_id(const styrkoll_engine *engine);
STYRKOLL_API const char *styrkoll_engine_rules_version(const styrkoll_engine *engine);
STYRKOLL_API const char *styrkoll_engine_rules_hash(const styrkoll_engine *engine);

/* Reads and analyses one document. options may be NULL (defaults).
 * Errors: STYRKOLL_EIO, STYRKOLL_EUNSUPPORTED, STYRKOLL_ECORRUPT,
 * STYRKOLL_EENCRYPTED, STYRKOLL_ENEEDS_OCR, STYRKOLL_EINVALID_ARGUMENT. */
STYRKOLL_API int styrkoll_analyze_file(styrkoll_result **out, const styrkoll_engine *engine, const char *path,
                                       const styrkoll_analyze_options *options);

/* Analyses a document held in memory (the bytes are only read during the
 * call). name is used in messages and as the document's path (may be NULL);
 * format_hint is "pdf", "docx", "odt", "html", "markdown", "txt" or NULL to
 * detect the format from the bytes. Errors as styrkoll_analyze_file. */
STYRKOLL_API int styrkoll_analyze_buffer(styrkoll_result **out, const styrkoll_engine *engine, const void *data,
                                         size_t size, const char *name, const char *format_hint,
                                         const styrkoll_analyze_options *options);

/* Only classifies the document: the result has a type and confidence, no perspectives. */
STYRKOLL_API int styrkoll_classify_file(styrkoll_result **out, const styrkoll_engine *engine, const char *path);

/* Frees a result. NULL is ignored. */
STYRKOLL_API void styrkoll_result_free(styrkoll_result *result);

/* The document type id (a type of the rule pack, or "out_of_scope") and the confidence 0..1. */
STYRKOLL_API const char *styrkoll_result_doc_type(const styrkoll_result *result);
STYRKOLL_API double styrkoll_result_doc_type_confidence(const styrkoll_result *result);
/* Whether the document names welfare crime at all (STYRKOLL_MISSING/WEAK/STRONG). */
STYRKOLL_API int styrkoll_result_wc_explicit(const styrkoll_result *result);
/* 0..100 over the type's expected perspectives. */
STYRKOLL_API double styrkoll_result_coverage_score(const styrkoll_result *result);

/* Perspectives (the type's expected ones). */
STYRKOLL_API size_t styrkoll_result_perspective_count(const styrkoll_result *result);
STYRKOLL_API const char *styrkoll_result_perspective_id(const styrkoll_result *result, size_t i);
STYRKOLL_API int styrkoll_result_perspective_coverage(const styrkoll_result *result, size_t i);
/* The first reason, in Swedish ("" when none). */
STYRKOLL_API const char *styrkoll_result_perspective_reason(const styrkoll_result *result, size_t i);
/* The recommended formulation, in Swedish ("" when the perspective is strong). */
STYRKOLL_API const char *styrkoll_result_perspective_recommendation(const styrkoll_result *result, size_t i);

/* Evidence passages of perspective i, best first. */
typedef struct styrkoll_evidence {
  int page;             /* 1-based page, 0 for formats without pages */
  const char *section;  /* heading path joined with " > " ("" outside any section) */
  const char *quote;    /* the passage */
  size_t char_start;    /* code point offsets in the document's plain text */
  size_t char_end;
} styrkoll_evidence;
STYRKOLL_API size_t styrkoll_result_evidence_count(const styrkoll_result *result, size_t perspective);
/* Fills *out (strings owned by the result). Errors: STYRKOLL_EINVALID_ARGUMENT for an index out of range. */
STYRKOLL_API int styrkoll_result_evidence(styrkoll_evidence *out, const styrkoll_result *result, size_t perspective,
                                          size_t i);

/* The result as the JSON object of one `documents[]` entry of the report
 * schema (docs/report-schema.md); identical to `styrkoll check --json`. */
STYRKOLL_API const char *styrkoll_result_json(const styrkoll_result *result);

/* Scans files and folders and returns the whole report (styrkoll.report/1)
 * as JSON in *report_json (free with styrkoll_string_free). progress may be
 * NULL; it is called after each document and cancels the scan by returning
 * non-zero (STYRKOLL_ECANCELLED; finished documents stay in the cache).
 * options may be NULL (in-process, no cache). */
STYRKOLL_API int styrkoll_scan(char **report_json, const styrkoll_engine *engine, const char *const *paths,
                               size_t path_count, const styrkoll_scan_options *options, styrkoll_progress_fn progress,
                               void *payload);

#ifdef __cplusplus
}
#endif

#endif /* STYRKOLL_STYRKOLL_H */
