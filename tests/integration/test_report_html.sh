#!/usr/bin/env bash
# analyze --report-html in a real headless Chromium: the rendered page shows the JSON report's
# counts, the inline script sorts and filters (state read back from the DOM), and hostile file
# names stay text. Skips (exit 77) only when chromium is not installed.
source "$(dirname "$0")/lib.sh"

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null; then browser=$candidate; break; fi
done
[[ -n "$browser" ]] || { echo "skip: chromium missing (scripts/setup.sh --test installs it)" >&2; exit 77; }
bin=$SAMPLEMIND_BIN
mkdir lib
cp "$SAMPLEMIND_SOURCE_DIR"/samples/*.wav "$SAMPLEMIND_SOURCE_DIR"/samples/*.flac "$SAMPLEMIND_SOURCE_DIR"/samples/*.aif lib/
cp lib/hit_thump.wav "lib/<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">.wav"
cp lib/hit_thump.wav "lib/<svg onload=\"document.title='pwned'\">.wav"
"$bin" analyze lib > /dev/null                  # fill the cache: the page then shows hits and savings
"$bin" analyze lib --report-html report.html --report report.json > /dev/null
grep -q "http://\|https://\|<script src" report.html && fail "the page refers to something outside itself"

render() {  # FRAGMENT OUT: the DOM after the page's script ran, in a fresh profile each time.
  # Chromium itself sometimes dies of a signal on a loaded machine (a segfault was seen once in
  # CI); such a death is retried twice, a page that renders wrong is not.
  local attempt rc
  for attempt in 1 2 3; do
    rm -rf "$work/profile"
    rc=0
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
      --no-first-run --disable-background-networking --disable-component-update --disable-sync \
      --disable-crash-reporter --user-data-dir="$work/profile" \
      --virtual-time-budget=3000 --dump-dom "file://$work/report.html$1" > "$2" 2> "$work/chromium.err" || rc=$?
    (( rc == 0 )) && return 0
    (( rc > 128 && rc != 124 )) || break
    echo "chromium died of signal $((rc - 128)) (attempt $attempt); starting it again" >&2
  done
  fail "chromium failed (exit $rc): $(tail -3 "$work/chromium.err")"
}
render "" plain.html
render "#sort=bpm" by_bpm.html
render "#sort=bpm&order=desc" by_bpm_desc.html
render "#filter=loop" filtered.html

python3 - report.json plain.html by_bpm.html by_bpm_desc.html filtered.html <<'PY' || fail "the rendered page disagrees"
import json, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.summary, self.rows, self.table, self.root, self.elements = {}, [], {}, {}, []
        self.field = self.cell_key = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append(tag)
        if tag == "html": self.root = a
        if tag == "table" and a.get("id") == "files": self.table = a
        if tag == "dd" and "data-field" in a: self.field = a["data-field"]; self.summary[self.field] = ""
        if tag == "tr" and self.table: self.rows.append({"hidden": "hidden" in a})
        if tag == "td" and self.rows: self.rows[-1][a["data-key"]] = a.get("data-value", "")
    def handle_endtag(self, tag):
        if tag == "dd": self.field = None
    def handle_data(self, data):
        if self.field: self.summary[self.field] += data

def load(path):
    page = Page(); page.feed(open(path, encoding="utf-8").read()); return page

report = json.load(open(sys.argv[1]))
plain, asc, desc, filtered = (load(p) for p in sys.argv[2:6])
assert plain.root.get("data-script-ran") == "yes", "the inline script did not run (CSP or error)"
assert "data-pwned" not in plain.root and "img" not in plain.elements, "a file name became markup"
s = report["summary"]
for field in ("files_total", "files_ok", "files_failed", "cache_hits", "cache_misses", "api_calls"):
    assert plain.summary[field] == str(s[field]), (field, plain.summary[field], s[field])
for field in ("saved_usd", "hit_rate"):
    assert abs(float(plain.summary[field]) - s[field]) < 1e-9, (field, plain.summary[field], s[field])
rows = [r for r in plain.rows if "path" in r]
assert len(rows) == len(report["files"]), (len(rows), len(report["files"]))
assert sorted(r["path"] for r in rows) == sorted(f["path"] for f in report["files"])

def bpms(page):
    return [float(r["bpm"]) for r in page.rows if r.get("bpm")]
assert asc.table.get("data-sorted-by") == "bpm" and asc.table.get("data-sort-order") == "asc", asc.table
assert bpms(asc) == sorted(bpms(asc)) and len(set(bpms(asc))) > 1, bpms(asc)
assert bpms(desc) == sorted(bpms(desc), reverse=True), bpms(desc)
assert [r for r in asc.rows if "bpm" in r][-1]["bpm"] == "" or all(r["bpm"] for r in asc.rows), "rows without BPM must sort last"
shown = [r for r in filtered.rows if "path" in r and not r["hidden"]]
assert filtered.table.get("data-visible-rows") == str(len(shown)), (filtered.table, len(shown))
assert 0 < len(shown) < len(rows), (len(shown), len(rows))
for r in shown:
    assert "loop" in json.dumps(r).lower(), r
PY
echo "ok: the HTML report renders the JSON report's counts, sorts, filters and keeps names as text"
