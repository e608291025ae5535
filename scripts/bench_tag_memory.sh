#!/usr/bin/env bash
# Peak memory of analysing one file whose tag is huge, beside a plain WAV, side by side in one
# run: an MP3 behind an ID3v2 tag, an MP3 with an APE tag, a WAV with a LIST/INFO comment, a
# FLAC with pictures, an Ogg Vorbis comment (tools/make_big_tag_files.py, MB each, default 64:
# over the 32 MB line above which TagLib is not handed a tag, docs/metadata.md). An Ogg comment
# header over 64 MB is refused by the decoder, so at 64 and above its figure is the refusal's.
# SAMPLEMIND_BASELINE_BIN=/path/to/other/samplemind adds that binary's column (a build before
# a change). Each figure is `samplemind features --no-cache -j1` under /usr/bin/time (max RSS).
#   scripts/bench_tag_memory.sh [MB]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="${SAMPLEMIND_BUILD_DIR:-$root/build}"
mb="${1:-64}"
if ! [[ "$mb" =~ ^[1-9][0-9]*$ ]] || (( mb > 1024 )); then
  echo "bench_tag_memory.sh: MB must be a whole number from 1 to 1024 (got '$mb')" >&2
  exit 2
fi
bin="${SAMPLEMIND_BIN:-$build_dir/samplemind}"
baseline="${SAMPLEMIND_BASELINE_BIN:-}"
files="$build_dir/bench-big-tags-$mb"
# The files take a few minutes to write (the Ogg comment most); they are kept for the next run.
[[ -f "$files/comment.ogg" ]] || /usr/bin/python3 "$root/tools/make_big_tag_files.py" "$files" "$mb"

peak_mb() {  # binary, file -> peak resident MB of one features run
  local kb
  kb=$(/usr/bin/time -f '%M' "$1" --cache none features --no-cache -j 1 -q "$2" 2>&1 >/dev/null | tail -n 1)
  awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }'
}

printf '%-15s %8s %10s' "file" "size MB" "peak MB"
[[ -n "$baseline" ]] && printf ' %12s' "baseline MB"
printf '\n'
for name in plain.wav id3v2.mp3 ape.mp3 list.wav pictures.flac comment.ogg; do
  size=$(( $(stat -c %s "$files/$name") >> 20 ))
  printf '%-15s %8d %10s' "$name" "$size" "$(peak_mb "$bin" "$files/$name")"
  [[ -n "$baseline" ]] && printf ' %12s' "$(peak_mb "$baseline" "$files/$name")"
  printf '\n'
done
