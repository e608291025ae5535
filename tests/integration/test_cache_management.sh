#!/usr/bin/env bash
# Cache management is safe and the TTL is the one in force: units are required, dry runs
# remove nothing, unknown names are usage errors, --zero resets the counters, and answers
# written under a short TTL are hits again (and survive prune) under a longer one.
source "$(dirname "$0")/lib.sh"
bin="$SAMPLEMIND_BIN"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
cache="sqlite:$work/c.db"
"$bin" --cache "$cache" analyze "$samples" --provider offline --format json > first.json
entries=$("$bin" --cache "$cache" cache stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])')
[[ $entries -gt 0 ]] || fail "no entries cached"

# C: a unit is required; unknown names are errors; dry runs remove nothing.
expect_exit 2 "$bin" --cache "$cache" cache clear --older-than 1
expect_exit 2 "$bin" --cache "$cache" cache prune --max-size 500
expect_exit 2 "$bin" --cache "$cache" cache clear --provider opnai
expect_exit 2 "$bin" --cache "$cache" cache clear --analysis genre_clasification
"$bin" --cache "$cache" cache clear --dry-run | grep -q "Would remove [0-9]* entries ([0-9]* bytes)" || fail "clear --dry-run"
"$bin" --cache "$cache" cache prune --max-size 1B --dry-run | grep -q "Would remove" || fail "prune --dry-run"
assert_eq "$("$bin" --cache "$cache" cache stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])')" "$entries" "dry runs removed nothing"

# --zero resets the lifetime counters, entries stay.
"$bin" --cache "$cache" cache stats --zero | grep -q "set to zero" || fail "stats --zero"
"$bin" --cache "$cache" cache stats --format json > zero.json
assert_eq "$(json_get zero.json 'd["hits"] + d["misses"]')" "0" "counters after --zero"
assert_eq "$(json_get zero.json 'd["entries"]')" "$entries" "entries after --zero"

# B: written under the default TTL; one second later a 1 s TTL calls them expired
# (stats shows it), a longer TTL reads them again, and prune under it keeps them.
sleep 2
AI_CACHE_TTL_HOURS=0.0003 "$bin" --cache "$cache" cache stats --format json > short.json
assert_eq "$(json_get short.json 'd["expired_entries"]')" "$entries" "expired under a 1 s TTL"
AI_CACHE_TTL_HOURS=0.0003 "$bin" --cache "$cache" analyze "$samples" --provider offline --format json > short-run.json
assert_eq "$(json_get short-run.json 'd["summary"]["cache_hits"]')" "0" "1 s TTL: all misses"
sleep 2
"$bin" --cache "$cache" cache prune | grep -q "Removed 0 expired" || fail "prune under the default TTL removed entries"
"$bin" --cache "$cache" analyze "$samples" --provider offline --format json > long-run.json
assert_eq "$(json_get long-run.json 'd["summary"]["cache_misses"]')" "0" "default TTL: entries written under a 1 s TTL are hits"
AI_CACHE_TTL_HOURS=0.0003 "$bin" --cache "$cache" cache prune | grep -q "Removed $entries expired" || fail "prune under a 1 s TTL"
