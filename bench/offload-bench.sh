#!/usr/bin/env bash
# Origin offload (README "Origin bandwidth: the swarm carries the film"): how many times the origin
# sends a file when a swarm of real libtorrent peers fetches it, and how long the last peer takes
# compared with a peer alone.
#
# The origin is the embedded server (jetty-module/target/webseed-server.jar serve) on 127.0.0.1: the
# only initial seed (its web seed) and the only tracker. Peers are real libtorrent 2.0.8 sessions
# (/usr/bin/python3, interop/libtorrent/offload.py), each on its own 127.0.0.x, mapped to the global
# peer class (see offload.py), DHT/LSD/UPnP/NAT-PMP/PEX off. Content: one file of fixed-seed
# pseudo-random bytes (created once under target/bench/offload/, piece length 256 KiB); every peer's
# copy must match its SHA-256.
#
# Scenarios (SCENARIOS, in order; each but 'late' starts a fresh server, so nothing is remembered):
#   lone       one peer alone: the reference time
#   at-once    PEERS peers started together
#   staggered  PEERS peers started DELAY seconds apart
#   late       after the previous scenario's peers have all left (stopped announces), one new peer
#              alone on the same server: the scheduler must serve it like a first downloader
# each run once per origin budget in RATES ('0' unlimited, else passed as --webseed-max-rate;
# skipped with a message when the jar has no such option).
#
# Per scenario it prints: origin egress / file size (the server's bytes written, read from the
# kernel's per-process write counter /proc/PID/io wchar: payload plus headers and tracker replies;
# beside it the server's own count of content bytes from /stats when the server has that page),
# the same from the clients' block_finished_alert attribution (bytes a client did not need are not
# in it), web-seed and peer bytes per peer, the last peer's finish time since the first start, and
# that time divided by the 'lone' time of the same budget. Then the offload ratio (1 - origin bytes
# / bytes the clients received) twice: as the server shows it (/stats, read after the peers' final
# 'completed' and 'stopped' announces: origin content bytes over the sum of announced 'downloaded')
# and as the clients counted it themselves (their alerts; and over libtorrent's payload counter).
#
# Usage:
#   bench/offload-bench.sh                                    (10 peers, 200 MiB, both budgets)
#   PEERS=4 FILE_MIB=40 bench/offload-bench.sh                (quick: about a minute)
#   PEERS=10 FILE_MIB=200 DELAY=2 RATES="0 12MB" SCENARIOS="lone at-once staggered late" TIMEOUT=180
#   LT_SETTINGS='{"urlseed_max_request_bytes": 262144}' SERVER_ARGS="--numwant-max 20" REPEAT=1
#   JAR=/tmp/before.jar STOP_WAIT=0 SCENARIOS="at-once late"   (peers leave without a 'stopped' announce, like a crash:
#                                          the tracker keeps them for peerTimeout; default 10 s wait)
# Figures go to stdout and are appended to target/bench/offload/results.txt.
# Needs: java 17, mvn (to build the jar when missing), curl, /usr/bin/python3 with python3-libtorrent.
# Binds 127.0.0.x only; every process it starts is stopped by PID on exit (bench/lib.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-10}
FILE_MIB=${FILE_MIB:-200}
DELAY=${DELAY:-2}
RATES=${RATES:-0 12MB}
SCENARIOS=${SCENARIOS:-lone at-once staggered late}
TIMEOUT=${TIMEOUT:-180}
REPEAT=${REPEAT:-1}
LATE_PAUSE=${LATE_PAUSE:-2}
STOP_WAIT=${STOP_WAIT:-10}
LT_SETTINGS=${LT_SETTINGS:-{\}}
SERVER_ARGS=${SERVER_ARGS:-}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx512m}
PY=/usr/bin/python3
JAR=${JAR:-$ROOT/jetty-module/target/webseed-server.jar}
DATA="$ROOT/target/bench/offload"
NAME="offload-${FILE_MIB}MiB.bin"
FILE="$DATA/content/$NAME"
RESULTS="$DATA/results.txt"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init offload-bench

for tool in java curl timeout; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
"$PY" -c 'import libtorrent' 2>/dev/null || { echo "missing: python3-libtorrent for $PY" >&2; exit 1; }

if [[ ! -f "$JAR" ]]; then
    echo "== building $JAR"
    (cd "$ROOT" && { mvn -B -q -o package -DskipTests -pl jetty-module -am || mvn -B -q package -DskipTests -pl jetty-module -am; }) \
        >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi

mkdir -p "$DATA/content"
SUM="$DATA/$NAME.sha256" # outside the content root, so not published
if [[ ! -f "$FILE" || ! -f "$SUM" ]]; then
    echo "== creating $FILE ($FILE_MIB MiB, fixed seed)"
    "$PY" - "$FILE" "$FILE_MIB" "$SUM" <<'EOF'
