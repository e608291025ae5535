#!/usr/bin/env bash
# tools/eval_features prints the tuning half before the held-out half whatever order the
# manifest lists them in (tools/eval_table.py reads them in that order); a manifest sorted by
# file name that starts with a held-out row once swapped the two in every report.
set -euo pipefail
: "${SAMPLEMIND_BUILD_DIR:?}"
build_dir="$SAMPLEMIND_BUILD_DIR"
[[ -x "$build_dir/eval_features" ]] || cmake --build "$build_dir" --target eval_features >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tab=$'\t'
{
  echo "file${tab}category${tab}bpm${tab}key${tab}mode${tab}root_midi${tab}format${tab}rate${tab}channels${tab}detail${tab}set${tab}source"
  echo "a.wav${tab}drum_loop${tab}120${tab}-${tab}-${tab}-${tab}wav${tab}44100${tab}2${tab}1bar${tab}heldout${tab}x"
  echo "b.wav${tab}drum_loop${tab}100${tab}-${tab}-${tab}-${tab}wav${tab}44100${tab}2${tab}1bar${tab}tune${tab}y"
  echo "c.wav${tab}drum_loop${tab}90${tab}-${tab}-${tab}-${tab}wav${tab}44100${tab}2${tab}1bar${tab}tune${tab}z"
} >"$work/manifest.tsv"
# The held-out loop reads right; of the two tuning loops one reads right, one at double.
cat >"$work/features.jsonl" <<'JSON'
{"path":"/x/a.wav","status":"ok","features":{"tempo_bpm":120.0,"kind":"loop"}}
{"path":"/x/b.wav","status":"ok","features":{"tempo_bpm":100.0,"kind":"loop"}}
{"path":"/x/c.wav","status":"ok","features":{"tempo_bpm":180.0,"kind":"loop"}}
JSON
report="$("$build_dir/eval_features" "$work/manifest.tsv" "$work/features.jsonl")"
header="$(grep '^metric' <<<"$report")"
acc1="$(grep '\[acc1\]' <<<"$report")"
fail() { echo "FAIL: $1"; echo "$report"; exit 1; }
[[ "$header" =~ ^metric\ +all\ +tune\ +heldout$ ]] || fail "halves not in the order all, tune, heldout: $header"
[[ "$acc1" =~ 0\.667\ \(\ +3\)\ +0\.500\ \(\ +2\)\ +1\.000\ \(\ +1\) ]] || fail "Acc1 cells not all / tune / heldout: $acc1"
echo "ok: eval_features prints all / tune / heldout"
