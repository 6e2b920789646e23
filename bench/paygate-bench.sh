#!/usr/bin/env bash
# Webseed range throughput with the paygate on vs off (goal: >= 0.97x of tokens off).
# Two embedded servers (webseed-server.jar) serve the same content: OFF has no paygate; ON
# protects paid/ and is asked for /seed/t/{token}/paid/film.bin with a token from
# 'token issue' (Ed25519, path scope, no byte budget). Same wrk load on both: one-piece
# (256 KiB) ranges at random offsets of a 64 MiB file, keep-alive; runs interleaved with the order
# alternating, medians. OFF is also asked for the same file under a folder name as long as
# "t/{token}", so the report separates the token check from the cost of a longer request line.
#
#   bench/paygate-bench.sh                 # defaults below; override with environment variables
#   DURATION=20s RUNS=5 CONNS=32 bench/paygate-bench.sh
#
# Needs: java 17 (with jcmd), the built jar (mvn -o package -pl jetty-module -am -DskipTests), wrk, curl,
# python3. Binds 127.0.0.1 only; every process it starts is stopped by PID on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/jetty-module/target/webseed-server.jar}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
RUNS=${RUNS:-3}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
SIZE_MIB=${SIZE_MIB:-64}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init paygate-bench



[ -f "$JAR" ] || { echo "no $JAR: mvn -B -o package -pl jetty-module -am -DskipTests" >&2; exit 1; }
mkdir -p "$WORK/content/paid"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/content/paid/film.bin"
LENGTH=$((SIZE_MIB * 1024 * 1024))

echo "== keys generate, token issue"
java -jar "$JAR" keys generate --out "$WORK/keys" >/dev/null
TOKEN=$(java -jar "$JAR" token issue --private-key "$WORK/keys/private.pem" --scope paid/ --ttl 48h \
    --subject bench 2>/dev/null | head -1)
echo "   token: ${#TOKEN} characters"

OFF_PORT=$(free_port)
ON_PORT=$(free_port)
COMMON=(--content-root "$WORK/content" --host 127.0.0.1 --prehash false)
echo "== start OFF on :$OFF_PORT and ON on :$ON_PORT ($JAVA_OPTS)"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" serve "${COMMON[@]}" --port "$OFF_PORT" --cache-dir "$WORK/cache-off" \
    >"$WORK/off.log" 2>&1 &
PIDS+=($!)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" serve "${COMMON[@]}" --port "$ON_PORT" --cache-dir "$WORK/cache-on" \
    --paygate-public-keys "$WORK/keys/public.pem" --paygate-protect paid/ >"$WORK/on.log" 2>&1 &
PIDS+=($!)
OFF_PATH=/seed/paid/film.bin
ON_PATH=/seed/t/$TOKEN/paid/film.bin
# the same file under a folder name as long as "t/{token}", so OFF can also be asked with a URL of
# the token URL's length: separates the token check from the cost of a longer request line
PAD=$(printf 'x%.0s' $(seq $((${#TOKEN} + 2))))
mkdir -p "$WORK/content/$PAD/paid"
ln "$WORK/content/paid/film.bin" "$WORK/content/$PAD/paid/film.bin"
LONG_PATH=/seed/$PAD/paid/film.bin
wait_for "http://127.0.0.1:$OFF_PORT$OFF_PATH"
wait_for "http://127.0.0.1:$ON_PORT$ON_PATH"
wait_for "http://127.0.0.1:$OFF_PORT$LONG_PATH"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ON_PORT$OFF_PATH")
[ "$code" = 403 ] || { echo "ON server serves paid/ without a token ($code)" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -r 0-9 "http://127.0.0.1:$ON_PORT$ON_PATH")
[ "$code" = 206 ] || { echo "ON server refuses the token ($code)" >&2; cat "$WORK/on.log" >&2; exit 1; }

run() { # label port path duration → prints "req/s MiB/s"
    local out
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$4" -s "$ROOT/bench/seed-range.lua" "http://127.0.0.1:$2" -- "$3" "$LENGTH")
    echo "$out" | grep -E "check:" | sed "s/^/   $1: /" >&2
    if ! echo "$out" | grep -q "check: non-206 responses 0"; then
        echo "$1: responses other than 206" >&2
        exit 1
    fi
    echo "$out" | awk '/Requests\/sec/ {print $2}'
}

median() {
    sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

light() { # port path: a light load (wrk -t1 -c4, 5 s) that leaves the JIT a core
    wrk -t1 -c4 -d5s -s "$ROOT/bench/seed-range.lua" "http://127.0.0.1:$1" -- "$2" "$LENGTH"
}
echo "== JIT warm-up: light load until each server's JIT settles"
jit_settle "${PIDS[0]}" "tokens off" light "$OFF_PORT" "$OFF_PATH"
jit_settle "${PIDS[1]}" "tokens on" light "$ON_PORT" "$ON_PATH"
echo "== warm-up ($WARMUP each, not counted)"
run off "$OFF_PORT" "$OFF_PATH" "$WARMUP" >/dev/null
run off-long "$OFF_PORT" "$LONG_PATH" "$WARMUP" >/dev/null
run on "$ON_PORT" "$ON_PATH" "$WARMUP" >/dev/null

OFF=""
LONG=""
ON=""
measure_off() { r=$(run off "$OFF_PORT" "$OFF_PATH" "$DURATION"); OFF+="$r"$'\n'; echo "   run $i tokens off:       $r req/s"; }
measure_long() { r=$(run off-long "$OFF_PORT" "$LONG_PATH" "$DURATION"); LONG+="$r"$'\n'; echo "   run $i tokens off, long: $r req/s"; }
measure_on() { r=$(run on "$ON_PORT" "$ON_PATH" "$DURATION"); ON+="$r"$'\n'; echo "   run $i tokens on:        $r req/s"; }
for i in $(seq "$RUNS"); do   # interleaved, and the order alternates, so drift and order hit all alike
    if (( i % 2 )); then measure_off; measure_long; measure_on; else measure_on; measure_long; measure_off; fi
done
off_median=$(printf '%s' "$OFF" | median)
long_median=$(printf '%s' "$LONG" | median)
on_median=$(printf '%s' "$ON" | median)
echo
echo "== medians over $RUNS runs of $DURATION, $CONNS connections, 256 KiB ranges of a $SIZE_MIB MiB file"
awk -v off="$off_median" -v long="$long_median" -v on="$on_median" -v n="${#ON_PATH}" 'BEGIN {
    printf "   tokens off:                 %.0f req/s (%.0f MiB/s)\n", off, off / 4
    printf "   tokens off, %d-char URL:   %.0f req/s (%.0f MiB/s)\n", n, long, long / 4
    printf "   tokens on, %d-char URL:    %.0f req/s (%.0f MiB/s)\n", n, on, on / 4
    printf "   on/off:                     %.3f (goal >= 0.97)\n", on / off
    printf "   on/off at equal URL length: %.3f (the token check alone)\n", on / long
}'
