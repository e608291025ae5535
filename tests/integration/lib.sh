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
