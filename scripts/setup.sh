#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages (idempotent),
# then configures and builds Styrkoll. Usage: scripts/setup.sh [build-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}

packages=(
  build-essential cmake pkg-config git
  libpoppler-cpp-dev poppler-utils pdfgrep time
  libxml2-dev libicu-dev
  libhunspell-dev hunspell-sv-se
  libzip-dev
  libboost-json1.81-dev libboost-program-options1.81-dev
  libyaml-cpp-dev libsqlite3-dev libssl-dev
  libgtest-dev libgmock-dev libgoogle-perftools-dev
  python3 python3-jsonschema python3-yaml sqlite3 chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
  -DSTYRKOLL_WERROR=${STYRKOLL_WERROR:-ON} >/dev/null
cmake --build "$build" -j"${JOBS:-2}"
