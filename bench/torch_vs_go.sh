#!/usr/bin/env bash
# torch_vs_go.sh: 2-4-1 XOR training steps with PyTorch
# (bench/python/xor_torch.py: one thread, SGD lr 0.5, one row per step)
# against the Go package (bench/cmd/xorsteps, (*neuron.Net).Step), the
# same number of iterations ITERS each.
#
# The two are run alternately REPS times; the medians of the times are
# reported, with the ratio torch/Go (how many times slower torch is).
#
# Usage, from the repository root: bash bench/torch_vs_go.sh
# Settings (environment): ITERS=200000 HIDDEN=4 REPS=3
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ITERS=${ITERS:-200000}
HIDDEN=${HIDDEN:-4}
REPS=${REPS:-3}

need_py_module torch python3-torch
need_cmd go "get the Go toolchain, version 1.26 or later"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
build_go "$bin"

echo "torch_vs_go: 2-$HIDDEN-1 XOR, $ITERS iterations, $REPS alternating repetitions, median of each; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
py_s=() go_s=() py_ns=() go_ns=()
for _ in $(seq "$REPS"); do
	run_logged /usr/bin/python3 bench/python/xor_torch.py "$ITERS" "$HIDDEN"
	py_s+=("$(field seconds "$LINE")")
	py_ns+=("$(field ns_per_iter "$LINE")")
	run_logged "$bin/xorsteps" -hidden "$HIDDEN" -iters "$ITERS"
	go_s+=("$(field seconds "$LINE")")
	go_ns+=("$(field ns_per_iter "$LINE")")
done
py=$(median "${py_s[@]}")
g=$(median "${go_s[@]}")

echo
printf '%-8s %12s %12s\n' "" seconds "ns/iter"
printf '%-8s %12s %12s\n' torch "$py" "$(median "${py_ns[@]}")"
printf '%-8s %12s %12s\n' Go "$g" "$(median "${go_ns[@]}")"
echo "ratio torch/Go (time for the same iterations): $(ratio "$py" "$g")"
