#!/usr/bin/env bash
# web_load.sh: load on the playground's server (neuron serve), on
# loopback only: STREAMS streams playing at once, each for DURATION at
# SPEED iterations a second, while WORKERS workers send POSTS
# POST /api/train requests (AND, 15,891 iterations each). It reports
# requests per second, the time between frames on the streams (p50,
# p99), peak memory, errors and goroutines before and after, and checks
# the targets of issue 7: no errors, the goroutines back to their number
# before. bench/cmd/webload does the work and stops by itself: every loop
# is bounded in count and time, the whole run by TIMEOUT.
#
# Usage, from the repository root: bash bench/web_load.sh
# Settings (environment): STREAMS=100 DURATION=10s SPEED=10000 POSTS=1000 WORKERS=8 TIMEOUT=2m
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

STREAMS=${STREAMS:-100}
DURATION=${DURATION:-10s}
SPEED=${SPEED:-10000}
POSTS=${POSTS:-1000}
WORKERS=${WORKERS:-8}
TIMEOUT=${TIMEOUT:-2m}

need_cmd go "get the Go toolchain, version 1.26 or later"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/webload" ./bench/cmd/webload

echo "web_load: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if "$bin/webload" -streams "$STREAMS" -duration "$DURATION" -speed "$SPEED" -posts "$POSTS" -workers "$WORKERS" -timeout "$TIMEOUT"; then
	echo "web_load: targets met: 0 errors, goroutines after = before"
else
	echo "web_load: targets missed (see above)" >&2
	exit 1
fi
