#!/usr/bin/env bash
# A messy library: every broken entry is a named per-file error, every good file is
# analysed, the batch goes on, exit 1, and the JSON holds no NaN/Infinity (docs/reliability.md).
source "$(dirname "$0")/lib.sh"
bin="$SAMPLEMIND_BIN"
"$(tool_bin gen_bad_library)" lib

expect_exit 1 "$bin" --cache "sqlite:$work/bad.db" analyze lib/bad --format json > bad.json 2> bad.err
assert_json_finite bad.json

# The exact status of every entry the walk reports, by path relative to lib/bad.
python3 - bad.json bad.err <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
err = open(sys.argv[2], "rb").read()
files = {f["path"].split("lib/bad/", 1)[1]: f for f in d["files"]}
expected = {
    "bad_name_\ufffd\ufffd_latin1_\ufffd.wav": ("ok", None),
    "dangling.wav": ("error", "dangling symbolic link"),
    "empty.wav": ("error", "not a readable audio file"),
    "fifo.wav": ("error", "not a regular file"),
    "folder.wav/inside.wav": ("ok", None),
    "one_sample.wav": ("ok", None),
    "random.flac": ("error", "not a readable audio file"),
    "random.mp3": ("error", "not a readable audio file"),
    "random.wav": ("error", "not a readable audio file"),
    "self_loop.wav": ("error", "symbolic link loop"),
    "short_data.wav": ("ok", None),
    "short_header.wav": ("error", "not a readable audio file"),
    "text.aiff": ("error", "not a readable audio file"),
    "zero_frames.wav": ("error", "no audio frames"),
}
problems = []
if set(files) != set(expected):
    problems.append(f"walked {sorted(files)}, expected {sorted(expected)}")
for name, (status, message) in expected.items():
    f = files.get(name)
    if f is None:
        continue
    if f["status"] != status:
        problems.append(f"{name}: status {f['status']} ({f['error']}), expected {status}")
    if message and message not in (f["error"] or ""):
        problems.append(f"{name}: error {f['error']!r} lacks {message!r}")
    if status == "error" and b"samplemind: error: " not in err:
        problems.append("stderr names no failed file")
    if status == "error" and name.encode() not in err:
        problems.append(f"stderr does not name {name}")
s = d["summary"]
if (s["files_total"], s["files_ok"], s["files_failed"]) != (len(expected), 4, len(expected) - 4):
    problems.append(f"summary {s}")

# Non-UTF-8 names: "path" is readable (U+FFFD), "path_hex" holds the exact bytes.
bad_name = files.get("bad_name_\ufffd\ufffd_latin1_\ufffd.wav", {})
exact = bytes.fromhex(bad_name.get("path_hex", ""))
if not exact.endswith(b"lib/bad/bad_name_\xff\xfe_latin1_\xe9.wav"):
    problems.append(f"path_hex {exact!r} is not the name's bytes")
if any("path_hex" in f for n, f in files.items() if not n.startswith("bad_name")):
    problems.append("path_hex only for names that are not UTF-8")

# Decided on purpose: a file whose data is shorter than its header claims is analysed as
# what is there (0.2 s of the claimed 2 s); a single sample is a (very short) valid file.
short = files["short_data.wav"]["features"]
if not 0.19 <= short["duration_s"] <= 0.21:
    problems.append(f"short_data duration {short['duration_s']}, expected the 0.2 s present")
one = files["one_sample.wav"]["features"]
if one["duration_s"] <= 0 or one["duration_s"] > 0.001:
    problems.append(f"one_sample duration {one['duration_s']}")
if problems:
    sys.exit("FAIL: " + "\n  ".join(problems))
PY

# The exact bytes round-trip: the path_hex of the bad name is a file that exists.
hex=$(json_get bad.json '[f["path_hex"] for f in d["files"] if "path_hex" in f][0]')
python3 -c 'import os,sys; assert os.path.isfile(bytes.fromhex(sys.argv[1]))' "$hex" || fail "path_hex does not name the file"

# The other outputs survive the same library: CSV, table, jsonl, --report.
expect_exit 1 "$bin" --cache none analyze lib/bad --format csv > bad.csv 2> /dev/null
[[ $(grep -c '' bad.csv) -ge 15 ]] || fail "csv has a row per entry"
expect_exit 1 "$bin" --cache none analyze lib/bad --report report.json > bad.txt 2> /dev/null
assert_json_finite report.json
grep -q "cost-savings report" bad.txt || fail "table report printed"
expect_exit 1 "$bin" features lib/bad --format jsonl > bad.jsonl 2> /dev/null
assert_json_finite bad.jsonl

# Unreadable files and folders. Root reads through permission bits, so as root the check
# runs the binary as nobody (setpriv); without setpriv it is skipped, and says so.
mkdir -p perm/locked_dir && cp lib/bad/folder.wav/inside.wav perm/readable.wav
cp perm/readable.wav perm/unreadable.wav && cp perm/readable.wav perm/locked_dir/hidden_inside.wav
chmod 000 perm/unreadable.wav perm/locked_dir
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  if command -v setpriv > /dev/null; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod 755 "$work" "$work/perm"
  else
    echo "skip: unreadable-file check needs setpriv when run as root" >&2
  fi
fi
if [[ $(id -u) -ne 0 || ${#as_user[@]} -gt 0 ]]; then
  expect_exit 1 "${as_user[@]}" "$bin" --cache none analyze "$work/perm" --format json > perm.json 2> perm.err
  python3 - perm.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
got = {f["path"].rsplit("/perm/", 1)[1]: (f["status"], f["error"] or "") for f in d["files"]}
assert got["readable.wav"][0] == "ok", got
assert got["unreadable.wav"][0] == "error" and "ermission" in got["unreadable.wav"][1], got
assert got["locked_dir"][0] == "error" and "cannot read folder" in got["locked_dir"][1], got
assert len(got) == 3, got
PY
fi
chmod 755 perm/locked_dir
echo "ok"
