#!/usr/bin/env bash
# Hostile command lines, environments and terminals (docs/reliability.md): closed or full
# stderr/stdout, a reader that goes away, nan and absurd numbers in flags and variables,
# .env edge cases, passwords in URLs, control characters and formulas in file names, and
# signals sent twice at once or during a rate-limit wait.
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/integration/reliability_lib.sh"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
bin="$SAMPLEMIND_BIN"
mkdir lib && cp "$samples"/*.wav lib/ && printf 'not audio' > lib/broken.wav
one_wav=$(ls "$samples"/*.wav | head -1)

# assert_no_crash CODE: a signal death (>= 128 but not our 130) is a crash.
assert_no_crash() { [[ $1 -lt 128 || $1 -eq 130 ]] || fail "$2: died with exit $1"; }

# --- item 5: stderr closed or full, with a broken file: diagnostics never throw -----------
set +e; "$bin" --cache none analyze lib --format json > closed-stderr.json 2>&-; code=$?; set -e
assert_eq "$code" "1" "stderr closed (2>&-), one broken file"
assert_json_finite closed-stderr.json
set +e; "$bin" --cache none analyze lib --format json > full-stderr.json 2> /dev/full; code=$?; set -e
assert_eq "$code" "1" "stderr full (2>/dev/full), one broken file"
set +e; "$bin" --cache none features lib > /dev/null 2>&-; code=$?; set -e
assert_eq "$code" "1" "features with stderr closed"

# --- item 14: stdout write errors are detected (exit 3), the report file still written ----
set +e; "$bin" --cache none analyze "$samples" --report full.json > /dev/full 2> full.err; code=$?; set -e
assert_eq "$code" "3" "stdout on /dev/full"
grep -q "cannot write to standard output" full.err || fail "no stdout write error on stderr: $(cat full.err)"
assert_json_finite full.json
set +e; "$bin" --cache none analyze "$samples" --format csv >&- 2> closed.err; code=$?; set -e
assert_eq "$code" "3" "stdout closed (>&-)"
grep -q "standard output is closed" closed.err || fail "closed stdout not reported: $(cat closed.err)"
set +e; "$bin" --cache none features "$samples" > /dev/full 2> /dev/null; code=$?; set -e
assert_eq "$code" "3" "features: stdout on /dev/full"
# A partial run keeps its meaning only when the output arrived: 1 becomes 3.
set +e; "$bin" --cache none analyze lib > /dev/full 2> /dev/null; code=$?; set -e
assert_eq "$code" "3" "partial run with stdout on /dev/full"

# --- item 24: a reader that goes away: EPIPE, not SIGPIPE; the report file comes first ----
set +e
"$bin" --cache none analyze lib --report piped.json | true
codes=("${PIPESTATUS[@]}")
"$bin" --cache none analyze lib --format json --report piped2.json | head -1 > /dev/null
codes2=("${PIPESTATUS[@]}")
set -e
assert_no_crash "${codes[0]}" "analyze | true"
assert_no_crash "${codes2[0]}" "analyze | head -1"
assert_json_finite piped.json
assert_json_finite piped2.json
assert_eq "$(json_get piped.json 'd["summary"]["files_total"]')" "$(ls lib | wc -l)" "report file complete"

# --- item 11: numbers are finite and in range, in flags and in variables (exit 2) ---------
for value in nan NaN inf -1 1e-9 1e-300 1e400 0x10 2e6; do
  set +e; "$bin" --cache none analyze "$samples" --rpm "$value" > /dev/null 2> rpm.err; code=$?; set -e
  assert_eq "$code" "2" "--rpm '$value'"
  grep -q -- "--rpm must be a number from 0.01 to 1000000, or 0" rpm.err || fail "--rpm '$value': $(cat rpm.err)"
done
for value in nan inf -0.5 1e7; do
  set +e; "$bin" --cache none analyze "$samples" --max-cost "$value" > /dev/null 2> cost.err; code=$?; set -e
  assert_eq "$code" "2" "--max-cost '$value'"
  grep -q -- "--max-cost must be a number from 0 to 1000000" cost.err || fail "--max-cost '$value': $(cat cost.err)"
done
expect_exit 0 "$bin" --cache none analyze "$samples" --rpm 0 --max-cost 0 > /dev/null
for value in nan 1e-7 1e20 2562047788015215 -1 inf; do
  set +e; AI_CACHE_TTL_HOURS=$value "$bin" --cache memory analyze "$samples" > /dev/null 2> ttl.err; code=$?; set -e
  assert_eq "$code" "2" "AI_CACHE_TTL_HOURS=$value"
  grep -q "AI_CACHE_TTL_HOURS must be a number from" ttl.err || fail "TTL '$value': $(cat ttl.err)"
done
printf 'AI_CACHE_TTL_HOURS=1e20\n' > .env
set +e; "$bin" --cache memory analyze "$samples" > /dev/null 2> ttl-dotenv.err; code=$?; set -e
assert_eq "$code" "2" "AI_CACHE_TTL_HOURS=1e20 in .env"
rm .env
for variable in SAMPLEMIND_TIMEOUT_S SAMPLEMIND_CONNECT_TIMEOUT_S SAMPLEMIND_MAX_RETRIES; do
  for value in nan 1e-300 1e300; do
    set +e
    env "$variable=$value" OPENAI_API_KEY=sk-test OPENAI_BASE_URL=http://127.0.0.1:9/v1 \
      "$bin" --cache none analyze "$samples" --provider openai > /dev/null 2> num.err
    code=$?; set -e
    assert_eq "$code" "2" "$variable=$value"
    grep -q "$variable must be" num.err || fail "$variable=$value: $(cat num.err)"
  done
done

# --- item 12: .env follows the dotenv rules ----------------------------------------------
printf 'SAMPLEMIND_PROVIDER="offline" # the local analyser\n' > .env
"$bin" --cache none analyze "$samples" --format json > dq.json
assert_eq "$(json_get dq.json 'd["summary"]["provider"]')" "offline" "double-quoted value with a comment"
printf "SAMPLEMIND_PROVIDER='offline'   # single\n" > .env
"$bin" --cache none analyze "$samples" --format json > sq.json
assert_eq "$(json_get sq.json 'd["summary"]["provider"]')" "offline" "single-quoted value with a comment"
printf '\xef\xbb\xbfAI_CACHE_BACKEND=memory\r\nexport SAMPLEMIND_PROVIDER=offline\r\n' > .env
"$bin" analyze "$samples" --format json > bom.json
assert_eq "$(json_get bom.json 'd["summary"]["cache_backend"]')" "memory" "first variable after a BOM, CRLF"
AI_CACHE_BACKEND= "$bin" analyze "$samples" --format json > empty-env.json
assert_eq "$(json_get empty-env.json 'd["summary"]["cache_backend"]')" "sqlite" "an empty variable overrides .env"
printf 'AI_CACHE_BACKEND=memory\nOPENAI_API_KEY\n' > .env
set +e; "$bin" analyze "$samples" > /dev/null 2> dotenv-bad.err; code=$?; set -e
assert_eq "$code" "2" "malformed .env line"
grep -q ".env line 2: expected '=' after OPENAI_API_KEY" dotenv-bad.err || fail "$(cat dotenv-bad.err)"
printf 'A="never closed\n' > .env
set +e; "$bin" analyze "$samples" > /dev/null 2> dotenv-quote.err; code=$?; set -e
assert_eq "$code" "2" "unterminated quote in .env"
head -c 2000000 /dev/zero | tr '\0' '#' > .env
set +e; "$bin" analyze "$samples" > /dev/null 2> dotenv-big.err; code=$?; set -e
assert_eq "$code" "2" ".env over 1 MiB"
rm .env

# --- item 20: no password in any message about a URL, parsed or not ----------------------
for url in 'redis://:S3cr/3tPW@127.0.0.1:6379' 'redis:/:S3cr3tPW@127.0.0.1:6379' 'rediss://:S3cr3tPW@h:1' \
           'redis://:S3cr3tPW@127.0.0.1:99999' 'bogus://u:S3cr3tPW@h' 'redis:S3cr3tPW@h'; do
  set +e; "$bin" --cache "$url" analyze "$samples" > /dev/null 2> url.err; set -e
  grep -q "3tPW" url.err && fail "password shown for $url: $(cat url.err)"
  grep -q "\*\*\*" url.err || fail "no masked URL in the error for $url: $(cat url.err)"
done
set +e
AI_CACHE_BACKEND=redis REDIS_URL='redis://:S3cr/3tPW@127.0.0.1:6379' "$bin" analyze "$samples" > /dev/null 2> url-env.err
set -e
grep -q "3tPW" url-env.err && fail "password shown from REDIS_URL: $(cat url-env.err)"

# --- item 21: control characters in names are escaped in tables and on stderr -------------
mkdir names
cp "$one_wav" "names/evil
ok    hit   120 BPM  forged.wav"
cp "$one_wav" "names/esc$(printf '\033')[31mred.wav"
printf 'not audio' > "names/bad
line.wav"
set +e
"$bin" --cache none analyze names > names.txt 2> names.err
"$bin" --cache none features names > features.txt 2> /dev/null
set -e
python3 - names.txt features.txt names.err <<'PY'
import sys
table, features, err = (open(p, "rb").read() for p in sys.argv[1:4])
for name, text in (("analyze table", table), ("features table", features), ("stderr", err)):
    assert b"\x1b" not in text, name + ": raw ESC"
    assert b"\\x1b[31mred.wav" in text or name == "stderr", name + ": ESC not shown as \\x1b"
rows = [l for l in table.split(b"\n") if l.startswith((b"ok ", b"error ", b"skipped "))]
assert len(rows) == 3, rows                      # one row per file, none forged
assert b"names/evil\\nok    hit" in table, table
assert b"names/bad\\nline.wav" in err, err       # the broken file on one stderr line
assert all(l.startswith(b"samplemind: ") for l in err.split(b"\n") if l), err
PY

# --- item 22: CSV cells that a spreadsheet would run as formulas start with ' -------------
mkdir formulas && cd formulas
for name in '=HYPERLINK("x","y").wav' '+cmd.wav' '-2+3.wav' '@SUM(A1).wav'; do cp -- "$one_wav" "$name"; done
"$bin" --cache none analyze --format csv -- '=HYPERLINK("x","y").wav' '+cmd.wav' '-2+3.wav' '@SUM(A1).wav' > ../formulas.csv
"$bin" --cache none features --format csv -- '+cmd.wav' > ../features-formulas.csv
cd ..
python3 - formulas.csv features-formulas.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert sorted(r["path"] for r in rows) == sorted(["'=HYPERLINK(\"x\",\"y\").wav", "'+cmd.wav", "'-2+3.wav", "'@SUM(A1).wav"]), rows
assert all(r["status"] == "ok" for r in rows), rows
assert any(r["loudness_lufs"].startswith("-") for r in rows), "negative numbers stay numbers"
assert [r["path"] for r in csv.DictReader(open(sys.argv[2], newline=""))] == ["'+cmd.wav"]
PY

# --- items 25 and 15: signals sent twice at once, and files not reached ------------------
"$(tool_bin gen_tiny_library)" big 200
start_mock_provider 200
paid=(analyze big --provider openai --model gpt-4o-mini --concurrency 2 -j 2 --format json)
# timeout signals the child and then its own process group: two SIGINTs at once are one request.
set +e; timeout --preserve-status -s INT 3 "$bin" --cache none "${paid[@]}" > timeout.json 2> timeout.err; code=$?; set -e
assert_eq "$code" "130" "timeout -s INT on the process group"
assert_json_finite timeout.json
python3 - timeout.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["interrupted"] is True and s["files_total"] == 200, s
assert s["files_failed"] == 0, s
assert s["files_skipped"] == sum(f["status"] == "skipped" for f in d["files"]) > 0, s
assert all(f["error"] == "not analysed: interrupted" for f in d["files"] if f["status"] == "skipped")
PY
# A signal during a rate-limit wait: the waiting files are skipped (counted in files_skipped), not failed.
url="sqlite:$work/rpm.db"
"$bin" --cache "$url" "${paid[@]}" --rpm 20 > rpm.json 2> rpm-run.err &
pid=$!
wait_for entries_at_least "$url" 1
sleep 0.5
kill -INT "$pid"
set +e; wait "$pid"; code=$?; set -e
assert_eq "$code" "130" "SIGINT during a rate-limit wait"
python3 - rpm.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["interrupted"] is True, s
assert s["files_failed"] == 0, [f for f in d["files"] if f["status"] == "error"][:3]
assert s["files_skipped"] == sum(f["status"] == "skipped" for f in d["files"]) >= 190, s
assert all(f["error"] == "not analysed: interrupted" for f in d["files"] if f["status"] == "skipped")
PY
echo "ok"
