/* Example: analyse one document with the installed Styrkoll C API.
 * Build with pkg-config:  cc analyze.c $(pkg-config --cflags --libs styrkoll) -o analyze
 * or with CMake (find_package(Styrkoll)), see CMakeLists.txt here.
 * Usage: analyze FILE [--json] */
#include <stdio.h>
#include <string.h>

#include <styrkoll/styrkoll.h>

int main(int argc, char **argv) {
  styrkoll_engine *engine = NULL;
  styrkoll_result *result = NULL;
  size_t i;
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE [--json]\n", argv[0]);
    return 2;
  }
  if (styrkoll_engine_new(&engine, NULL) != STYRKOLL_OK) {
    fprintf(stderr, "styrkoll: %s\n", styrkoll_last_error());
    return 1;
  }
  if (styrkoll_analyze_file(&result, engine, argv[1], NULL) != STYRKOLL_OK) {
    fprintf(stderr, "styrkoll: %s\n", styrkoll_last_error());
    styrkoll_engine_free(engine);
    return 1;
  }
  if (argc > 2 && strcmp(argv[2], "--json") == 0) {
    printf("%s\n", styrkoll_result_json(result));
  } else {
    printf("%s: %s (%.0f %%)\n", argv[1], styrkoll_result_doc_type(result), 100 * styrkoll_result_doc_type_confidence(result));
    for (i = 0; i < styrkoll_result_perspective_count(result); ++i) {
      printf("  %-26s %s\n", styrkoll_result_perspective_id(result, i),
             styrkoll_coverage_name(styrkoll_result_perspective_coverage(result, i)));
    }
  }
  styrkoll_result_free(result);
  styrkoll_engine_free(engine);
  return 0;
}
