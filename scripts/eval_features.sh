#!/usr/bin/env bash
# Scores samplemind's features on the project's labelled corpus (tools/gen_corpus.cpp):
# tempo Acc1 / Acc2 / exact integer BPM on loops, MIREX key score on tonal loops,
# no-key rate on percussive files. Renders the corpus first when it is missing.
#   scripts/eval_features.sh [--small] [--seed N] [--corpus DIR] [--verbose] [--floor NAME=VALUE]...
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${SAMPLEMIND_BUILD_DIR:-$source_dir/build}"
size_flag=""
seed=2024
corpus=""
eval_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --small) size_flag="--small" ;;
    --seed) seed="$2"; shift ;;
    --corpus) corpus="$2"; shift ;;
    --verbose) eval_args+=(--verbose) ;;
    --floor) eval_args+=(--floor "$2"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
corpus="${corpus:-$build_dir/corpus-${seed}${size_flag:+-small}}"

if [[ ! -x "$build_dir/gen_corpus" || ! -x "$build_dir/eval_features" || -z "${SAMPLEMIND_BIN:-}" ]]; then
  cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir" --target gen_corpus eval_features samplemind -j "$(nproc)" >/dev/null
fi
bin="${SAMPLEMIND_BIN:-$build_dir/samplemind}"

if [[ ! -f "$corpus/manifest.tsv" ]]; then
  echo "rendering corpus into $corpus" >&2
  rm -rf "$corpus"
  "$build_dir/gen_corpus" "$corpus" --seed "$seed" $size_flag
fi
features="$(mktemp)"
trap 'rm -f "$features"' EXIT
start=$(date +%s.%N)
"$bin" features "$corpus" --format jsonl --jobs "$(nproc)" >"$features" || true
end=$(date +%s.%N)
echo "corpus $corpus: $(($(wc -l <"$corpus/manifest.tsv") - 1)) files, features in $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s"
"$build_dir/eval_features" "$corpus/manifest.tsv" "$features" "${eval_args[@]}"
