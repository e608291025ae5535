#!/usr/bin/env bash
# Scores samplemind's features side by side on the generated corpus (tools/gen_corpus.cpp,
# rendered when missing) and the real corpus (scripts/make_real_corpus.sh: tune / heldout),
# then the same metrics for anchors on the same files: Essentia's tempo and key (essentia.js
# from npm, installed into BUILD_DIR/anchors on first use), `aubio tempo` (aubio-tools) and
# `bpm` (bpm-tools), tempo only for the last two.  See docs/evaluation.md.
#   scripts/eval_features.sh [--small] [--seed N] [--corpus DIR] [--real DIR]... [--no-real]
#                            [--anchors|--no-anchors] [--verbose] [--floor NAME=VALUE]...
# --real given more than once pools several renderings of the real corpus (e.g. MMA loops
# rendered with other seeds, SAMPLEMIND_MMA_SEED) into one table, so that a change is not
# judged on one rendering's noise; anchors then stay off.
# --floor applies to the generated corpus ("all" column), as the accuracy test expects.
# Anchors run by default only together with the real corpus.
# The real corpus is scored when --real is given or when --corpus is not (default folder:
# build/corpus-real; built when missing).
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${SAMPLEMIND_BUILD_DIR:-$source_dir/build}"
size_flag=""
seed=2024
corpus=""
reals=()
use_real=auto
anchors=auto
verbose=()
eval_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --small) size_flag="--small" ;;
    --seed) seed="$2"; shift ;;
    --corpus) corpus="$2"; [[ "$use_real" == auto ]] && use_real=0; shift ;;
    --real) reals+=("$2"); use_real=1; shift ;;
    --no-real) use_real=0 ;;
    --no-anchors) anchors=0 ;;
    --anchors) anchors=1 ;;
    --verbose) verbose=(--verbose) ;;
    --floor) eval_args+=(--floor "$2"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$use_real" == auto ]] && use_real=1
if (( ${#reals[@]} > 1 )); then
  [[ "$anchors" == 1 ]] && { echo "eval_features: anchors score one real corpus at a time" >&2; exit 2; }
  anchors=0
fi
[[ "$anchors" == auto ]] && anchors=$use_real
corpus="${corpus:-$build_dir/corpus-${seed}${size_flag:+-small}}"
real="${reals[0]:-$build_dir/corpus-real}"

if [[ ! -x "$build_dir/gen_corpus" || ! -x "$build_dir/eval_features" || -z "${SAMPLEMIND_BIN:-}" ]]; then
  cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir" --target gen_corpus eval_features samplemind -j "$(nproc)" >/dev/null
fi
bin="${SAMPLEMIND_BIN:-$build_dir/samplemind}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -f "$corpus/manifest.tsv" ]]; then
  # Never delete what the user named: render only into a new or empty folder.
  if [[ -e "$corpus" && ! ( -d "$corpus" && -z "$(ls -A "$corpus")" ) ]]; then
    echo "eval_features: $corpus has no manifest.tsv and is not an empty folder; not rendering over it" >&2
    exit 2
  fi
  echo "rendering corpus into $corpus" >&2
  "$build_dir/gen_corpus" "$corpus" --seed "$seed" $size_flag
fi
if [[ "$use_real" == 1 && ${#reals[@]} -le 1 && ! -f "$real/manifest.tsv" ]]; then
  echo "building real corpus into $real" >&2
  "$source_dir/scripts/make_real_corpus.sh" "$real" || { echo "real corpus unavailable; skipped" >&2; use_real=0; }
fi

# features NAME DIR: runs samplemind on DIR into $work/NAME.jsonl and reports the time.
# Every file is extracted again (--no-cache): cached features are keyed by the extractor's
# version, so a build under test that has not bumped it would be scored on another build's
# cached readings. The audio alone is scored (--ignore-metadata): no corpus file states a
# tempo, key or root, and none may start to.
features() {
  local start end
  start=$(date +%s.%N)
  "$bin" features "$2" --format jsonl --jobs "$(nproc)" --no-cache --ignore-metadata >"$work/$1.jsonl" || true
  end=$(date +%s.%N)
  echo "$1 corpus $2: $(($(wc -l <"$2/manifest.tsv") - 1)) files, features in $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s"
}

# pool_renderings: features of every --real folder, scored as one corpus. Renderings of one
# corpus repeat each file name, so each folder's names get a prefix (p1_, p2_, ...).
pool_renderings() {
  local i=0 dir
  head -n 1 "${reals[0]}/manifest.tsv" >"$work/real-manifest.tsv"
  : >"$work/real.jsonl"
  for dir in "${reals[@]}"; do
    i=$((i + 1))
    [[ -f "$dir/manifest.tsv" ]] || { echo "eval_features: $dir has no manifest.tsv" >&2; exit 2; }
    features "real$i" "$dir"
    tail -n +2 "$dir/manifest.tsv" | sed "s/^/p${i}_/" >>"$work/real-manifest.tsv"
    sed -E "s#(\"path\":\"[^\"]*/)([^\"/]*\")#\1p${i}_\2#" "$work/real$i.jsonl" >>"$work/real.jsonl"
  done
}

features generated "$corpus"
status=0
"$build_dir/eval_features" "$corpus/manifest.tsv" "$work/generated.jsonl" "${verbose[@]}" "${eval_args[@]}" \
  >"$work/generated.txt" || status=$?
if [[ "$use_real" == 1 ]]; then
  manifest="$real/manifest.tsv"
  if (( ${#reals[@]} > 1 )); then
    pool_renderings
    manifest="$work/real-manifest.tsv"
    echo "real = ${#reals[@]} renderings pooled: ${reals[*]}"
  else
    features real "$real"
  fi
  "$build_dir/eval_features" "$manifest" "$work/real.jsonl" "${verbose[@]}" >"$work/real.txt" || true
  # Verbose per-file lines first, then the table: generated "all" beside real all/tune/heldout.
  table='^metric\|\[[a-z0-9_]*\]$'
  grep -v "$table" "$work/generated.txt" || true
  grep -v "$table" "$work/real.txt" || true
  paste -d' ' <(grep "$table" "$work/generated.txt" | cut -c1-41 | sed '1s/  all/  gen/') \
    <(grep "$table" "$work/real.txt" | cut -c29- | sed '1s/ all/real/')
else
  cat "$work/generated.txt"
fi

# anchor_rows NAME MANIFEST JSONL ROWS: the metric rows ROWS (names joined by \|) of a
# tool's JSON lines, labelled with the tool's name.
anchor_rows() {
  local name="$1" manifest="$2" jsonl="$3" rows="$4"
  "$build_dir/eval_features" "$manifest" "$jsonl" | grep "\[\($rows\)\]" |
    awk -v n="$name" '{printf "%-28s%s\n", n " " substr($0, 1, 27 - length(n)), substr($0, 29)}'
}
# anchor_table NAME ROWS MAKE...: runs `MAKE... MANIFEST DIR OUT` on each corpus and prints
# the tool's rows with the columns of samplemind's table (gen | real all tune heldout).
anchor_table() {
  local name="$1" rows="$2"
  shift 2
  "$@" "$corpus/manifest.tsv" "$corpus" "$work/anchor-gen.jsonl"
  anchor_rows "$name" "$corpus/manifest.tsv" "$work/anchor-gen.jsonl" "$rows" | cut -c1-41 >"$work/a-gen.txt"
  if [[ "$use_real" == 1 ]]; then
    "$@" "$real/manifest.tsv" "$real" "$work/anchor-real.jsonl"
    anchor_rows "$name" "$real/manifest.tsv" "$work/anchor-real.jsonl" "$rows" | cut -c29- >"$work/a-real.txt"
    paste -d' ' "$work/a-gen.txt" "$work/a-real.txt"
  else
    cat "$work/a-gen.txt"
  fi
}
# anchor_json TOOL MANIFEST DIR OUT: one JSON line per loop with the tool's tempo.
anchor_json() {
  local tool="$1" dir="$3" out="$4" file tempo
  : >"$out"
  while IFS=$'\t' read -r file category _; do
    [[ "$category" == *_loop ]] || continue
    if [[ "$tool" == aubio ]]; then
      tempo=$(aubio tempo "$dir/$file" 2>/dev/null | awk '/bpm/{print $1}' | tail -n1)
    else
      tempo=$(sox "$dir/$file" -t raw -r 44100 -e float -c 1 - 2>/dev/null | bpm 2>/dev/null || true)
    fi
    [[ "$tempo" =~ ^[0-9.]+$ ]] || tempo=null
    printf '{"path":"%s","status":"ok","features":{"tempo_bpm":%s}}\n' "$file" "$tempo" >>"$out"
  done < <(tail -n +2 "$2")
}
# essentia_json PROFILE MANIFEST DIR OUT: Essentia's tempo and key (essentia.js, from npm,
# installed once into $build_dir/anchors) on the loops and rendered tunes, two processes.
essentia_json() {
  local list="$work/essentia-files.txt"
  awk -F'\t' 'NR > 1 && ($2 ~ /_loop$/ || $2 == "tonal_phrase") {print $1}' "$2" >"$list"
  split -n l/2 "$list" "$work/essentia-part-"
  for part in "$work"/essentia-part-*; do
    xargs -a "$part" node "$source_dir/tools/essentia_anchor.cjs" "$build_dir/anchors/node_modules" "$1" "$3" \
      >"$part.jsonl" 2>/dev/null &
  done
  wait
  cat "$work"/essentia-part-*.jsonl >"$4"
  rm -f "$work"/essentia-part-*
}
essentia_ready() {
  command -v node >/dev/null && command -v npm >/dev/null || return 1
  [[ -f "$build_dir/anchors/node_modules/essentia.js/package.json" ]] ||
    npm install --prefix "$build_dir/anchors" --no-audit --no-fund --silent essentia.js@0.1.3 >/dev/null 2>&1
}
tempo_rows='tempo_given\|acc1\|acc2'
if [[ "$anchors" == 1 ]]; then
  echo
  echo "anchors (same loops; columns as above: gen | real all tune heldout)"
  if essentia_ready; then
    for profile in bgate edma; do
      echo "essentia.js 0.1.3: RhythmExtractor2013 multifeature; KeyExtractor profile $profile"
      anchor_table ess "$tempo_rows\|acc1_mma\|mirex\|mirex_lmms\|mirex_mma\|mirex_phrase" essentia_json "$profile"
    done
  else
    echo "essentia.js: not available (needs node and npm with access to the npm registry)"
  fi
  for tool in aubio bpm; do
    command -v "$tool" >/dev/null || { echo "$tool: not installed (apt-get install aubio-tools bpm-tools)"; continue; }
    anchor_table "$tool" "$tempo_rows" anchor_json "$tool"
  done
fi
exit "$status"
