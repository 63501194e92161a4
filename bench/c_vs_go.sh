#!/usr/bin/env bash
# c_vs_go.sh: plain C, written as a C programmer would, against the Go
# package, nanoseconds per iteration.
#
#   one neuron: bench/c/seed.c against bench/cmd/seedruns (neuron.Train),
#               RUNS runs of AND to the loss goal, the original procedure;
#   network:    bench/c/net.c against bench/cmd/xorsteps ((*neuron.Net).Step),
#               ITERS steps of 2-2-1 and of 2-4-1 on XOR.
#
# The C side is compiled with gcc -O2 and linked with libm (CFLAGS): no
# -march, no -ffast-math. (The C library still picks its exp at run time,
# and on a processor with fused multiply-add it picks one that uses it:
# see bench/README.md.) The C and Go programs are run alternately REPS
# times and the median of each is reported, with the ratio Go/C (below 1
# means Go is faster), checked against the targets of issue 9: one-neuron
# step Go/C <= 1.10, 2-4-1 step Go/C <= 1.20 (2-2-1 is shown without a
# target). The fastest repetition of each side and their ratio are shown
# too, and the load average at the start and the end.
#
# Usage, from the repository root: bash bench/c_vs_go.sh
# Settings (environment): RUNS=200 ITERS=20000000 REPS=5
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS=${RUNS:-200}
ITERS=${ITERS:-20000000}
REPS=${REPS:-5}
CFLAGS="-O2"
TARGET_SEED=1.10
TARGET_NET4=1.20

need_cmd gcc "apt-get update && apt-get install -y gcc"
need_cmd go "get the Go toolchain, version 1.26 or later"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
gcc $CFLAGS -o "$bin/seed" bench/c/seed.c -lm
gcc $CFLAGS -o "$bin/net" bench/c/net.c -lm
build_go "$bin"

# fastest V...: the smallest of the numbers given. On a shared machine the
# fastest repetition of each side is the one least disturbed by the
# others' work, so it is shown next to the median.
fastest() { printf '%s\n' "$@" | awk 'NR == 1 || $1 + 0 < m + 0 { m = $1 } END { print m }'; }

# loadavg: the load averages (1, 5, 15 minutes), which say how busy the
# machine was: on a shared machine the medians move with them.
loadavg() { uptime | sed 's/.*load average[s]*: *//'; }

echo "c_vs_go: $REPS alternating repetitions, median of each; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo "C: $(gcc --version | head -n 1), flags $CFLAGS -lm; Go: $(go version | cut -d' ' -f3)"
echo "load average at the start: $(loadavg)"

echo "one neuron, original procedure, $RUNS AND runs:"
c_ns=() go_ns=() c_its=() go_its=()
for _ in $(seq "$REPS"); do
	run_logged "$bin/seed" and "$RUNS"
	c_ns+=("$(field ns_per_iter "$LINE")")
	c_its+=("$(field median_iters "$LINE")")
	run_logged "$bin/seedruns" -fn and -runs "$RUNS"
	go_ns+=("$(field ns_per_iter "$LINE")")
	go_its+=("$(field median_iters "$LINE")")
done
seed_c=$(median "${c_ns[@]}")
seed_go=$(median "${go_ns[@]}")
seed_c_min=$(fastest "${c_ns[@]}")
seed_go_min=$(fastest "${go_ns[@]}")
c_med=$(median "${c_its[@]}")
go_med=$(median "${go_its[@]}")

net_c=() net_go=() net_c_min=() net_go_min=()
for h in 2 4; do
	echo "network step, 2-$h-1 XOR, $ITERS iterations:"
	c_ns=() go_ns=()
	for _ in $(seq "$REPS"); do
		run_logged "$bin/net" "$h" "$ITERS"
		c_ns+=("$(field ns_per_iter "$LINE")")
		run_logged "$bin/xorsteps" -hidden "$h" -iters "$ITERS"
		go_ns+=("$(field ns_per_iter "$LINE")")
	done
	net_c+=("$(median "${c_ns[@]}")")
	net_go+=("$(median "${go_ns[@]}")")
	net_c_min+=("$(fastest "${c_ns[@]}")")
	net_go_min+=("$(fastest "${go_ns[@]}")")
done

echo
echo "median iterations of an AND run: C $c_med, Go $go_med (same procedure; different generators, so different runs)"
printf '%-26s %10s %10s %6s %6s %4s   %10s %10s %6s\n' "" "median" "" "" "" "" "fastest" "" ""
printf '%-26s %10s %10s %6s %6s %4s   %10s %10s %6s\n' benchmark "C ns/iter" "Go ns/iter" "Go/C" target met "C ns/iter" "Go ns/iter" "Go/C"
report() { # NAME C GO TARGET(- for none) C_FASTEST GO_FASTEST
	local r met=-
	r=$(ratio "$3" "$2")
	if [ "$4" != - ]; then
		met=$(awk -v r="$r" -v t="$4" 'BEGIN { print (r <= t) ? "yes" : "NO" }')
	fi
	printf '%-26s %10s %10s %6s %6s %4s   %10s %10s %6s\n' "$1" "$2" "$3" "$r" "$4" "$met" "$5" "$6" "$(ratio "$6" "$5")"
}
report "one neuron, AND x $RUNS" "$seed_c" "$seed_go" "$TARGET_SEED" "$seed_c_min" "$seed_go_min"
report "net step, 2-2-1 XOR" "${net_c[0]}" "${net_go[0]}" - "${net_c_min[0]}" "${net_go_min[0]}"
report "net step, 2-4-1 XOR" "${net_c[1]}" "${net_go[1]}" "$TARGET_NET4" "${net_c_min[1]}" "${net_go_min[1]}"
echo "load average at the end: $(loadavg)"
