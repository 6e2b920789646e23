#!/usr/bin/env bash
# Announce throughput of the Webseed tracker against opentracker (Debian package, whitelist build)
# under the same wrk load: 1,000 info-hashes, random peer ids, numwant 50; once with
# "Connection: close" (what clients do) and once with keep-alive. Four servers:
#   webseed-jetty   our tracker servlet on embedded Jetty 12 (TrackerServer)
#   webseed-tomcat  the same servlet on embedded Tomcat 10.1 (TomcatTrackerServer)
#   jetty-floor     the same Jetty connector answering one fixed body, no servlet, no tracker:
#                   what Jetty itself costs per request on this machine
#   opentracker     the anchor
# Besides req/s, each row reports the server process's CPU time per announce (less noisy than req/s
# on a shared 2-core machine). The Java servers are first warmed under light load until their JIT
# settles (lib.sh jit_settle).
#
#   bench/tracker-bench.sh            # defaults below; override with environment variables
#   DURATION=20s RUNS=5 CONNS=128 bench/tracker-bench.sh
#
# Needs: java 17 (with jcmd), mvn (dependencies cached), wrk, opentracker, curl, python3, bc.
# Binds 127.0.0.1 only. Every process it starts is stopped by PID on exit.
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

declare -A PORT PID
start_java() { # target what class args...: one Java server on a free port, logged to $WORK/target.log
    local target=$1 what=$2 class=$3
    shift 3
    PORT[$target]=$(free_port)
    echo "== start $what on 127.0.0.1:${PORT[$target]} ($JAVA_OPTS)"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$CP" "dev.webseed.tracker.bench.$class" "${PORT[$target]}" "$@" >"$WORK/$target.log" 2>&1 &
    PIDS+=($!)
    PID[$target]=$!
}
start_java ours "the webseed tracker servlet on Jetty" TrackerServer numwantMax=50
start_java tomcat "the same servlet on embedded Tomcat" TomcatTrackerServer numwantMax=50
start_java floor "the Jetty floor (same connector, one fixed answer, no servlet)" TrackerServer --floor
PORT[opentracker]=$(free_port)
echo "== start opentracker on 127.0.0.1:${PORT[opentracker]} (whitelist of $HASHES hashes)"
# opentracker chroots into -d when root, so the whitelist path is relative to it
(cd "$WORK" && exec opentracker -i 127.0.0.1 -p "${PORT[opentracker]}" -P "${PORT[opentracker]}" -w whitelist.txt \
    -d "$WORK") >"$WORK/opentracker.log" 2>&1 &
PIDS+=($!)
PID[opentracker]=$!
OURS_PORT=${PORT[ours]}
TOMCAT_PORT=${PORT[tomcat]}
FLOOR_PORT=${PORT[floor]}
OT_PORT=${PORT[opentracker]}
wait_for "http://127.0.0.1:$OURS_PORT$PROBE"
wait_for "http://127.0.0.1:$FLOOR_PORT$PROBE"
wait_for "http://127.0.0.1:$TOMCAT_PORT$PROBE"
wait_for "http://127.0.0.1:$OT_PORT$PROBE"
for port in "$OURS_PORT" "$TOMCAT_PORT" "$OT_PORT"; do
    if curl -s "http://127.0.0.1:$port$PROBE" | grep -q "failure reason"; then
        echo "probe refused on port $port" >&2
        exit 1
    fi
done

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of one process

wrk_load() { # port mode threads conns duration
    local hdr=(); [ "$2" = close ] && hdr=(-H "Connection: close")
    wrk -t"$3" -c"$4" -d"$5" "${hdr[@]}" -s "$ROOT/bench/tracker-announce.lua" "http://127.0.0.1:$1" \
        -- "$WORK/whitelist.txt"
}

run() { # target mode duration -> prints "req/s cpu-us-per-request"; wrk's check line on stderr
    local out before after n
    before=$(cpu_ticks "${PID[$1]}")
    out=$(wrk_load "${PORT[$1]}" "$2" "$THREADS" "$CONNS" "$3")
    after=$(cpu_ticks "${PID[$1]}")
    echo "$out" | grep -E "check:" | sed "s/^/   $1 $2: /" >&2
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "($after - $before) * 1000000 / $TICK / $n" | bc -l)"
}

median() {
    sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

echo "== JIT warm-up: light load (wrk -t1 -c4, 5 s rounds) until each JVM's JIT settles, both modes"
for target in ours tomcat floor; do
    for mode in keepalive close; do
        jit_settle "${PID[$target]}" "$target $mode" wrk_load "${PORT[$target]}" "$mode" 1 4 5s
    done
done
echo "== warm-up at full load ($WARMUP each, not counted)"
for target in ours tomcat floor opentracker; do
    for mode in keepalive close; do run "$target" "$mode" "$WARMUP" >/dev/null 2>&1; done
done

TARGETS=(ours tomcat floor opentracker)
declare -A RPS CPU
for mode in close keepalive; do
    for i in $(seq "$RUNS"); do
        for target in "${TARGETS[@]}"; do   # interleaved so machine drift hits all four
            read -r r c < <(run "$target" "$mode" "$DURATION")
            RPS[$target.$mode]+="$r"$'\n'
            CPU[$target.$mode]+="$c"$'\n'
            printf "   run %d %-9s %-11s %9.0f req/s %6.1f us server CPU per announce\n" "$i" "$mode" "$target" "$r" "$c"
        done
    done
done

echo
echo "== announce throughput, median of $RUNS x $DURATION, wrk -t$THREADS -c$CONNS, $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   webseed-jetty / webseed-tomcat: our tracker servlet on embedded Jetty 12 / Tomcat 10.1;"
echo "   jetty-floor: the same Jetty connector answering a fixed body, no servlet and no tracker;"
echo "   CPU: the server process's user+system time per announce"
declare -A LABEL=([ours]=webseed-jetty [tomcat]=webseed-tomcat [floor]=jetty-floor [opentracker]=opentracker)
printf "%-18s %-15s %10s %14s %14s\n" mode server "req/s" "CPU/announce" "x opentracker"
for mode in close keepalive; do
    label="Connection: close"; [ "$mode" = keepalive ] && label="keep-alive"
    ot=$(printf "%s" "${RPS[opentracker.$mode]}" | median)
    for target in "${TARGETS[@]}"; do
        r=$(printf "%s" "${RPS[$target.$mode]}" | median)
        c=$(printf "%s" "${CPU[$target.$mode]}" | median)
        printf "%-18s %-15s %10.0f %11.1f us %13.2fx\n" "$label" "${LABEL[$target]}" "$r" "$c" \
            "$(echo "$r / $ot" | bc -l)"
        label=""
    done
done
grep -i -E "warn|error|exception" "$WORK/ours.log" "$WORK/tomcat.log" | grep -v -i "jasper\|jar scan" | head -5 || true
