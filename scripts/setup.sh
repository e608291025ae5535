#!/usr/bin/env bash
# Installs the Debian packages samplemind needs (when root), else prints the apt-get line.
# Usage: scripts/setup.sh [--test]   (--test adds what the test suite needs, with the sample and
# sound packages of the real-material floors, tests/integration/test_features_real_floors.sh)
set -euo pipefail

packages=(build-essential cmake pkg-config libcli11-dev libsndfile1-dev libmpg123-dev libaubio-dev libssl-dev
  libsqlite3-dev nlohmann-json3-dev libfmt-dev doctest-dev libcurl4-openssl-dev libhiredis-dev
  libebur128-dev libfftw3-dev libtag1-dev libsimdjson-dev libjemalloc-dev libxxhash-dev help2man dpkg-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(redis-server redis-tools python3 python3-mutagen sox sqlite3 clang libclang-rt-14-dev time ccache zsh fish cppcheck chromium
    sonic-pi-samples lmms-common freepats avldrums.lv2-soundfont aubio-tools libsox-fmt-base
    sound-theme-freedesktop pingus-data chromium-bsu-data tuxpaint-data freeciv-data sound-icons klettres-data)
fi

source "$(dirname "$0")/lib/ensure_packages.sh"
ensure_packages samplemind "${packages[@]}"
