#!/usr/bin/env bash
# Several servers (README "Several servers"): the cost of sharing state through Redis, side by side in one run.
#  1. Announces/s of the tracker servlet on embedded Jetty with the in-memory store vs the Redis
#     store (a real redis-server started here), same wrk load as tracker-bench.sh (1,000
#     info-hashes, numwant 50), keep-alive and "Connection: close".
#  2. Range requests/s of 1 MiB with a paid token and no byte budget (in memory) vs a token with a
#     byte budget reserved in Redis (budgetChunkBytes 1 MiB: one reservation per range), through the
#     embedded server started as README "Several servers" says (webseed-server.jar + webseed-redis).
# Each row also reports the server process's CPU time per request and the redis-server's (its one
# thread runs every script: its CPU per announce bounds announces/s per Redis), and Redis's own
# usec_per_call of the announce script (INFO commandstats). Runs interleave; medians.
#   PARTS=tracker bench/fleet-bench.sh     # part 1 only (PARTS=ranges: part 2 only)
#   REDIS_JAR=/tmp/old/webseed-redis.jar  # another build of webseed-redis (before/after)
#
#   bench/fleet-bench.sh                   # defaults below; override with environment variables
#   DURATION=20s RUNS=5 bench/fleet-bench.sh
#
# Needs: java 17 (with jcmd), mvn (dependencies cached), the built jars
# (mvn -B -o package -pl jetty-module,webseed-redis -am -DskipTests), wrk, redis-server, curl, python3,
# bc. Binds 127.0.0.1 only. Every process it starts is stopped by PID on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/jetty-module/target/webseed-server.jar}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
RUNS=${RUNS:-3}
CONNS=${CONNS:-64}
RANGE_CONNS=${RANGE_CONNS:-16}
THREADS=${THREADS:-2}
HASHES=${HASHES:-1000}
SIZE_MIB=${SIZE_MIB:-256}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
PARTS=${PARTS:-tracker,ranges}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init fleet-bench

[ -f "$JAR" ] || { echo "no $JAR: mvn -B -o package -pl jetty-module,webseed-redis -am -DskipTests" >&2; exit 1; }
REDIS_JAR=${REDIS_JAR:-$(ls "$ROOT"/webseed-redis/target/webseed-redis-*.jar | grep -v -- '-tests' | head -1)}
[ -d "$ROOT/webseed-redis/target/redis-lib" ] || { echo "no webseed-redis/target/redis-lib: package it" >&2; exit 1; }
echo "== build (offline)"
(cd "$ROOT" && mvn -B -q -o test-compile -pl webseed-servlet \
    && mvn -B -q -o dependency:build-classpath -pl webseed-servlet -Dmdep.includeScope=test \
        -Dmdep.outputFile="$WORK/cp.txt") >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
CP="$ROOT/webseed-servlet/target/classes:$ROOT/webseed-servlet/target/test-classes:$(cat "$WORK/cp.txt")"
CP="$CP:$REDIS_JAR:$ROOT/webseed-redis/target/redis-lib/*"

REDIS_PORT=$(free_port)
echo "== start redis-server on 127.0.0.1:$REDIS_PORT ($(redis-server --version | cut -d' ' -f3))"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
    >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
REDIS_PID=$!
for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

python3 - "$HASHES" >"$WORK/whitelist.txt" <<'PY'
import hashlib, sys
for i in range(int(sys.argv[1])):
    print(hashlib.sha1(b"webseed-bench-%d" % i).hexdigest())
PY
FIRST=$(head -1 "$WORK/whitelist.txt" | sed 's/../%&/g')
PROBE="/announce?info_hash=$FIRST&peer_id=-WB0001-probeprobepr&port=6881&left=1&compact=1&numwant=50"

declare -A PORT PID RPS CPU RCPU USEC
start_tracker() { # target settings...
    local target=$1
    shift
    PORT[$target]=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$CP" dev.webseed.tracker.bench.TrackerServer "${PORT[$target]}" "$@" \
        >"$WORK/$target.log" 2>&1 &
    PIDS+=($!)
    PID[$target]=$!
}
start_tracker memory numwantMax=50
start_tracker redis numwantMax=50 "redisUrl=$REDIS_URL"
for target in memory redis; do
    wait_for "http://127.0.0.1:${PORT[$target]}$PROBE"
    if curl -s "http://127.0.0.1:${PORT[$target]}$PROBE" | grep -q "failure reason"; then
        echo "probe refused by $target" >&2; cat "$WORK/$target.log" >&2; exit 1
    fi
