#!/usr/bin/env bash
# Accuracy floors on real material: audio this project did not synthesise, from Debian
# packages (Sonic Pi's sample library, LMMS's sample loops, freepats' recorded notes and
# drums, the AVL drum kits, desktop and game sound effects with KLettres' spoken letters). test_features_accuracy.sh guards the generated corpus, which
# a change can fit while real loops and notes get worse; this test reads the real sets the
# corpus tools build in seconds, with labels from names and lengths only (docs/evaluation.md,
# "Real material in CI", which lists every floor beside the value it was set from).
# scripts/setup.sh --test installs the packages; a builder without its package stops naming the
# apt-get line (real_corpus_common.require_package), and the test prints it.
set -euo pipefail
: "${SAMPLEMIND_BIN:?}" "${SAMPLEMIND_SOURCE_DIR:?}" "${SAMPLEMIND_BUILD_DIR:?}"
build_dir="$SAMPLEMIND_BUILD_DIR"
tools="$SAMPLEMIND_SOURCE_DIR/tools"
[[ -x "$build_dir/eval_features" ]] || cmake --build "$build_dir" --target eval_features >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

# check_set NAME BUILDER FLOOR...: builds the set with tools/BUILDER into $work/NAME, reads
# every file with the audio alone (--ignore-metadata: the corpus names are opaque anyway),
# asks that every file reads, and applies the floors to the whole set (both halves).
check_set() {
  local name=$1 builder=$2
  shift 2
  local dir="$work/$name" floors=() floor
  python3 "$tools/$builder" "$dir" >"$work/$name.build.log" 2>&1 || {
    echo "FAIL $name: tools/$builder could not build the set:" >&2
    tail -n 5 "$work/$name.build.log" >&2
    failures=$((failures + 1))
    return
  }
  "$SAMPLEMIND_BIN" features "$dir" --format jsonl --no-cache --ignore-metadata >"$work/$name.jsonl" 2>"$work/$name.err" || true
  local files read_ok
  files=$(($(wc -l <"$dir/manifest.tsv") - 1))
  read_ok=$(grep -c '"status":"ok"' "$work/$name.jsonl" || true)
  if [[ "$read_ok" != "$files" ]]; then
    echo "FAIL $name: $read_ok of $files files read" >&2
    head -n 5 "$work/$name.err" >&2
    failures=$((failures + 1))
  fi
  for floor in "$@"; do floors+=(--floor "$floor"); done
  if ! "$build_dir/eval_features" "$dir/manifest.tsv" "$work/$name.jsonl" "${floors[@]}" >"$work/$name.eval" 2>&1; then
    echo "FAIL $name: below a floor" >&2
    cat "$work/$name.eval" >&2
    failures=$((failures + 1))
  else
    echo "ok   $name ($files files)"
  fi
}

# Floors: the value measured with extractor version 30 less one file for a set of fewer than
# 30 files, less about 0.01 for a larger one (docs/evaluation.md, "Real material in CI").
check_set sonicpi real_corpus_sonicpi.py \
  tempo_given=0.77 acc1=0.55 acc2=0.77 loop_kind=0.82 notempo_drumhit=0.98 notempo_fx=0.92 \
  notempo_oneshot=0.96 nokey_drumhit=0.95 tonic=0.69
check_set lmmsloops real_corpus_lmms_loops.py \
  tempo_given=0.92 acc1=0.64 acc2=0.85 loop_kind=0.92
check_set freepats real_corpus_freepats.py \
  tonic=0.95 root=0.89 notempo_oneshot=0.98 nokey_drumhit=0.94
check_set avldrums real_corpus_avldrums.py \
  notempo_drumhit=0.99 nokey_drumhit=0.97
check_set sfx real_corpus_sfx.py \
  notempo_fx=0.96 notempo_spoken=0.96 nopitch_spoken=0.86

if (( failures )); then
  echo "$failures real-material check(s) failed" >&2
  exit 1
fi
