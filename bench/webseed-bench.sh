#!/usr/bin/env bash
# Webseed range throughput side by side with nginx and Jetty's own DefaultServlet.
#
# One 2 GiB file of random bytes (created once under target/bench/, page cache warmed) is served by
#   webseed-jetty   our SeedServlet on the embedded Jetty 12 (JettyContentSender: mapped buffers)
#   nginx           Debian's nginx, `sendfile on`, config written here, 127.0.0.1, stopped by PID
#   jetty-default   Jetty 12's own ee10 DefaultServlet/ResourceServlet, same Jetty version
#   webseed-tomcat  our SeedServlet on embedded Tomcat 10.1 (NIO, sendfile request attributes)
# and loaded by one generator: wrk -t2 -c16, keep-alive, random aligned single ranges
# (bench/webseed-range.lua) of 16 KiB, 256 KiB, 1 MiB and 16 MiB; after each Java server's JIT has
# settled under a light load (lib.sh jit_settle), WARMUP then DURATION per cell,
# servers interleaved per range size so machine drift hits all of them. Before timing, every server
# must answer a sample range 206 with the right SHA-256. Prints req/s, payload MB/s (10^6 bytes)
# and the ratio to nginx, plus our ratio to Jetty's DefaultServlet.
#
# Usage (from a clean clone; builds what it needs with Maven, offline when the cache allows):
#   bench/webseed-bench.sh
#   DURATION=10s WARMUP=5s SIZES="16384 262144 1048576 16777216" SERVERS="webseed-jetty nginx jetty-default
#   webseed-tomcat" bench/webseed-bench.sh       (defaults; add webseed-jetty-copy for the portable path)
#   FILE_MIB=2048 CONNS=16 THREADS=2 JIT_ROUNDS=24 JAVA_OPTS="-Xms512m -Xmx512m"
# Defaults take about 5 minutes plus the build and, once, writing the 2 GiB file.
# Needs: java 17 (with jcmd), mvn, wrk, nginx (the binary only; the system service is not touched), curl, bc,
# sha256sum, python3. Binds 127.0.0.1 only; every process it starts is stopped by PID on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
SIZES=${SIZES:-16384 262144 1048576 16777216}
SERVERS=${SERVERS:-webseed-jetty nginx jetty-default webseed-tomcat}
FILE_MIB=${FILE_MIB:-2048}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
DATA="$ROOT/target/bench"
NAME="webseed-${FILE_MIB}MiB.bin"
FILE="$DATA/content/$NAME"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init webseed-bench

for tool in java mvn wrk curl sha256sum bc python3 dd; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[[ " $SERVERS " != *" nginx "* || -x "$NGINX" ]] || { echo "missing: nginx (apt-get install nginx)" >&2; exit 1; }


echo "== build"
build() { (cd "$ROOT" && mvn -B -q "$@" test-compile dependency:build-classpath -pl jetty-module -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt") >"$WORK/build.log" 2>&1; }
build -o || build || { cat "$WORK/build.log"; exit 1; }
CP="$ROOT/jetty-module/target/classes:$ROOT/jetty-module/target/test-classes:$(cat "$WORK/cp.txt")"

mkdir -p "$DATA/content"
if [[ ! -f "$FILE" || $(stat -c %s "$FILE") -ne $((FILE_MIB * 1024 * 1024)) ]]; then
    echo "== creating $FILE ($FILE_MIB MiB of random bytes, once)"
    head -c $((FILE_MIB * 1024 * 1024)) /dev/urandom >"$FILE.tmp"
    mv "$FILE.tmp" "$FILE"
fi
SIZE=$(stat -c %s "$FILE")
echo "== warming the page cache ($FILE_MIB MiB)"
cat "$FILE" >/dev/null

declare -A PORT URLPATH PID
start_java() { # mode
    local port; port=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$CP" dev.webseed.jetty.bench.BenchServers "$1" "$port" "$DATA/content" \
        >"$WORK/$1.log" 2>&1 &
    PIDS+=($!)
    PID[$1]=$!
    PORT[$1]=$port
    URLPATH[$1]="/seed/$NAME"
    [[ $1 == jetty-default ]] && URLPATH[$1]="/$NAME"
    return 0
}
start_nginx() {
    local port; port=$(free_port)
    mkdir -p "$WORK/nginx/tmp"
    local user=""
    [[ $(id -u) -eq 0 ]] && user="user root;"   # workers must read target/, wherever the clone is
    cat >"$WORK/nginx/nginx.conf" <<CONF
$user
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    default_type application/octet-stream;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $DATA/content;
        location / { }
    }
}
CONF
    "$NGINX" -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "daemon off;" \
        >"$WORK/nginx.log" 2>&1 &
    PIDS+=($!)
    PORT[nginx]=$port
    URLPATH[nginx]="/$NAME"
}

