#!/usr/bin/env bash
# Builds the REAL evaluation corpus (audio this project did not synthesise) from Debian
# packages: Hydrogen demo songs + kits, LMMS demo projects + samples, TimGM6mb soundfont,
# the ABC tunes of abcmidi and abcm2ps (rendered with abc2midi and fluidsynth), the example
# songs of MMA (arranged by mma, rendered with fluidsynth).
# Usage: scripts/make_real_corpus.sh OUT_DIR
#   SAMPLEMIND_SF2=/usr/share/sounds/sf2/FluidR3_GM.sf2 renders the notes, tunes and songs
#   with another General MIDI soundfont (package fluid-soundfont-gm) instead of TimGM6mb;
#   SAMPLEMIND_MMA_SEED=N picks MMA's random variations (default 1).
#   Renders and project copies are kept in OUT_DIR.work (reused on the next run);
#   OUT_DIR gets the audio (opaque names) and manifest.tsv.  See docs/evaluation.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make_real_corpus.sh OUT_DIR}
work="${out%/}.work"

packages=(hydrogen hydrogen-drumkits hydrogen-drumkits-effects lmms lmms-common sox libsox-fmt-base
  aubio-tools fluidsynth timgm6mb-soundfont abcmidi abcm2ps mma python3)
source "$root/scripts/lib/ensure_packages.sh"
ensure_packages make_real_corpus "${packages[@]}"

# Only a previous corpus (or an empty folder) is ever wiped.
if [[ -d "$out" ]]; then
  if [[ -f "$out/manifest.tsv" || -z "$(ls -A "$out")" ]]; then
    rm -rf "$out"
  else
    echo "make_real_corpus: $out exists and is not a corpus; refusing to overwrite" >&2
    exit 1
  fi
fi
mkdir -p "$out" "$work"
start=$(date +%s)
python3 "$root/tools/real_corpus_build.py" "$out" "$work"
# What rendered this corpus (build.log names MMA's seed), to trace a score that moves.
dpkg-query -W "${packages[@]}" >"$work/versions.tsv"
echo "make_real_corpus: done in $(( $(date +%s) - start )) s; log of dropped loops: $work/build.log" >&2
