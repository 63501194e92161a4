#!/usr/bin/env bash
# numpy_vs_go.sh: the seed procedure written with numpy
# (bench/python/seed_numpy.py) against the Go package (bench/cmd/seedruns,
# neuron.Train), RUNS runs of AND to the goal each.
#
# The two are run alternately REPS times; the medians of the total times
# are reported, with the ratio numpy/Go (how many times slower numpy is).
#
# Usage, from the repository root: bash bench/numpy_vs_go.sh
# Settings (environment): RUNS=200 REPS=3
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS=${RUNS:-200}
REPS=${REPS:-3}

need_py_module numpy python3-numpy
need_cmd go "get the Go toolchain, version 1.26 or later"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
build_go "$bin"

echo "numpy_vs_go: $RUNS AND runs, $REPS alternating repetitions, median of each; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
py_s=() go_s=() py_ns=() go_ns=()
for _ in $(seq "$REPS"); do
	run_logged /usr/bin/python3 bench/python/seed_numpy.py "$RUNS" and
	py_s+=("$(field seconds "$LINE")")
	py_ns+=("$(field ns_per_iter "$LINE")")
	run_logged "$bin/seedruns" -fn and -runs "$RUNS"
	go_s+=("$(field seconds "$LINE")")
	go_ns+=("$(field ns_per_iter "$LINE")")
done
py=$(median "${py_s[@]}")
g=$(median "${go_s[@]}")

echo
printf '%-8s %12s %12s\n' "" seconds "ns/iter"
printf '%-8s %12s %12s\n' numpy "$py" "$(median "${py_ns[@]}")"
printf '%-8s %12s %12s\n' Go "$g" "$(median "${go_ns[@]}")"
echo "ratio numpy/Go (total time): $(ratio "$py" "$g")"
