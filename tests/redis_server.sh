# Starts a throwaway redis-server on a free loopback port (sourced, not run).
#   start_redis_server DIR   sets REDIS_PORT, REDIS_PID and REDIS_TEST_URL; returns 1 when
#                            redis-server is missing or does not come up
#   stop_redis_server        kills it (also how tests make Redis go away mid-run)
# Never touches a Redis the developer runs: the port is chosen free and the data dir is DIR.

_redis_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    echo $((20000 + RANDOM % 30000))
}

start_redis_server() {
  local dir=$1; shift
  command -v redis-server >/dev/null || { echo "redis-server not installed (apt-get install redis-server)" >&2; return 1; }
  mkdir -p "$dir"
  local attempt
  for attempt in 1 2 3 4 5; do
    REDIS_PORT=$(_redis_free_port)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
      --loglevel warning --logfile "$dir/redis.log" "$@" &
    REDIS_PID=$!
    local tries
    for tries in $(seq 50); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then
        REDIS_TEST_URL="redis://127.0.0.1:$REDIS_PORT/0"
        export REDIS_PORT REDIS_PID REDIS_TEST_URL
        return 0
      fi
      kill -0 "$REDIS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  done
  echo "redis-server did not start" >&2
  return 1
}

stop_redis_server() {
  if [[ -n "${REDIS_PID:-}" ]]; then
    kill -CONT "$REDIS_PID" 2>/dev/null || true
    kill -KILL "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=
  fi
}
