# Shared by the test_provider_*.sh integration tests: starts the mock provider on a
# free loopback port, makes a small library of audio files with distinct features,
# and runs the built binary with a clean environment pointed at the mock.
set -euo pipefail

: "${SAMPLEMIND_BIN:?set by CTest}"
: "${SAMPLEMIND_SOURCE_DIR:?set by CTest}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/samplemind-provider-XXXXXX")
MOCK_PID=""
cleanup() {
  if [[ -n "$MOCK_PID" ]]; then kill "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# Starts the mock (extra arguments go to it) and sets MOCK_URL.
start_mock() {
  python3 "$SAMPLEMIND_SOURCE_DIR/tests/mock_provider.py" --port-file "$WORK/mock.port" "$@" >"$WORK/mock.out" 2>&1 &
  MOCK_PID=$!
  for _ in $(seq 1 100); do [[ -s "$WORK/mock.port" ]] && break; sleep 0.05; done
  [[ -s "$WORK/mock.port" ]] || fail "mock provider did not start: $(cat "$WORK/mock.out")"
  MOCK_URL="http://127.0.0.1:$(cat "$WORK/mock.port")"
}

# mock_config '{"scenario":"rate_limit"}' and mock_reset: the mock's control endpoints.
mock_post() { python3 -c 'import sys,urllib.request as u; u.urlopen(u.Request(sys.argv[1], data=sys.argv[2].encode(), method="POST")).read()' "$MOCK_URL$1" "${2:-{\}}"; }
mock_config() { mock_post /__config "$1"; }
mock_reset() { mock_post /__reset; }
# mock_stat FIELD: a top-level number from /__stats.
mock_stat() { python3 -c 'import json,sys,urllib.request as u; print(json.load(u.urlopen(sys.argv[1]))[sys.argv[2]])' "$MOCK_URL/__stats" "$1"; }

# make_library DIR N: N mono WAV files whose durations differ by 0.1 s (distinct keys).
make_library() {
  python3 - "$1" "$2" <<'PY'
import math, os, struct, sys, wave
folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder, exist_ok=True)
rate = 8000
for i in range(count):
    frames = int(rate * (0.5 + 0.1 * i))
    with wave.open(os.path.join(folder, "tone_%03d.wav" % i), "wb") as out:
        out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * 440 * n / rate)))
                                 for n in range(frames)))
PY
}

TEST_KEY="sk-test-SECRETKEY-9f8e7d6c5b4a"

# sm ARGS...: the binary with only the variables a test sets (no real keys, no .env).
sm() {
  (cd "$WORK" && env -i PATH="$PATH" HOME="$WORK" XDG_CACHE_HOME="$WORK/xdg" \
     OPENAI_BASE_URL="$MOCK_URL/v1" ANTHROPIC_BASE_URL="$MOCK_URL" GEMINI_BASE_URL="$MOCK_URL" \
     OLLAMA_HOST="$MOCK_URL" SAMPLEMIND_MAX_RETRIES="${SAMPLEMIND_MAX_RETRIES:-4}" \
     ${SM_ENV:-} "$SAMPLEMIND_BIN" "$@")
}

# key_var PROVIDER: the variable holding that provider's key.
key_var() {
  case "$1" in
    openai) echo OPENAI_API_KEY ;; anthropic) echo ANTHROPIC_API_KEY ;; gemini) echo GEMINI_API_KEY ;;
    *) echo NONE ;;
  esac
}

# json_get FILE EXPR: evaluates a Python expression over the JSON document d.
json_get() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# assert_no_secret FILE...: the test key must never be written anywhere.
assert_no_secret() {
  for file in "$@"; do
    [[ -e "$file" ]] || continue
    if grep -rqa -- "$TEST_KEY" "$file"; then fail "the API key leaked into $file"; fi
    if grep -rqa -- "SECRETKEY" "$file"; then fail "part of the API key leaked into $file"; fi
  done
}
