#!/usr/bin/env bash
# Piece-hashing speed of Webseed against mktorrent on the same file.
#
# Creates a 2 GiB random file (once) under ${BENCH_DIR:-/tmp/webseed-bench}, warms the page cache,
# then runs `mktorrent -t 2 -l 21` and Webseed's `torrent create --hash-threads 2 --piece-length 2m`
# (the same piece length, 2^21 = 2 MiB, which is also what auto chooses for 2 GiB) three times each,
# alternating. Prints every wall time (process start to exit, JVM start-up included), the CPU time
# (user + sys, which suffers less than wall time when other work loads the machine), Webseed's own
# in-process hashing time, the info-hashes (they must be equal) and the ratios of the medians
# (Webseed / mktorrent: 1.00 = same speed, below 1 = faster).
#
# Usage: bench/hash-speed.sh            (from the repository root or anywhere)
#   SIZE_MIB=2048 RUNS=3 THREADS=2 PIECE_EXP=21 BENCH_DIR=/tmp/webseed-bench   override the defaults
# Needs: mktorrent, java 17, the compiled classes (built here with `mvn -o compile` when missing).
# Note: on a shared machine other work steals CPU; read the figures with the load average printed.
set -euo pipefail

SIZE_MIB=${SIZE_MIB:-2048}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
PIECE_EXP=${PIECE_EXP:-21}
BENCH_DIR=${BENCH_DIR:-/tmp/webseed-bench}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CP="$REPO/webseed-servlet/target/classes:$REPO/jetty-module/target/classes"
FILE="$BENCH_DIR/bench-${SIZE_MIB}MiB.bin"

command -v mktorrent >/dev/null || { echo "mktorrent is missing (apt-get install mktorrent)" >&2; exit 1; }
if [[ ! -f "$REPO/jetty-module/target/classes/dev/webseed/jetty/cli/TorrentCreateCommand.class" ]]; then
    (cd "$REPO" && mvn -B -q -o compile -pl jetty-module -am)
fi
mkdir -p "$BENCH_DIR"
if [[ ! -f "$FILE" || $(stat -c %s "$FILE") -ne $((SIZE_MIB * 1024 * 1024)) ]]; then
    echo "creating $FILE ($SIZE_MIB MiB of random bytes)"
    head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$FILE"
fi
cat "$FILE" > /dev/null  # warm the page cache: measure hashing, not the disk

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
     "sha_ni: $(grep -q sha_ni /proc/cpuinfo && echo yes || echo no); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $FILE, piece length 2^$PIECE_EXP, $THREADS threads, $RUNS runs each"
mk_times=(); ws_times=(); ws_hash=(); mk_cpu=(); ws_cpu=()
TIMEFORMAT='%R %U %S'
for run in $(seq 1 "$RUNS"); do
    rm -f "$BENCH_DIR/mk.torrent" "$BENCH_DIR/ws.torrent"
    mk_t=$( { time mktorrent -t "$THREADS" -l "$PIECE_EXP" -o "$BENCH_DIR/mk.torrent" "$FILE" > /dev/null; } 2>&1 )
    ws_t=$( { time java -cp "$CP" dev.webseed.jetty.cli.TorrentCreateCommand "$FILE" -o "$BENCH_DIR/ws.torrent" \
          --piece-length $((1 << PIECE_EXP)) --hash-threads "$THREADS" > "$BENCH_DIR/ws.out" 2>/dev/null; } 2>&1 )
    out=$(cat "$BENCH_DIR/ws.out")
    read -r mk mku mks <<< "$mk_t"; read -r ws wsu wss <<< "$ws_t"
    hashed=$(echo "$out" | awk '/hashed in/ {print $3}')
    mk_times+=("$mk"); ws_times+=("$ws"); ws_hash+=("$hashed")
    mk_cpu+=("$(echo "$mku + $mks" | bc -l)"); ws_cpu+=("$(echo "$wsu + $wss" | bc -l)")
    printf 'run %d: mktorrent %6.3f s (cpu %6.3f s)   webseed %6.3f s (cpu %6.3f s, hashing alone %s s)   load %s\n' \
        "$run" "$mk" "${mk_cpu[-1]}" "$ws" "${ws_cpu[-1]}" "$hashed" "$(cut -d' ' -f1 /proc/loadavg)"
done
mk_med=$(median "${mk_times[@]}"); ws_med=$(median "${ws_times[@]}"); wh_med=$(median "${ws_hash[@]}")
mc_med=$(median "${mk_cpu[@]}"); wc_med=$(median "${ws_cpu[@]}")
echo "webseed info-hash:   $(echo "$out" | awk '/info-hash/ {print $2}')"
if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import libtorrent' 2>/dev/null; then
    echo "mktorrent info-hash: $(/usr/bin/python3 -c 'import sys, libtorrent as lt; print(lt.torrent_info(sys.argv[1]).info_hash())' "$BENCH_DIR/mk.torrent")"
fi
printf 'median wall: mktorrent %.3f s (%.0f MiB/s), webseed %.3f s (%.0f MiB/s; hashing alone %.3f s, %.0f MiB/s)\n' \
    "$mk_med" "$(echo "$SIZE_MIB / $mk_med" | bc -l)" "$ws_med" "$(echo "$SIZE_MIB / $ws_med" | bc -l)" \
    "$wh_med" "$(echo "$SIZE_MIB / $wh_med" | bc -l)"
printf 'median cpu (user+sys): mktorrent %.3f s, webseed %.3f s (JVM start-up and JIT included)\n' "$mc_med" "$wc_med"
printf 'ratio webseed/mktorrent: %.2f wall, %.2f hashing alone vs mktorrent wall, %.2f cpu\n' \
    "$(echo "$ws_med / $mk_med" | bc -l)" "$(echo "$wh_med / $mk_med" | bc -l)" "$(echo "$wc_med / $mc_med" | bc -l)"