done

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

announce_load() { # port mode threads conns duration
    local hdr=(); [ "$2" = close ] && hdr=(-H "Connection: close")
    wrk -t"$3" -c"$4" -d"$5" "${hdr[@]}" -s "$ROOT/bench/tracker-announce.lua" "http://127.0.0.1:$1" \
        -- "$WORK/whitelist.txt"
}
run() { # pid load...: "req/s cpu-us-per-request redis-cpu-us-per-request" (server process, redis-server)
    local pid=$1 out before after rbefore rafter n
    shift
    before=$(cpu_ticks "$pid")
    rbefore=$(cpu_ticks "$REDIS_PID")
    out=$("$@")
    after=$(cpu_ticks "$pid")
    rafter=$(cpu_ticks "$REDIS_PID")
    echo "$out" | grep -E "check:" | sed "s/^/   /" >&2
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "($after - $before) * 1000000 / $TICK / $n" | bc -l)" \
        "$(echo "($rafter - $rbefore) * 1000000 / $TICK / $n" | bc -l)" "$n"
}
script_usec() { # announces: Redis's own time in EVALSHA per announce since the last reset (one call
    # carries a batch of announces), the part of it spent in the commands the script called (INFO
    # commandstats counts those too), and announces per call: "usec inner-usec per-call"
    redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[=,]' -v n="$1" '
        /^cmdstat_evalsha:/ {calls = $2; usec = $4; next}
        /^cmdstat_(config|info)/ {next}
        /^cmdstat_/ {inner += $4}
        END {if (calls > 0) printf "%.1f %.1f %.1f\n", usec / n, inner / n, n / calls}'
}

if [[ $PARTS == *tracker* ]]; then
echo "== 1. tracker: JIT warm-up (light load until the JIT settles), then $WARMUP at full load"
for target in memory redis; do
    for mode in keepalive close; do
        jit_settle "${PID[$target]}" "$target $mode" announce_load "${PORT[$target]}" "$mode" 1 4 5s
        run "${PID[$target]}" announce_load "${PORT[$target]}" "$mode" "$THREADS" "$CONNS" "$WARMUP" >/dev/null 2>&1
    done
done
for mode in keepalive close; do
    for i in $(seq "$RUNS"); do
        for target in memory redis; do
            redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
            read -r r c rc n < <(run "${PID[$target]}" announce_load "${PORT[$target]}" "$mode" "$THREADS" "$CONNS" \
                "$DURATION")
            RPS[$target.$mode]+="$r"$'\n'
            CPU[$target.$mode]+="$c"$'\n'
            RCPU[$target.$mode]+="$rc"$'\n'
            read -r u inner per < <(script_usec "$n") || true
            u=${u:-0}; inner=${inner:-0}; per=${per:-0}
            USEC[$target.$mode]+="$u"$'\n'
            printf "   run %d %-9s %-7s %9.0f announces/s %6.1f us CPU each, redis-server %5.1f us (script %s us, %s us in its commands, %s announces a call)\n" \
                "$i" "$mode" "$target" "$r" "$c" "$rc" "$u" "$inner" "$per"
        done
    done
done
kill "${PID[memory]}" "${PID[redis]}" 2>/dev/null || true
fi

if [[ $PARTS == *ranges* ]]; then
echo "== 2. 1 MiB ranges: paid token without budget (memory) vs budgeted token reserved in Redis"
mkdir -p "$WORK/content/paid"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/content/paid/film.bin"
LENGTH=$((SIZE_MIB * 1024 * 1024))
SERVE=(java $JAVA_OPTS -cp "$JAR:$REDIS_JAR:$ROOT/webseed-redis/target/redis-lib/*" dev.webseed.jetty.Main)
"${SERVE[@]}" keys generate --out "$WORK/keys" >/dev/null
PLAIN=$("${SERVE[@]}" token issue --private-key "$WORK/keys/private.pem" --scope paid/ --ttl 48h --subject a \
    2>/dev/null | head -1)
BUDGETED=$("${SERVE[@]}" token issue --private-key "$WORK/keys/private.pem" --scope paid/ --ttl 48h --subject b \
    --budget 1000000g 2>/dev/null | head -1)
