#!/usr/bin/env bash
# numpy_vs_go.sh: the one-neuron original procedure in Python against the
# Go package (bench/cmd/seedruns, neuron.Train), AND runs to the loss goal.
# Two Python rows:
#
#   original program:  bench/python/seed_original.py, the original program
#                      as published (numpy arrays of shape (1, 2) and
#                      (1, 1), the post's functions, rows drawn with the
#                      random module), ORIG_RUNS runs: it is slow;
#   numpy, tuned:      bench/python/seed_numpy.py, a tuned numpy rewrite
#                      of the same iterations, RUNS runs.
#
# The three programs are run in turn, REPS times; the median of each is
# reported. The rows run different numbers of runs (and their generators
# give different runs), so they are compared by time per iteration: the
# ratio is Python ns/iter over Go ns/iter (how many times slower Python is).
#
# Usage, from the repository root: bash bench/numpy_vs_go.sh
# Settings (environment): RUNS=200 ORIG_RUNS=20 REPS=3
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS=${RUNS:-200}
ORIG_RUNS=${ORIG_RUNS:-20}
REPS=${REPS:-3}

need_py_module numpy python3-numpy
need_cmd go "get the Go toolchain, version 1.26 or later"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
build_go "$bin"

echo "numpy_vs_go: AND runs, $REPS repetitions in turn, median of each; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo "$(/usr/bin/python3 -c 'import sys, numpy; print("Python", sys.version.split()[0] + ", numpy", numpy.__version__)'); Go: $(go version | cut -d' ' -f3)"
orig_s=() orig_ns=() orig_its=() tuned_s=() tuned_ns=() tuned_its=() go_s=() go_ns=() go_its=()
for _ in $(seq "$REPS"); do
	run_logged /usr/bin/python3 bench/python/seed_original.py "$ORIG_RUNS" and
	orig_s+=("$(field seconds "$LINE")")
	orig_ns+=("$(field ns_per_iter "$LINE")")
	orig_its+=("$(field median_iters "$LINE")")
	run_logged /usr/bin/python3 bench/python/seed_numpy.py "$RUNS" and
	tuned_s+=("$(field seconds "$LINE")")
	tuned_ns+=("$(field ns_per_iter "$LINE")")
	tuned_its+=("$(field median_iters "$LINE")")
	run_logged "$bin/seedruns" -fn and -runs "$RUNS"
	go_s+=("$(field seconds "$LINE")")
	go_ns+=("$(field ns_per_iter "$LINE")")
	go_its+=("$(field median_iters "$LINE")")
done
orig=$(median "${orig_ns[@]}")
tuned=$(median "${tuned_ns[@]}")
g=$(median "${go_ns[@]}")

echo
printf '%-40s %6s %12s %14s %12s %10s\n' "" runs seconds "median iters" "ns/iter" "x Go"
printf '%-40s %6s %12s %14s %12s %10s\n' "Python, the original program as published" "$ORIG_RUNS" \
	"$(median "${orig_s[@]}")" "$(median "${orig_its[@]}")" "$orig" "$(ratio "$orig" "$g")"
printf '%-40s %6s %12s %14s %12s %10s\n' "Python, numpy, tuned rewrite" "$RUNS" \
	"$(median "${tuned_s[@]}")" "$(median "${tuned_its[@]}")" "$tuned" "$(ratio "$tuned" "$g")"
printf '%-40s %6s %12s %14s %12s %10s\n' "Go, neuron.Train" "$RUNS" \
	"$(median "${go_s[@]}")" "$(median "${go_its[@]}")" "$g" "1.00"
