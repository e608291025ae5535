# Shared helpers for integration tests (sourced, not run). Each test gets its own
# temp folder and cache, so tests can run in parallel and leave nothing behind.
set -euo pipefail
: "${SAMPLEMIND_BIN:?set by CTest}"
: "${SAMPLEMIND_SOURCE_DIR:?set by CTest}"
work=$(mktemp -d "${TMPDIR:-/tmp}/samplemind-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/xdg-cache"
export HOME="$work/home"
mkdir -p "$HOME"
# No provider keys from the developer's shell may leak into tests.
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY GOOGLE_API_KEY SAMPLEMIND_PROVIDER \
  AI_CACHE_BACKEND AI_CACHE_PATH AI_CACHE_ENABLED AI_CACHE_TTL_HOURS REDIS_URL SAMPLEMIND_ROUTES || true
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE command...: runs the command and checks its exit code.
expect_exit() {
  local expected=$1; shift
  set +e; "$@"; local got=$?; set -e
  [[ $got -eq $expected ]] || fail "expected exit $expected, got $got: $*"
}

# json_get FILE EXPR: evaluates a Python expression on the parsed document `d`.
json_get() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# assert_eq ACTUAL EXPECTED MESSAGE
assert_eq() { [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"; }

# tool_bin NAME: path of a tools/NAME.cpp executable built next to samplemind.
tool_bin() {
  local dir="${SAMPLEMIND_BUILD_DIR:-$(dirname "$SAMPLEMIND_BIN")}"
  [[ -x "$dir/$1" ]] || fail "tool $1 not built in $dir"
  echo "$dir/$1"
}

# assert_json_finite FILE: the file parses as JSON (or JSON lines) with no NaN/Infinity tokens.
assert_json_finite() {
  python3 - "$1" <<'PY' || fail "$1 holds NaN/Infinity or is not JSON"
import json, sys
def reject(token): raise ValueError("non-finite number " + token)
text = open(sys.argv[1], "rb").read().decode("utf-8")
try:
    json.loads(text, parse_constant=reject)
except json.JSONDecodeError:
    for line in text.splitlines():
        json.loads(line, parse_constant=reject)
PY
}

# peak_rss_kb COMMAND...: runs the command (output discarded) and prints its peak RSS in KiB.
peak_rss_kb() {
  local log; log=$(mktemp "$work/rss.XXXXXX")
  set +e; /usr/bin/time -v "$@" > /dev/null 2> "$log"; set -e
  awk -F': *' '/Maximum resident set size/ {print $2}' "$log"
}
