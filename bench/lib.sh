# Shared by the bench/*.sh scripts: a scratch folder, processes stopped by PID on exit, free
# loopback ports and a readiness probe. Source it after setting nothing; it sets WORK and PIDS.
#   source "$(dirname "$0")/lib.sh"; bench_init tracker-bench

bench_init() { # name: WORK=/tmp/<name>.XXXXXX, PIDS=(), cleanup on exit
    WORK=$(mktemp -d "/tmp/$1.XXXXXX")
    PIDS=()
    trap bench_cleanup EXIT
}

bench_cleanup() { # every PID in PIDS gets SIGTERM, 5 s, then SIGKILL; WORK is removed
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for() { # url: up to 30 s for any HTTP answer (one byte asked, so a file URL stays cheap)
    for _ in $(seq 300); do
        curl -s -o /dev/null -r 0-0 "$1" && return 0
        sleep 0.1
    done
    echo "not answering: $1" >&2
    return 1
}

jit_settle() { # pid label command...: runs the command (a light load) in a loop until the JVM's JIT
    # has nothing queued and compiled fewer than 5 methods during the last round, at least 3 rounds
    # and at most JIT_ROUNDS (24). A 2-core machine under full load starves the one C2 thread: a
    # hot method (Jetty's HttpParser.parseLine) then waits interpreted for minutes in the queue, so
    # a fixed warm-up under full load measures the interpreter. jcmd comes with the JDK.
    local pid=$1 label=$2 round before after queued
    shift 2
    before=$(jcmd "$pid" Compiler.codelist 2>/dev/null | wc -l)
    for round in $(seq "${JIT_ROUNDS:-24}"); do
        "$@" >/dev/null
        after=$(jcmd "$pid" Compiler.codelist 2>/dev/null | wc -l)
        queued=$(jcmd "$pid" Compiler.queue 2>/dev/null | grep -cE '^ *[0-9]+ ' || true)
        if (( round >= 3 && queued == 0 && after - before < 5 && before - after < 5 )); then
            echo "   $label: JIT settled after $round rounds ($after compiled methods)"
            return 0
        fi
        before=$after
    done
    echo "   $label: JIT still busy after $round rounds ($queued queued); figures may be low" >&2
}