echo "== starting: $SERVERS"
for server in $SERVERS; do
    if [[ $server == nginx ]]; then start_nginx; else start_java "$server"; fi
done

# The sample range must come back 206 with exactly the file's bytes, from every server.
SAMPLE_FIRST=$(( (SIZE / 2 / 16384) * 16384 + 12345 ))
SAMPLE_LEN=1048576
EXPECTED=$(dd if="$FILE" iflag=skip_bytes,count_bytes skip="$SAMPLE_FIRST" count="$SAMPLE_LEN" bs=1M status=none \
    | sha256sum | cut -d' ' -f1)
for server in $SERVERS; do
    url="http://127.0.0.1:${PORT[$server]}${URLPATH[$server]}"
    for _ in $(seq 300); do
        curl -s -o /dev/null "$url" -r 0-0 && break
        sleep 0.2
    done
    got=$(curl -s -o "$WORK/sample" -w '%{http_code}' -r "$SAMPLE_FIRST-$((SAMPLE_FIRST + SAMPLE_LEN - 1))" "$url" \
        || true)
    sum=$(sha256sum <"$WORK/sample" | cut -d' ' -f1)
    if [[ $got != 206 || $sum != "$EXPECTED" ]]; then
        echo "$server at $url: status $got, sha256 $sum (expected 206 $EXPECTED)" >&2
        tail -20 "$WORK/$server.log" 2>/dev/null >&2 || true
        exit 1
    fi
    echo "   $server: 206 byte-exact on $url"
done

human() { # bytes -> 16 KiB etc.
    if (( $1 >= 1048576 )); then echo "$(($1 / 1048576)) MiB"; else echo "$(($1 / 1024)) KiB"; fi
}

declare -A RPS MBS
run_cell() { # server range-size duration -> sets RPS/MBS
    local out non2xx rps xfer
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$3" --timeout 10s -s "$ROOT/bench/webseed-range.lua" \
        "http://127.0.0.1:${PORT[$1]}" -- "${URLPATH[$1]}" "$SIZE" "$2")
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    if [[ -n $non2xx ]]; then
        echo "   $1 $(human "$2"): $non2xx non-2xx responses" >&2
    fi
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    xfer=$(echo "$out" | awk '/Transfer\/sec/ {print $2}')
    RPS[$1.$2]=$rps
    MBS[$1.$2]=$(echo "$rps * $2 / 1000000" | bc -l)
    echo "   $1 $(human "$2"): $rps req/s, wrk transfer $xfer/s (load $(cut -d' ' -f1 /proc/loadavg))"
}

light() { # server range-size: a light load (wrk -t1 -c4, 5 s) that leaves the JIT a core
    wrk -t1 -c4 -d5s --timeout 10s -s "$ROOT/bench/webseed-range.lua" \
        "http://127.0.0.1:${PORT[$1]}" -- "${URLPATH[$1]}" "$SIZE" "$2"
}
echo "== JIT warm-up: light load of 16 KiB and 1 MiB ranges per Java server until its JIT settles"
for server in $SERVERS; do
    [[ $server == nginx ]] && continue
    jit_settle "${PID[$server]}" "$server 16 KiB" light "$server" 16384
    jit_settle "${PID[$server]}" "$server 1 MiB" light "$server" 1048576
done

echo "== load: wrk -t$THREADS -c$CONNS, warm-up $WARMUP + $DURATION per cell, $(nproc) cores"
for size in $SIZES; do
    for server in $SERVERS; do
        run_cell "$server" "$size" "$WARMUP" >/dev/null
        run_cell "$server" "$size" "$DURATION"
    done
done

echo
echo "== webseed range throughput: $FILE_MIB MiB file, wrk -t$THREADS -c$CONNS keep-alive, $DURATION per cell," \
     "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ratio_to() { # server reference size -> "1.23" or "-" when the reference was not run
    if [[ -n ${RPS[$2.$3]:-} ]]; then printf "%.2f" "$(echo "${RPS[$1.$3]} / ${RPS[$2.$3]}" | bc -l)"; else echo -; fi
}
printf "%-9s %-19s %11s %10s %9s %12s\n" range server "req/s" "MB/s" "x nginx" "x jetty-def"
for size in $SIZES; do
    for server in $SERVERS; do
        ratio=$(ratio_to "$server" nginx "$size")
        vsj=$(ratio_to "$server" jetty-default "$size")
        printf "%-9s %-19s %11.0f %10.1f %9s %12s\n" "$(human "$size")" "$server" "${RPS[$server.$size]}" \
            "${MBS[$server.$size]}" "$ratio" "$vsj"
    done
done
for server in $SERVERS; do
    [[ $server == nginx ]] && continue
    grep -i -E "warn|error|exception" "$WORK/$server.log" | head -3 | sed "s/^/   $server log: /" || true
done
