#!/usr/bin/env bash
# Hostile file systems (docs/reliability.md, "Hostile file systems"): names that are not
# UTF-8, devices, process substitution, same-size same-mtime rewrites, paths near and past
# PATH_MAX, symlinks planted in a file cache and at a report's temp name, `ulimit -f`, a
# report path that cannot be written, and a library copied off a Mac. Each section says which promise it holds.
source "$(dirname "$0")/lib.sh"
bin="$SAMPLEMIND_BIN"
sample="$SAMPLEMIND_SOURCE_DIR/samples/groove_street.wav"

# two_tones DIR: DIR/low.wav and DIR/high.wav, the same size and format, different audio.
two_tones() {
  python3 - "$1" <<'PY'
import math, struct, sys, wave
for name, hz in (("low", 220.0), ("high", 1760.0)):
    with wave.open(f"{sys.argv[1]}/{name}.wav", "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
        w.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * hz * i / 22050)))
                               for i in range(22050)))
PY
}

# features_of REPORT NAME_SUFFIX: the features object of the file whose path ends so.
features_of() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(json.dumps([f["features"] for f in d["files"] if f["path"].endswith(sys.argv[2])][0], sort_keys=True))' "$1" "$2"
}

# --- 1. Names that are not UTF-8, an hour old (stat record stored) and fresh, every backend.
mkdir -p names
cp "$sample" "$(printf 'names/old\xffname.wav')"
touch -d '1 hour ago' names/*
cp "$sample" "$(printf 'names/fresh\xfe.wav')"
backends=("sqlite:$work/names.db" "file:$work/names-cache" memory)
if command -v redis-server > /dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --save '' --appendonly no --daemonize no > redis.log 2>&1 &
  redis_pid=$!
  trap 'kill "$redis_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
  backends+=("redis://127.0.0.1:$port/0")
fi
for cache in "${backends[@]}"; do
  for run in cold warm; do
    expect_exit 0 "$bin" --cache "$cache" analyze names --format json > "names-$run.json" 2> names.err
    assert_json_finite "names-$run.json"
    [[ $(json_get "names-$run.json" 'sorted(f["status"] for f in d["files"])') == "['ok', 'ok']" ]] ||
      fail "non-UTF-8 names, $cache, $run: $(cat "names-$run.json" names.err)"
    [[ $(json_get "names-$run.json" 'sum("path_hex" in f for f in d["files"])') == 2 ]] || fail "path_hex missing ($cache)"
  done
  expect_exit 0 "$bin" --cache "$cache" cache key "$(printf 'names/old\xffname.wav')" > key.txt
  expect_exit 0 "$bin" --cache "$cache" cache key --format json "$(printf 'names/old\xffname.wav')" > key.json
  [[ $(json_get key.json 'bytes.fromhex(d["path_hex"]).endswith(b"old\xffname.wav")') == True ]] || fail "cache key json: $(cat key.json)"
done
# The stat record keeps the path's bytes as hex, never as a string JSON cannot hold.
expect_exit 0 "$bin" --cache "file:$work/names-cache" cache export stat.jsonl 2> /dev/null
grep -q 'path_hex' stat.jsonl || fail "stat record without path_hex"
grep -q '6f6c64ff6e616d652e776176' stat.jsonl || fail "stat record does not hold the name's bytes"

# --- 6. `ulimit -f`: no SIGXFSZ kill, the file cache fails open, no temp file left.
# 1 KiB: the stat record of a file in a 100-byte folder is larger; stderr's warning is not.
mkdir -p small && cp "$sample" small/a.wav && touch -d '1 hour ago' small/a.wav
big_name=$(printf 'f%.0s' $(seq 100))
mkdir -p "$big_name" && cp -p small/a.wav "$big_name/"
set +e
( ulimit -f 1; exec "$bin" --cache "file:$work/fsize-cache" analyze "$big_name" --format json 2> "$work/fsize.err" ) | cat > fsize.json
status=${PIPESTATUS[0]}
set -e
[[ $status -eq 0 ]] || fail "ulimit -f: exit $status ($(cat fsize.err))"
[[ $(json_get fsize.json 'd["files"][0]["status"]') == ok ]] || fail "ulimit -f: no report"
grep -q 'file size limit' fsize.err || fail "ulimit -f: no clear warning: $(cat fsize.err)"
[[ -z $(find fsize-cache -name '*.tmp.*') ]] || fail "ulimit -f left temp files: $(find fsize-cache -name '*.tmp.*')"
set +e
( ulimit -f 1; exec "$bin" --cache none analyze small --report "$work/fsize-report.json" ) > /dev/null 2> fsize-report.err
status=$?
set -e
[[ $status -eq 2 ]] && grep -q 'file size limit' fsize-report.err || fail "report past ulimit -f: exit $status, $(cat fsize-report.err)"
[[ -z $(find . -maxdepth 1 -name 'fsize-report.json*') ]] || fail "report past ulimit -f left $(ls fsize-report.json*)"

# --- 7. Devices are refused up front, at once; hashing a huge file stops on SIGTERM.
start=$(date +%s)
expect_exit 1 timeout -s KILL 20 "$bin" --cache "sqlite:$work/dev.db" analyze /dev/zero --format json > dev.json
expect_exit 1 timeout -s KILL 20 "$bin" --cache "sqlite:$work/dev.db" analyze /dev/urandom > /dev/null
(($(date +%s) - start < 10)) || fail "/dev/zero and /dev/urandom took $(($(date +%s) - start)) s"
[[ $(json_get dev.json 'd["files"][0]["error"]') == *"not a regular file (device)"* ]] || fail "/dev/zero: $(cat dev.json)"
mkdir -p huge && truncate -s 200G huge/sparse.wav
timeout -s KILL 60 "$bin" --cache "sqlite:$work/huge.db" analyze huge > /dev/null 2>&1 &
pid=$!
sleep 1
kill -TERM "$pid"
start=$(date +%s)
set +e; wait "$pid"; status=$?; set -e
[[ $status -eq 130 ]] || fail "SIGTERM while hashing: exit $status"
(($(date +%s) - start <= 3)) || fail "SIGTERM while hashing took $(($(date +%s) - start)) s"

# --- 8. A process substitution works with the cache exactly as without it.
expect_exit 0 "$bin" --cache none analyze <(cat "$sample") --format json > pipe-none.json
expect_exit 0 "$bin" analyze <(cat "$sample") --format json > pipe-cache.json
expect_exit 0 "$bin" analyze <(cat "$sample") --format json > pipe-cache2.json
assert_eq "$(json_get pipe-cache.json 'd["files"][0]["features"]')" "$(json_get pipe-none.json 'd["files"][0]["features"]')" \
  "process substitution, cache vs none"
assert_eq "$(json_get pipe-cache2.json 'd["files"][0]["status"]')" ok "process substitution, second run"
mkfifo named.wav
( cat "$sample" > named.wav & )
expect_exit 0 timeout -s KILL 20 "$bin" analyze named.wav --format json > fifo.json
# A FLAC stream decodes as its file does (it failed from a pipe: "flac decoder lost sync"),
# and a stream of noise is refused without waiting for its end.
flac_sample="$SAMPLEMIND_SOURCE_DIR/samples/loop_amber.flac"
expect_exit 0 "$bin" --cache none analyze <(cat "$flac_sample") --format json > pipe-flac.json
expect_exit 0 "$bin" --cache none analyze "$flac_sample" --format json > file-flac.json
assert_eq "$(json_get pipe-flac.json 'd["files"][0]["features"]')" "$(json_get file-flac.json 'd["files"][0]["features"]')" \
  "a FLAC stream and its file"
expect_exit 1 timeout -s KILL 20 "$bin" --cache none analyze <(cat /dev/urandom) --format json > noise.json 2> noise.err
grep -q "Format not recognised" noise.err || fail "a stream of noise: $(cat noise.err)"

# --- 10. Content replaced with the same size, mtime and inode is analysed again.
mkdir -p tones swap && two_tones tones
cp tones/low.wav swap/cp.wav && cp tones/low.wav swap/dd.wav && cp tones/low.wav swap/fresh.wav
touch -d '1 hour ago' swap/cp.wav swap/dd.wav
expect_exit 0 "$bin" --cache "sqlite:$work/swap.db" analyze swap --format json > swap-before.json
inode_before=$(stat -c %i swap/cp.wav)
touch -r swap/cp.wav tones/high.wav
cp -p tones/high.wav swap/cp.wav                       # same inode, size and mtime
touch -r swap/dd.wav ref
dd if=tones/high.wav of=swap/dd.wav conv=notrunc status=none && touch -r ref swap/dd.wav
touch -r swap/fresh.wav ref
dd if=tones/high.wav of=swap/fresh.wav conv=notrunc status=none && touch -r ref swap/fresh.wav
assert_eq "$(stat -c %i swap/cp.wav)" "$inode_before" "cp -p kept the inode"
expect_exit 0 "$bin" --cache "sqlite:$work/swap.db" analyze swap --format json > swap-after.json
expect_exit 0 "$bin" --cache none analyze tones/high.wav --format json > high.json
high=$(features_of high.json high.wav)
[[ "$(features_of swap-before.json cp.wav)" != "$high" ]] || fail "the two tones have the same features"
for name in cp.wav dd.wav fresh.wav; do
  assert_eq "$(features_of swap-after.json "$name")" "$high" "$name rewritten in place: features of the new content"
done

# --- 13. A 3 KB path is analysed; a path past PATH_MAX is an error, not a silent skip.
python3 - <<'PY'
import os, shutil, sys
segment = "d" * 250
deep = "long/" + "/".join([segment] * 12)          # about 3,000 bytes
os.makedirs(deep)
shutil.copy(os.environ["SAMPLEMIND_SOURCE_DIR"] + "/samples/groove_street.wav", deep + "/three_kb.wav")
fd = os.open(deep, os.O_RDONLY)
for _ in range(6):                                  # 1,500 more: past 4,096
    os.mkdir(segment, dir_fd=fd)
    fd = os.open(segment, os.O_RDONLY, dir_fd=fd)
with open("/proc/self/fd/%d/too_long.wav" % fd, "wb") as out:
    out.write(open(os.environ["SAMPLEMIND_SOURCE_DIR"] + "/samples/groove_street.wav", "rb").read())
PY
expect_exit 1 "$bin" analyze long --format json > long.json
python3 - long.json <<'PY' || fail "long paths: $(head -c 600 long.json)"
import json, sys
files = json.load(open(sys.argv[1]))["files"]
ok = [f for f in files if f["path"].endswith("three_kb.wav")]
assert len(ok) == 1 and ok[0]["status"] == "ok", ok
too_long = [f for f in files if f["status"] == "error"]
assert len(too_long) == 1 and "path too long" in too_long[0]["error"], too_long
PY

# --- 18. Symlinks planted in a file cache are never followed by prune or clear.
expect_exit 0 "$bin" --cache "file:$work/planted" analyze small > /dev/null
mkdir -p outside/zz && echo precious > outside/zz/zz00.json && echo precious > outside/victim.json
ln -s "$work/outside/zz" planted/ai/zz                                 # a shard folder
shard=$(ls planted/ai | grep -v zz | head -1)
ln -s "$work/outside/victim.json" "planted/ai/$shard/${shard}ffff.json"  # an entry
ln -s "$work/outside" planted/features-link
expect_exit 0 "$bin" --cache "file:$work/planted" cache prune --max-size 1B > /dev/null
expect_exit 0 "$bin" --cache "file:$work/planted" cache clear > /dev/null
[[ -f outside/zz/zz00.json && -f outside/victim.json ]] || fail "prune or clear deleted files outside the cache"
assert_eq "$(cat outside/victim.json)" precious "the planted entry's target"

# --- 19 and 26. The report: a planted FILE.tmp symlink is not followed; a folder or a
# missing folder fails before the run.
echo precious > victim.txt
ln -s "$work/victim.txt" report.json.tmp
expect_exit 0 "$bin" --cache none analyze small --report report.json > /dev/null
assert_eq "$(cat victim.txt)" precious "report through a planted .tmp symlink"
[[ $(json_get report.json 'd["files"][0]["status"]') == ok ]] || fail "report not written"
[[ -z $(find . -maxdepth 1 -name 'report.json.tmp.*') ]] || fail "report temp file left"
mkdir somedir
expect_exit 2 "$bin" --cache none analyze small --report somedir > dir.out 2> dir.err
[[ ! -s dir.out && ! -e somedir.tmp && -z $(find . -maxdepth 1 -name 'somedir.tmp*') ]] || fail "--report somedir: $(cat dir.err)"
expect_exit 2 "$bin" --cache none analyze small --report /nonexistent/r.json > missing.out 2> missing.err
[[ ! -s missing.out ]] || fail "--report /nonexistent/r.json ran the batch first"
grep -q 'cannot write report file /nonexistent/r.json' missing.err || fail "no clear error: $(cat missing.err)"

# --- 27. A library copied off a Mac: a FIFO planted as the resource fork `._junk.wav` of an
# unreadable file (libsndfile opened it by name and hung the batch for good), and
# AppleDouble files beside the samples and in __MACOSX (never taken, even with --hidden).
mkdir -p mac/__MACOSX
cp "$sample" mac/groove.wav
printf 'not audio at all\n%.0s' $(seq 50) > mac/junk.wav
mkfifo mac/._junk.wav
printf '\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ' > mac/._groove.wav
cp mac/._groove.wav mac/__MACOSX/._groove.wav
expect_exit 1 timeout -s KILL 60 "$bin" --cache none analyze mac --format json > mac.json
assert_eq "$(json_get mac.json 'len(d["files"])')" 2 "files taken from the Mac library"
assert_eq "$(json_get mac.json '[f["status"] for f in d["files"] if f["path"].endswith("groove.wav")][0]')" ok "the sample beside the forks"
assert_eq "$(json_get mac.json '[f["error"] for f in d["files"] if f["path"].endswith("junk.wav")][0]')" \
  "not a readable audio file: Format not recognised." "the unreadable file's own error"
rm mac/._junk.wav
expect_exit 1 timeout -s KILL 60 "$bin" --cache none analyze mac --hidden --format json > mac-hidden.json
assert_eq "$(json_get mac-hidden.json 'sorted(f["path"].split("/")[-1] for f in d["files"])')" "['groove.wav', 'junk.wav']" \
  "--hidden takes no AppleDouble file"

echo "hostile file systems: ok"
