#!/usr/bin/env bash
# Installs into a clean prefix, then builds the example with pkg-config and
# with CMake (find_package), runs both, compares the C API's JSON with the
# CLI's `check --json`, and runs the Python ctypes test on the installed library.
set -euo pipefail
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libstyrkoll.so.0' -printf '%h\n' | head -1)
[ -n "$libdir" ] || { echo "FAIL: libstyrkoll.so.0 not installed"; exit 1; }
[ -f "$prefix/include/styrkoll/styrkoll.h" ] || { echo "FAIL: header not installed"; exit 1; }
[ -f "$prefix/share/styrkoll/rules/valfardsbrott/pack.yaml" ] || { echo "FAIL: rules not installed"; exit 1; }
doc=$root/corpus/docs/norrby-handlingsplan-valfardsbrott-2025-2027.pdf

# pkg-config
export PKG_CONFIG_PATH=$libdir/pkgconfig
cc -std=c89 -pedantic -Wall -Werror "$root/examples/c/analyze.c" $(pkg-config --cflags --libs styrkoll) \
   -Wl,-rpath,"$libdir" -o "$work/analyze-pc"
# CMake package
cmake -S "$root/examples/c" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_RPATH="$libdir" >/dev/null
cmake --build "$work/cmake-build" >/dev/null

# The installed engine finds the installed rule pack by itself (NULL rules dir).
STYRKOLL_RULES="$prefix/share/styrkoll/rules/valfardsbrott" "$work/analyze-pc" "$doc" | head -3
"$work/cmake-build/analyze" "$doc" --json > "$work/capi.json"
"$root/build/tools/styrkoll" check --json "$doc" --rules "$root/rules/valfardsbrott" > "$work/cli.json"
/usr/bin/python3 - "$work/capi.json" "$work/cli.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a == b, "C API and CLI results differ"
PY
STYRKOLL_LIBRARY=$libdir/libstyrkoll.so.0 /usr/bin/python3 "$root/tests/python/test_styrkoll.py" \
  "$root/bindings/python" "$root/corpus/docs" "$prefix/share/styrkoll/rules/valfardsbrott"
echo "install/consume ok"
