#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz, clang, ASan+UBSan) and runs each
# for SECONDS (default 60) from its seed corpus in fuzz/corpus/<target>/.
# Fails when any target crashes, leaks, times out (-timeout=10) or runs out
# of memory (-rss_limit_mb=2048); the reproducer is left in build-fuzz/findings/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs clang and libclang-rt-14-dev (apt-get install -y clang libclang-rt-14-dev).
# Inputs the fuzzer finds go to build-fuzz/corpus/<target>/ (not to the
# source tree). A crash becomes a regression test: copy the reproducer to
# tests/data/fuzz-regressions/<prefix>-<name> (prefix pdf-, docx-, odt-, html-,
# md-, txt-; see tests/unit/hostile_test.cc) and fix the bug.
# Environment: JOBS (build parallelism, default 2), FUZZ_BUILD (build dir).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-$here/build-fuzz}
all=(fuzz_pdf fuzz_zip fuzz_html fuzz_text fuzz_rules fuzz_analyze fuzz_cache)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi

set -e
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DSTYRKOLL_FUZZ=ON -DSTYRKOLL_BUILD_TESTS=OFF -DSTYRKOLL_WERROR=OFF >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]}"
set +e

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summary=()
for t in "${targets[@]}"; do
  work=$build/corpus/$t
  findings=$build/findings/$t
  mkdir -p "$work" "$findings"
  log=$build/findings/$t.log
  echo "== $t: ${seconds} s"
  (cd "$findings" && "$build/fuzz/$t" "$work" "$here/fuzz/corpus/$t" -max_total_time="$seconds" \
     -rss_limit_mb=2048 -timeout=10 -max_len=1048576 -print_final_stats=1 -artifact_prefix="$findings/") >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
  if [ $rc -ne 0 ]; then
    status=1
    summary+=("$t: FAILED (exit $rc) after ${execs:-?} executions; see $log and $findings/")
    grep -E '^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5
  else
    summary+=("$t: ok, ${execs:-?} executions (${speed:-?}/s), ${cov:-cov: ?}, corpus $(ls "$work" | wc -l) files")
  fi
done
echo
printf '%s\n' "${summary[@]}"
exit $status
