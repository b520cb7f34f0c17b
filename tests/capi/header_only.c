/* Compiles the public C header on its own, as C89 and as C99, with -pedantic -Werror. */
#include "styrkoll/styrkoll.h"

int main(void) {
  styrkoll_analyze_options o = STYRKOLL_ANALYZE_OPTIONS_INIT;
  styrkoll_scan_options s = STYRKOLL_SCAN_OPTIONS_INIT;
  styrkoll_evidence e;
  e.page = 0;
  (void)o;
  (void)s;
  (void)e;
  return 0;
}
