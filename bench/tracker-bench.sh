#!/usr/bin/env bash
# Announce throughput of the Webseed tracker (embedded Jetty, TrackerServer) against opentracker
# (Debian package, whitelist build) under the same wrk load: 1,000 info-hashes, random peer ids,
# numwant 50; once with "Connection: close" (what clients do) and once with keep-alive.
#
#   bench/tracker-bench.sh            # defaults below; override with environment variables
#   DURATION=20s RUNS=5 CONNS=128 bench/tracker-bench.sh
#
# Needs: java 17, mvn (dependencies cached), wrk, opentracker, curl, python3. Binds 127.0.0.1 only.
# Every process it starts is stopped by PID on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
RUNS=${RUNS:-5}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
HASHES=${HASHES:-1000}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init tracker-bench



echo "== build (offline)"
(cd "$ROOT" && mvn -B -q -o test-compile -pl webseed-servlet \
    && mvn -B -q -o dependency:build-classpath -pl webseed-servlet -Dmdep.includeScope=test \
        -Dmdep.outputFile="$WORK/cp.txt") >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
CP="$ROOT/webseed-servlet/target/classes:$ROOT/webseed-servlet/target/test-classes:$(cat "$WORK/cp.txt")"

python3 - "$HASHES" >"$WORK/whitelist.txt" <<'PY'
import hashlib, sys
for i in range(int(sys.argv[1])):
    print(hashlib.sha1(b"webseed-bench-%d" % i).hexdigest())
PY
chmod 755 "$WORK"; chmod 644 "$WORK/whitelist.txt"
FIRST=$(head -1 "$WORK/whitelist.txt" | sed 's/../%&/g')
PROBE="/announce?info_hash=$FIRST&peer_id=-WB0001-probeprobepr&port=6881&left=1&compact=1&numwant=50"

OURS_PORT=$(free_port)
OT_PORT=$(free_port)
echo "== start webseed tracker on 127.0.0.1:$OURS_PORT ($JAVA_OPTS)"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CP" dev.webseed.tracker.bench.TrackerServer "$OURS_PORT" numwantMax=50 \
    >"$WORK/ours.log" 2>&1 &
PIDS+=($!)
echo "== start opentracker on 127.0.0.1:$OT_PORT (whitelist of $HASHES hashes)"
# opentracker chroots into -d when root, so the whitelist path is relative to it
(cd "$WORK" && exec opentracker -i 127.0.0.1 -p "$OT_PORT" -P "$OT_PORT" -w whitelist.txt -d "$WORK") \
    >"$WORK/opentracker.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$OURS_PORT$PROBE"
wait_for "http://127.0.0.1:$OT_PORT$PROBE"
for port in "$OURS_PORT" "$OT_PORT"; do
    if curl -s "http://127.0.0.1:$port$PROBE" | grep -q "failure reason"; then
        echo "probe refused on port $port" >&2
        exit 1
    fi
done

run() { # label port connection-header duration
    local out
    if [ "$3" = close ]; then
        out=$(wrk -t"$THREADS" -c"$CONNS" -d"$4" -H "Connection: close" -s "$ROOT/bench/tracker-announce.lua" \
            "http://127.0.0.1:$2" -- "$WORK/whitelist.txt")
    else
        out=$(wrk -t"$THREADS" -c"$CONNS" -d"$4" -s "$ROOT/bench/tracker-announce.lua" \
            "http://127.0.0.1:$2" -- "$WORK/whitelist.txt")
    fi
    echo "$out" | grep -E "check:" | sed "s/^/   $1 $3: /" >&2
    echo "$out" | awk '/Requests\/sec/ {print $2}'
}

median() {
    sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

echo "== warm-up ($WARMUP each, not counted)"
run ours "$OURS_PORT" keepalive "$WARMUP" >/dev/null
run ours "$OURS_PORT" close "$WARMUP" >/dev/null
run opentracker "$OT_PORT" close "$WARMUP" >/dev/null

declare -A RESULTS
for mode in close keepalive; do
    for target in ours opentracker; do RESULTS[$target.$mode]=""; done
    for i in $(seq "$RUNS"); do
        for target in ours opentracker; do   # interleaved so machine drift hits both
            port=$OURS_PORT; [ "$target" = opentracker ] && port=$OT_PORT
            r=$(run "$target" "$port" "$mode" "$DURATION")
            RESULTS[$target.$mode]+="$r"$'\n'
            echo "   run $i $mode $target: $r req/s"
        done
    done
done

echo
echo "== announce throughput, median of $RUNS x $DURATION, wrk -t$THREADS -c$CONNS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-22s %14s %14s %8s\n" mode webseed opentracker ratio
for mode in close keepalive; do
    ours=$(printf "%s" "${RESULTS[ours.$mode]}" | median)
    ot=$(printf "%s" "${RESULTS[opentracker.$mode]}" | median)
    label="Connection: close"; [ "$mode" = keepalive ] && label="keep-alive"
    printf "%-22s %14.0f %14.0f %7.2fx\n" "$label" "$ours" "$ot" "$(echo "$ours / $ot" | bc -l)"
done
grep -i -E "warn|error|exception" "$WORK/ours.log" | head -5 || true
