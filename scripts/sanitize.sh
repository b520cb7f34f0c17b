#!/usr/bin/env bash
# Sanitizer runs (not part of scripts/test.sh; run on demand or in a nightly job).
#
#   scripts/sanitize.sh [asan|tsan|all]     (default: all)
#
# asan: configures build-asan with -fsanitize=address,undefined (g++) and runs
#       the whole ctest suite in it. UBSan findings abort (-fno-sanitize-recover),
#       so every finding fails its test. The scan's per-worker address-space
#       limit is off under sanitizers (lib/scan/workers.cc). capi_install_consume
#       is left out: it links an uninstrumented program against the instrumented
#       library, which ASan refuses ("runtime does not come first").
# tsan: configures build-tsan with -fsanitize=thread and runs the threaded
#       tests: the C API test `capi_threads` and the unit test
#       `Tokens.SharedLexiconFromManyThreads`.
# Environment: JOBS (build parallelism, default 2), ASAN_BUILD, TSAN_BUILD (build dirs).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
jobs=${JOBS:-2}
asan_dir=${ASAN_BUILD:-$here/build-asan}
tsan_dir=${TSAN_BUILD:-$here/build-tsan}

configure() {  # configure DIR FLAGS
  cmake -S "$here" -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTYRKOLL_WERROR=OFF \
    -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
    "-DCMAKE_C_FLAGS=$2" "-DCMAKE_CXX_FLAGS=$2" \
    "-DCMAKE_EXE_LINKER_FLAGS=$2" "-DCMAKE_SHARED_LINKER_FLAGS=$2" >/dev/null
}

run_asan() {
  local t0=$SECONDS
  configure "$asan_dir" "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  cmake --build "$asan_dir" -j"$jobs"
  local t1=$SECONDS
  # detect_leaks: poppler's pinned "keeper" document and Hunspell's caches are
  # intentionally process-lifetime; leaks are still reported (as errors) for the rest.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1} \
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/fuzz/lsan.supp:print_suppressions=0} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    ctest --test-dir "$asan_dir" --output-on-failure -j"$jobs" --timeout 900 -E '^capi_install_consume$'
  echo "asan: build $((t1 - t0)) s, tests $((SECONDS - t1)) s"
}

run_tsan() {
  local t0=$SECONDS
  configure "$tsan_dir" "-fsanitize=thread -fno-omit-frame-pointer"
  cmake --build "$tsan_dir" -j"$jobs" --target capi_threads styrkoll_unit_tests
  local t1=$SECONDS
  TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$here/fuzz/tsan.supp} \
    ctest --test-dir "$tsan_dir" --output-on-failure --timeout 900 \
      -R '^(capi_threads|Tokens\.SharedLexiconFromManyThreads|ReportStream\..*|Sha256\..*)$'
  echo "tsan: build $((t1 - t0)) s, tests $((SECONDS - t1)) s"
}

case "$what" in
  asan) run_asan ;;
  tsan) run_tsan ;;
  all) run_asan; run_tsan ;;
  *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;;
esac
