#!/usr/bin/env bash
# Scores samplemind on every evaluation set at once and prints them side by side
# (tools/eval_table.py): one scripts/eval_features.sh run per set, anchors off, the
# generated corpus once. A set is NAME=DIR, or NAME=DIR,DIR,... to pool renderings of the
# same corpus (each DIR becomes a --real). With no set given, every one of the documented
# folders under build/ that exists is scored: corpus-real, corpus-perturbed, corpus-frac,
# corpus-songs, corpus-sonicpi, corpus-lmmsloops, corpus-sampleloops, corpus-freepats,
# corpus-avldrums, corpus-sfx, corpus-songloops, corpus-fluid (docs/evaluation.md says how each
# is made).
# The reports are kept in BUILD_DIR/eval-all/NAME.txt.
#   scripts/eval_all_sets.sh [NAME=DIR[,DIR...]]...
# SAMPLEMIND_BIN and SAMPLEMIND_BUILD_DIR are passed on to eval_features.sh.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${SAMPLEMIND_BUILD_DIR:-$source_dir/build}"

sets=("$@")
if [[ ${#sets[@]} -eq 0 ]]; then
  for name in real perturbed frac songs sonicpi lmmsloops sampleloops freepats avldrums sfx songloops fluid; do
    [[ -f "$build_dir/corpus-$name/manifest.tsv" ]] && sets+=("$name=$build_dir/corpus-$name")
  done
fi
if [[ ${#sets[@]} -eq 0 ]]; then
  echo "eval_all_sets.sh: no evaluation set found under $build_dir (docs/evaluation.md: how to make them)" >&2
  exit 2
fi

out_dir="$build_dir/eval-all"
mkdir -p "$out_dir"
table_args=()
for set in "${sets[@]}"; do
  name="${set%%=*}"
  dirs="${set#*=}"
  if [[ -z "$name" || "$name" == "$set" || ! "$name" =~ ^[A-Za-z0-9_.-]+$ ]]; then
    echo "eval_all_sets.sh: a set is NAME=DIR[,DIR...] with a plain name (got '$set')" >&2
    exit 2
  fi
  real_args=()
  IFS=',' read -r -a folders <<<"$dirs"
  for folder in "${folders[@]}"; do
    if [[ ! -f "$folder/manifest.tsv" ]]; then
      echo "eval_all_sets.sh: $folder has no manifest.tsv (set '$name')" >&2
      exit 2
    fi
    real_args+=(--real "$folder")
  done
  echo "eval_all_sets.sh: scoring $name (${#folders[@]} folder(s))" >&2
  "$source_dir/scripts/eval_features.sh" --no-anchors "${real_args[@]}" >"$out_dir/$name.txt" 2>&1
  table_args+=("$name=$out_dir/$name.txt")
done
python3 "$source_dir/tools/eval_table.py" "${table_args[@]}"
