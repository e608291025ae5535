#!/usr/bin/env bash
# Exit codes a script can trust (README, "Exit codes"): a mistyped PATH is 2 before any work,
# nothing to analyse is 5, a broken file 1, a required cache that is down 3 (and no call is
# made), and --help lists the table. (4, --max-cost: test_provider_throughput.sh; 130:
# test_reliability_signals.sh.)
source "$(dirname "$0")/lib.sh"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
bin="$SAMPLEMIND_BIN"

# 2: a PATH that does not exist, for every command that walks paths; nothing is printed on stdout.
for command in analyze features "cache key"; do
  # shellcheck disable=SC2086
  expect_exit 2 "$bin" --cache none $command "$samples" no-such-folder > typo.out 2> typo.err
  [[ ! -s typo.out ]] || fail "$command with a typo printed a report"
  grep -q "samplemind: error: no-such-folder: no such file or folder" typo.err || fail "$command: $(cat typo.err)"
done
# A dangling symbolic link exists: it is a per-file error (1), not a typo.
ln -s "$work/gone.wav" dangling.wav
expect_exit 1 "$bin" --cache none analyze dangling.wav > /dev/null 2>&1


# 5: an empty folder, or one without audio files.
mkdir empty
expect_exit 5 "$bin" --cache none analyze empty > empty.out 2> /dev/null
grep -q "0 total" empty.out || fail "empty folder: no summary"
echo "notes" > empty/readme.txt
expect_exit 5 "$bin" --cache none analyze empty --format json > empty.json 2> /dev/null
assert_eq "$(json_get empty.json 'd["summary"]["files_total"]')" "0" "empty folder summary"
expect_exit 5 "$bin" --cache none features empty > /dev/null 2>&1
expect_exit 5 "$bin" --cache none cache key empty > /dev/null 2>&1

# 0 and 1.
expect_exit 0 "$bin" --cache none analyze "$samples" > /dev/null
mkdir lib && cp "$samples"/*.wav lib/ && printf 'not audio' > lib/broken.wav
expect_exit 1 "$bin" --cache none analyze lib > /dev/null 2>&1

# 3: --require-cache with a Redis that is not there (a closed loopback port): exit 3 before
# any work, where failing open exits 0 with one warning. The same for a SQLite file that
# cannot be created.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
expect_exit 0 "$bin" --cache "redis://:pw@127.0.0.1:$port" analyze "$samples" > open.out 2> open.err
grep -q "warning: cache redis failed" open.err || fail "fail-open warning missing: $(cat open.err)"
expect_exit 3 "$bin" --cache "redis://:pw@127.0.0.1:$port" analyze --require-cache "$samples" > req.out 2> req.err
[[ ! -s req.out ]] || fail "--require-cache with a dead cache printed a report"
grep -q "samplemind: fatal: cache redis failed and --require-cache is set" req.err || fail "unclear: $(cat req.err)"
! grep -q "continuing without cache" req.err || fail "--require-cache must not fail open"
! grep -q ":pw@" req.err || fail "the Redis password was printed"
touch not-a-folder
expect_exit 3 "$bin" --cache "sqlite:$work/not-a-folder/cache.db" analyze --require-cache "$samples" > /dev/null 2> sq.err
grep -q "cache sqlite failed and --require-cache is set" sq.err || fail "sqlite: $(cat sq.err)"
expect_exit 2 "$bin" --cache none analyze --require-cache "$samples" > /dev/null 2> none.err
grep -q -- "--require-cache needs a cache" none.err || fail "--require-cache --cache none: $(cat none.err)"
expect_exit 0 "$bin" --cache "sqlite:$work/ok.db" analyze --require-cache "$samples" > /dev/null

# --help documents the table; bad --shard values are usage errors.
"$bin" analyze --help > help.txt
for line in "2    usage or configuration error" "4    --max-cost reached" "5    no audio files found" "130  interrupted"; do
  grep -q -- "$line" help.txt || fail "analyze --help lacks '$line'"
done
for shard in 0/2 3/2 1/0 x 1/2/3; do
  expect_exit 2 "$bin" --cache none analyze "$samples" --shard "$shard" > /dev/null 2> shard.err
  grep -q -- "--shard must be K/N" shard.err || fail "--shard $shard: $(cat shard.err)"
done
echo "ok"
