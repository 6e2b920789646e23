#!/usr/bin/env bash
# Several servers (README "Several servers"): what the shared registry of published torrents costs
# an announce, side by side in one run. Two embedded servers share one redis-server (started here),
# closed trackers (trackerOpen=false, the default). Server A publishes a file below the top level;
# server B never hashes it and admits its swarm through the registry (one HGET, then its own cache).
# The same wrk announce load (tracker-announce.lua, one info-hash) goes to A (hash known locally)
# and to B (hash known through the registry), interleaved; B/A near 1 means the registry adds no
# round trip after the first lookup. A third row: B with a hash nobody published (refused as
# unregistered, one HGET each: the cost of a closed tracker's refusal with Redis).
#   bench/registry-bench.sh                 # defaults below; override with environment variables
#   DURATION=10s RUNS=5 bench/registry-bench.sh
# Needs: java 17, the built jars (mvn -B -o package -pl jetty-module,webseed-redis -am -DskipTests),
# wrk, redis-server, redis-cli, curl, python3. Binds 127.0.0.1 only; every process it starts is
# stopped by PID on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/jetty-module/target/webseed-server.jar}
DURATION=${DURATION:-5s}
RUNS=${RUNS:-3}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init registry-bench

[ -f "$JAR" ] || { echo "no $JAR: mvn -B -o package -pl jetty-module,webseed-redis -am -DskipTests" >&2; exit 1; }
REDIS_JAR=${REDIS_JAR:-$(ls "$ROOT"/webseed-redis/target/webseed-redis-*.jar | grep -v -- '-tests' | head -1)}
CP="$JAR:$REDIS_JAR:$ROOT/webseed-redis/target/redis-lib/*"

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

mkdir -p "$WORK/content/releases"
head -c $((4 * 1024 * 1024)) /dev/urandom >"$WORK/content/releases/film.bin"
declare -A PORT PID
for target in a b; do
    PORT[$target]=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$CP" dev.webseed.jetty.Main serve --content-root "$WORK/content" --host 127.0.0.1 \
        --port "${PORT[$target]}" --cache-dir "$WORK/cache-$target" --prehash false \
        --redis-url "redis://127.0.0.1:$REDIS_PORT/0" >"$WORK/$target.log" 2>&1 &
    PIDS+=($!)
    PID[$target]=$!
done
for target in a b; do
    wait_for "http://127.0.0.1:${PORT[$target]}/scrape?info_hash=aaaaaaaaaaaaaaaaaaaa"
done
for _ in $(seq 120); do
    curl -sf -o "$WORK/film.torrent" "http://127.0.0.1:${PORT[a]}/torrent/releases/film.bin.torrent" && break
    sleep 0.5
done
HASH=$(python3 - "$WORK/film.torrent" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
def end(i):  # index just past the bencoded value starting at i
    c = data[i:i + 1]
    if c == b"i":
        return data.index(b"e", i) + 1
    if c in (b"l", b"d"):
        i += 1
        while data[i:i + 1] != b"e":
            i = end(i)
        return i + 1
    colon = data.index(b":", i)
    return colon + 1 + int(data[i:colon])
start = data.index(b"4:info") + 6
print(hashlib.sha1(data[start:end(start)]).hexdigest())
PY
)
echo "$HASH" >"$WORK/published.txt"
python3 -c 'import hashlib; print(hashlib.sha1(b"nobody published this").hexdigest())' >"$WORK/nobody.txt"
probe() { curl -s "http://127.0.0.1:$1/announce?info_hash=$(sed 's/../%&/g' "$2")&peer_id=-WB0001-probeprobepr&port=6881&left=1&compact=1"; }
probe "${PORT[a]}" "$WORK/published.txt" | grep -q "failure reason" && { echo "A refuses its own torrent" >&2; exit 1; }
probe "${PORT[b]}" "$WORK/published.txt" | grep -q "failure reason" && { echo "B refuses A's torrent" >&2; exit 1; }
probe "${PORT[b]}" "$WORK/nobody.txt" | grep -q "unregistered torrent" || { echo "B admits an unknown hash" >&2; exit 1; }
echo "== info-hash $HASH published by A only; B admits it through the registry"

load() { # duration port hashfile: requests/s
    wrk -t"$THREADS" -c"$CONNS" -d"$1" -s "$ROOT/bench/tracker-announce.lua" "http://127.0.0.1:$2" -- "$3" \
        | awk '/Requests\/sec/ {print $2}'
}
for row in "a published" "b published" "b nobody"; do
    read -r target file <<<"$row"
    load 5s "${PORT[$target]}" "$WORK/$file.txt" >/dev/null # warm-up
done
declare -A RPS
for i in $(seq "$RUNS"); do
    for row in "a published" "b published" "b nobody"; do
        read -r target file <<<"$row"
        r=$(load "$DURATION" "${PORT[$target]}" "$WORK/$file.txt")
        RPS[$target.$file]+="$r"$'\n'
        printf "   run %d  server %s  %-9s %9.0f announces/s\n" "$i" "$target" "$file" "$r"
    done
done
median() { sort -n | awk 'NF {a[++n]=$1} END {print (n%2) ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2}'; }
A=$(median <<<"${RPS[a.published]}")
B=$(median <<<"${RPS[b.published]}")
N=$(median <<<"${RPS[b.nobody]}")
echo "== medians: A local $A/s, B through the registry $B/s (B/A $(python3 -c "print(round($B/$A, 2))")), B refusing an unknown hash $N/s"
echo "   registry entries in Redis (webseed:pub): $(redis-cli -p "$REDIS_PORT" hlen webseed:pub)"
