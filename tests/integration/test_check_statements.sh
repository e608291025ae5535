#!/usr/bin/env bash
# End to end: --check-statements compares the tempo, key and root each file states with its
# audio. A contradiction is named on stderr (escaped), counted in the summary (table and
# JSON), marked in the file's JSON entry, and exits 6; agreement (an octave or a related key
# included) exits 0; a failed file still exits 1; --ignore-metadata with it is a usage error.
source "$(dirname "$0")/lib.sh"

bin=$SAMPLEMIND_BIN
src="$SAMPLEMIND_SOURCE_DIR/samples"
mkdir -p right wrong
# loop_amber.flac: 120 BPM, A minor (its audio reads both).
cp "$src/loop_amber.flac" right/amber_120bpm_Amin.flac
cp "$src/loop_amber.flac" right/amber_60bpm_Cmaj.flac       # half the tempo, the relative key: both agree
cp "$src/loop_amber.flac" right/amber_plain.flac            # states nothing
cp "$src/loop_amber.flac" wrong/amber_97bpm_F#min.flac      # both contradicted
cp "$src/loop_amber.flac" "wrong/amber_$(printf 'tab\t')_140bpm.flac"  # a control character in the name
touch -d '1 hour ago' right/* wrong/*                        # older than the racy-stat window

set +e
"$bin" --cache none features right --check-statements --format jsonl > right.jsonl 2> right.err
code=$?
set -e
assert_eq "$code" "0" "statements the audio agrees with exit 0"
[[ ! -s right.err ]] || fail "agreeing statements printed: $(cat right.err)"
assert_json_finite right.jsonl
verdicts() {  # JSONL NAME-PART: the tempo and key verdicts of that file
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    if sys.argv[2] in d["path"]:
        c = d["statement_check"]
        print(c["tempo"], c["key"], len(c["disagreements"]))
' "$1" "$2"
}
assert_eq "$(verdicts right.jsonl amber_120bpm)" "agrees agrees 0" "the right tempo and key"
assert_eq "$(verdicts right.jsonl amber_60bpm)" "agrees agrees 0" "an octave and the relative key agree"
assert_eq "$(verdicts right.jsonl amber_plain)" "None None 0" "a file stating nothing has nothing checked"

set +e
"$bin" --cache none features wrong right --check-statements --format jsonl > wrong.jsonl 2> wrong.err
code=$?
set -e
assert_eq "$code" "6" "a contradicted statement exits 6"
assert_eq "$(verdicts wrong.jsonl amber_97bpm)" "disagrees disagrees 2" "the wrong tempo and key"
grep -q "samplemind: check: wrong/amber_97bpm_F#min.flac: its file name states 97 BPM; its audio reads 120 BPM" wrong.err ||
  fail "stderr does not name the wrong tempo: $(cat wrong.err)"
grep -q "wrong/amber_97bpm_F#min.flac: its file name states F# minor; its audio reads A minor" wrong.err ||
  fail "stderr does not name the wrong key: $(cat wrong.err)"
grep -q 'amber_\\ttab' wrong.err || grep -q 'tab\\t_140bpm' wrong.err || fail "the tab in a name is not escaped: $(cat -A wrong.err)"
if grep -qP '\t' wrong.err; then fail "a raw tab reached stderr"; fi

# The summary counts them, in the table and in analyze's JSON.
set +e
"$bin" --cache none features wrong right --check-statements -q > table.txt 2> /dev/null
code=$?
set -e
assert_eq "$code" "6" "exit 6 with -q too"
grep -q "4 state a tempo, key or root, 2 contradicted by their audio" table.txt ||
  fail "the table summary does not count the statements: $(cat table.txt)"
set +e
"$bin" --cache none analyze wrong right --check-statements --format json > analyze.json 2> /dev/null
code=$?
set -e
assert_eq "$code" "6" "analyze exits 6"
assert_eq "$(json_get analyze.json 'd["summary"]["files_disagreeing"]')" "2" "analyze JSON: files_disagreeing"
assert_eq "$(json_get analyze.json 'd["summary"]["files_stating"]')" "4" "analyze JSON: files_stating"
"$bin" --cache none analyze right --format json > unchecked.json
assert_eq "$(json_get unchecked.json 'd["summary"]["files_disagreeing"]')" "None" "without the flag: null"
assert_eq "$(json_get unchecked.json '"statement_check" in d["files"][0]')" "False" "without the flag: no entry field"

# CSV: the verdicts and the sentences in four columns after the rest, only with the flag.
set +e
"$bin" --cache none features wrong right --check-statements --format csv > check.csv 2> /dev/null
set -e
python3 - check.csv <<'PY' || fail "CSV check columns: $(cat check.csv)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
header = list(rows[0].keys())
assert header[-4:] == ["check_tempo", "check_key", "check_root", "check_disagreements"], header
by_name = {r["path"].split("/")[-1]: r for r in rows}
wrong = by_name["amber_97bpm_F#min.flac"]
assert (wrong["check_tempo"], wrong["check_key"], wrong["check_root"]) == ("disagrees", "disagrees", ""), wrong
assert wrong["check_disagreements"] == ("its file name states 97 BPM; its audio reads 120 BPM; "
                                        "its file name states F# minor; its audio reads A minor"), wrong
assert by_name["amber_plain.flac"]["check_tempo"] == "" and by_name["amber_60bpm_Cmaj.flac"]["check_key"] == "agrees"
PY
"$bin" --cache none features right --format csv > plain.csv
head -1 plain.csv | grep -q check_tempo && fail "check columns without the flag"

# A failed file outranks a contradiction (exit 1), and the flag needs the statements on.
printf 'not audio' > wrong/broken.wav
set +e
"$bin" --cache none features wrong --check-statements -q > /dev/null 2> /dev/null
code=$?
"$bin" --cache none features right --check-statements --ignore-metadata > /dev/null 2> usage.err
usage=$?
set -e
assert_eq "$code" "1" "a failed file exits 1 before 6"
assert_eq "$usage" "2" "--check-statements with --ignore-metadata is a usage error"
grep -q -- "--ignore-metadata" usage.err || fail "the usage error does not name the flag: $(cat usage.err)"
# find --contradicted lists the same files from the cache alone (nothing decoded).
rm wrong/broken.wav
"$bin" analyze wrong right > /dev/null 2>&1 || true
"$bin" find --contradicted --paths -0 | python3 -c 'import os, sys; [print(os.path.basename(p).replace("\t", "\\t")) for p in sorted(sys.stdin.read().split("\0")) if p]' > contradicted.txt
assert_eq "$(cat contradicted.txt)" "$(printf 'amber_97bpm_F#min.flac\namber_tab\\t_140bpm.flac')" "find --contradicted"
assert_eq "$("$bin" find --contradicted --kind one-shot --paths | wc -l)" "0" "--contradicted combines with the other filters"
echo "ok: --check-statements names each contradicted statement, counts it and exits 6; agreement, octaves and related keys exit 0"