COMMON=(--content-root "$WORK/content" --host 127.0.0.1 --prehash false --paygate-public-keys
    "$WORK/keys/public.pem" --paygate-protect paid/)
PORT[plain]=$(free_port)
PORT[budget]=$(free_port)
"${SERVE[@]}" serve "${COMMON[@]}" --port "${PORT[plain]}" --cache-dir "$WORK/cache-plain" >"$WORK/plain.log" 2>&1 &
PIDS+=($!); PID[plain]=$!
"${SERVE[@]}" serve "${COMMON[@]}" --port "${PORT[budget]}" --cache-dir "$WORK/cache-budget" --redis-url "$REDIS_URL" \
    --budget-chunk-bytes 1m >"$WORK/budget.log" 2>&1 &
PIDS+=($!); PID[budget]=$!
declare -A PATHS=([plain]="/seed/t/$PLAIN/paid/film.bin" [budget]="/seed/t/$BUDGETED/paid/film.bin")
for target in plain budget; do
    wait_for "http://127.0.0.1:${PORT[$target]}${PATHS[$target]}"
    code=$(curl -s -o /dev/null -w '%{http_code}' -r 0-9 "http://127.0.0.1:${PORT[$target]}${PATHS[$target]}")
    [ "$code" = 206 ] || { echo "$target refuses its token ($code)" >&2; cat "$WORK/$target.log" >&2; exit 1; }
done
range_load() { # port path threads conns duration
    wrk -t"$3" -c"$4" -d"$5" -s "$ROOT/bench/seed-range.lua" "http://127.0.0.1:$1" -- "$2" "$LENGTH" 1048576
}
for target in plain budget; do
    jit_settle "${PID[$target]}" "$target" range_load "${PORT[$target]}" "${PATHS[$target]}" 1 4 5s
    run "${PID[$target]}" range_load "${PORT[$target]}" "${PATHS[$target]}" "$THREADS" "$RANGE_CONNS" "$WARMUP" \
        >/dev/null 2>&1
done
for i in $(seq "$RUNS"); do
    for target in plain budget; do
        read -r r c _ < <(run "${PID[$target]}" range_load "${PORT[$target]}" "${PATHS[$target]}" "$THREADS" \
            "$RANGE_CONNS" "$DURATION")
        RPS[$target]+="$r"$'\n'
        CPU[$target]+="$c"$'\n'
        printf "   run %d %-7s %9.0f ranges/s %6.1f us CPU each\n" "$i" "$target" "$r" "$c"
    done
done
echo "   reserved in Redis: $(redis-cli -p "$REDIS_PORT" --scan --pattern 'webseed:b:*' | head -1 | xargs -r redis-cli -p "$REDIS_PORT" get) bytes"
fi

echo
echo "== medians of $RUNS x $DURATION, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-22s %-26s %12s %12s %10s %12s %10s\n" load server "req/s" "CPU/req" "ratio" "Redis CPU" "script/ann."
for mode in keepalive close; do
    [[ $PARTS == *tracker* ]] || continue
    label="announce keep-alive"; [ "$mode" = close ] && label="announce close"
    m=$(printf "%s" "${RPS[memory.$mode]}" | median)
    for target in memory redis; do
        r=$(printf "%s" "${RPS[$target.$mode]}" | median)
        c=$(printf "%s" "${CPU[$target.$mode]}" | median)
        rc=$(printf "%s" "${RCPU[$target.$mode]}" | median)
        u=$(printf "%s" "${USEC[$target.$mode]}" | median)
        printf "%-22s %-26s %12.0f %9.1f us %9.2fx %9.1f us %7.1f us\n" "$label" "$target store" "$r" "$c" \
            "$(echo "$r / $m" | bc -l)" "$rc" "$u"
        label=""
    done
done
[[ $PARTS == *ranges* ]] || exit 0
p=$(printf "%s" "${RPS[plain]}" | median)
label="1 MiB ranges"
for target in plain budget; do
    r=$(printf "%s" "${RPS[$target]}" | median)
    c=$(printf "%s" "${CPU[$target]}" | median)
    name="token, no budget"; [ "$target" = budget ] && name="budget reserved in Redis"
    printf "%-22s %-26s %12.0f %9.1f us %9.2fx\n" "$label" "$name" "$r" "$c" "$(echo "$r / $p" | bc -l)"
    label=""
done
