#!/usr/bin/env bash
# Accuracy floors on a small labelled corpus, so tempo/key quality cannot silently regress.
# Measured on this subset when the floors were set: see docs/features.md.
set -euo pipefail
: "${SAMPLEMIND_BIN:?}" "${SAMPLEMIND_SOURCE_DIR:?}" "${SAMPLEMIND_BUILD_DIR:?}"
build_dir="$SAMPLEMIND_BUILD_DIR"
if [[ ! -x "$build_dir/gen_corpus" || ! -x "$build_dir/eval_features" ]]; then
  cmake --build "$build_dir" --target gen_corpus eval_features >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build_dir/gen_corpus" "$work/corpus" --small --seed 99
# A cache of its own: the scores must come from this build's extraction, never from features
# another build cached under the same extractor version (checked after the run).
XDG_CACHE_HOME="$work/cache" SAMPLEMIND_BIN="$SAMPLEMIND_BIN" SAMPLEMIND_BUILD_DIR="$build_dir" \
  "$SAMPLEMIND_SOURCE_DIR/scripts/eval_features.sh" --corpus "$work/corpus" \
  --floor acc2=0.93 --floor acc1=0.85 --floor acc1_top2=0.93 --floor integer=0.85 --floor mirex=0.9 \
  --floor nokey_percussive=0.9 --floor notempo_oneshot=0.9
if [[ -e "$work/cache/samplemind" ]]; then
  echo "FAIL: eval_features.sh used the feature cache ($work/cache/samplemind exists): it must extract every file"
  exit 1
fi