import hashlib, random, sys
path, mib, sums = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng, digest = random.Random(20261127), hashlib.sha256()
with open(path + '.tmp', 'wb') as f:
    for _ in range(mib):
        chunk = rng.randbytes(1 << 20)
        digest.update(chunk)
        f.write(chunk)
open(sums, 'w').write(digest.hexdigest() + '\n')
EOF
    mv "$FILE.tmp" "$FILE"
fi
SHA=$(cut -c1-64 "$SUM")
SIZE=$(stat -c %s "$FILE")
cat "$FILE" >/dev/null

SERVER_PID=""
stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
start_server() { # rate
    local rate_args=()
    [[ $1 == 0 ]] || rate_args=(--webseed-max-rate "$1")
    PORT=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$JAR" serve --content-root "$DATA/content" --host 127.0.0.1 --port "$PORT" \
        --piece-length 262144 "${rate_args[@]}" $SERVER_ARGS >"$WORK/server-$PORT.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    BASE="http://127.0.0.1:$PORT"
    for _ in $(seq 600); do # hashing the file on a first run takes a while
        curl -sf -o "$WORK/t.torrent" "$BASE/torrent/$NAME.torrent" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server-$PORT.log"; exit 1; }
        sleep 0.2
    done
    echo "no torrent from $BASE" >&2; exit 1
}
wchar() { awk '/^wchar:/ {print $2}' "/proc/$SERVER_PID/io"; }
stats_counts() { # the server's own counts from /stats (the operator view): 'originBytes swarmBytes', or nothing
    curl -sf "$BASE/stats" 2>/dev/null | "$PY" -c 'import json, sys
t = json.load(sys.stdin)["totals"]
print(t["originBytes"], t["swarmBytes"])' 2>/dev/null || true
}
scrape() { # the origin tracker's counts for the torrent: seeders, leechers, completed
    local query
    query=$("$PY" -c 'import sys, urllib.parse, libtorrent as lt
print(urllib.parse.quote_from_bytes(lt.torrent_info(sys.argv[1]).info_hash().to_bytes()))' "$WORK/t.torrent")
    curl -s "$BASE/scrape?info_hash=$query" | "$PY" -c 'import sys, libtorrent as lt
files = lt.bdecode(sys.stdin.buffer.read())[b"files"]
for counts in files.values():
    print("seeders %d, leechers %d, completed %d" % (counts[b"complete"], counts[b"incomplete"], counts[b"downloaded"]))'
}

echo "== $(date -u +%FT%TZ) offload: $PEERS peers, $FILE_MIB MiB ($SIZE bytes), delay ${DELAY}s, stop wait ${STOP_WAIT}s, rates: $RATES," \
    "scenarios: $SCENARIOS, libtorrent extra settings $LT_SETTINGS, server args '${SERVER_ARGS}'"
echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
{
    echo "# $(date -u +%FT%TZ) peers=$PEERS file_mib=$FILE_MIB delay=$DELAY stop_wait=$STOP_WAIT lt=$LT_SETTINGS server='$SERVER_ARGS'" \
        "load=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$RESULTS"
printf '%-8s %-10s %5s %8s %8s %8s %8s %8s %7s %s\n' rate scenario peers egress stats alerts last_s lone_x load ok | tee -a "$RESULTS"

for round in $(seq "$REPEAT"); do
for rate in $RATES; do
    if [[ $rate != 0 ]] && ! java -jar "$JAR" serve --help 2>&1 | grep -q -- '--webseed-max-rate'; then
        echo "   rate $rate skipped: this jar has no --webseed-max-rate"
        continue
    fi
    lone=""
    for scenario in $SCENARIOS; do
        case $scenario in
            lone) n=1; delay=0; first=11 ;;
            at-once) n=$PEERS; delay=0; first=11 ;;
            staggered) n=$PEERS; delay=$DELAY; first=11 ;;
            late) n=1; delay=0; first=99 ;;
            *) echo "unknown scenario: $scenario" >&2; exit 2 ;;
        esac
        if [[ $scenario == late ]]; then
            [[ -n $SERVER_PID ]] || start_server "$rate"
            sleep "$LATE_PAUSE"
            echo "   tracker before the late peer: $(scrape)"
        else
            stop_server
            start_server "$rate"
        fi
        rm -rf "$WORK/peers"; mkdir -p "$WORK/peers"
        before=$(wchar)
        stats_before=$(stats_counts)
        set +e
        timeout -k 5 $((${TIMEOUT%.*} + 120)) "$PY" "$ROOT/interop/libtorrent/offload.py" --torrent "$WORK/t.torrent" \
            --sha256 "$SHA" --origin-ip 127.0.0.1 --work "$WORK/peers" --peers "$n" --delay "$delay" \
            --first-ip "$first" --timeout "$TIMEOUT" --settings "$LT_SETTINGS" --stop-wait "$STOP_WAIT" >"$WORK/run.log" 2>&1 &
        runner=$!
        PIDS+=("$runner")
        wait "$runner"; rc=$?
        set -e
        after=$(wchar)
        stats_after=$(stats_counts) # after offload.py: its peers' 'completed' and 'stopped' announces are in
        stats=- swarm=-
        if [[ -n $stats_before && -n $stats_after ]]; then
            read -r origin_before swarm_before <<<"$stats_before"
            read -r origin_after swarm_after <<<"$stats_after"
            stats=$((origin_after - origin_before)) swarm=$((swarm_after - swarm_before))
        fi
        load=$(cut -d' ' -f1 /proc/loadavg)
        grep -q '^RESULT ' "$WORK/run.log" || { tail -20 "$WORK/run.log"; echo "   $scenario: no result (rc $rc)"; continue; }
        cp "$WORK/run.log" "$DATA/last-$rate-$scenario.log"
        line=$("$PY" - "$WORK/run.log" "$((after - before))" "$rate" "$scenario" "$load" "${lone:-}" "$stats" "$swarm" <<'EOF'
import json, sys
log, server, rate, scenario, load, lone, stats, swarm = sys.argv[1:9]
server = int(server)
r = json.loads([l for l in open(log) if l.startswith('RESULT ')][-1][7:])
size, peers = r['size'], r['peers']
done = [p['finished'] for p in peers if p['finished'] is not None]
last = max(done) if len(done) == len(peers) else float('nan')
web = sum(p['web_bytes'] for p in peers)
ok = all(p['sha256_ok'] for p in peers)
lone_x = '%.2f' % (last / float(lone)) if lone else '-'
stats_x = '-' if stats == '-' else '%.2f' % (int(stats) / size)
print('%-8s %-10s %5d %8.2f %8s %8.2f %8.1f %8s %7s %s' % (rate, scenario, len(peers), server / size, stats_x, web / size,
                                                         last, lone_x, load, 'sha256-ok' if ok else 'FAILED'))
# Offload ratio, 1 - origin bytes / bytes the clients received: the server's (/stats: the origin's
# content bytes over the sum of the 'downloaded' the clients announced) beside the clients' own
# (block alerts: web-seed blocks over all blocks; and over libtorrent's payload counter).
received = sum(p['web_bytes'] + p['peer_bytes'] for p in peers)
payload = sum(p.get('payload_download', 0) for p in peers)
clients = 1 - web / received if received else float('nan')
server_ratio = 1 - int(stats) / int(swarm) if stats != '-' and swarm != '-' and int(swarm) > 0 else float('nan')
print('         offload: server /stats %.4f (origin %d B / swarm reports %d B), clients %.4f (web seed %d B / '
      'blocks received %d B), clients by payload counter %.4f (%d B); server - clients %+.4f' % (
          server_ratio, int(stats) if stats != '-' else -1, int(swarm) if swarm != '-' else -1, clients, web,
          received, 1 - web / payload if payload else float('nan'), payload, server_ratio - clients))
for p in peers:
    print('         %s %s start %5.1f took %6s s: web seed %6.1f MiB, peers %6.1f MiB' % (
        p['name'], p['ip'], p['started'], '%.1f' % (p['finished'] - p['started']) if p['finished'] else '-',
        p['web_bytes'] / 2**20, p['peer_bytes'] / 2**20))
EOF
)
        echo "$line" | tee -a "$RESULTS" | head -1
        echo "$line" | grep ' offload: ' >>"$RESULTS" || true
        echo "$line" | tail -n +2
        [[ $scenario == lone ]] && lone=$(echo "$line" | head -1 | awk '{print $7}')
        grep '^ALERT' "$WORK/run.log" | head -5 || true
    done
    stop_server
done
done
echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "columns: egress = server bytes written (/proc/PID/io wchar) / file size; stats = the server's own origin-byte"
echo "count (/stats totals.originBytes, when the server has /stats) / file size;"
echo "offload: 1 - origin bytes / bytes received, the server's (/stats: swarm reports = announced downloaded)"
echo "beside the clients' own (web-seed blocks / all blocks from their alerts, and over libtorrent's payload counter);"
echo "alerts = web-seed blocks the clients attributed / file size;"
echo "last_s = last peer done, seconds since the first peer started; lone_x = last_s / the lone peer's time (same rate)"
