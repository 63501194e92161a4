#!/usr/bin/python3
"""The original procedure in numpy, tuned rewrite, to time against
seedruns. (For the program as the blog post wrote it, see
seed_original.py.)

Usage: /usr/bin/python3 bench/python/seed_numpy.py [runs] [and|or]
(defaults: 200 and)

This is not the original program: it does the same iterations, but written
for speed in numpy (flat float64 arrays, a fast generator, row indices
drawn in blocks, no helper function calls in the loop).

Run r (r = 0 .. runs-1) seeds numpy's PCG64DXSM generator with r, draws
w1..wn then b from N(0,1), and then repeats, one truth-table row at a time:
draw a row uniformly (with replacement), excitation u = w.x + b, output
o = 1/(1+exp(-u)), loss (o-t)^2/2, d = (o-t)*o*(1-o), w -= rate*d*x,
b -= rate*d, until the loss of the row just drawn, measured before its
step, is at most the goal (1e-10); rate 0.5.

The row indices are drawn from the generator in blocks, the usual way to
use numpy's generators: one call per row would cost more than the rest of
the iteration. It prints one line of key=value pairs, the same keys as
seed.c and seedruns (lang=numpy-tuned).
"""

import sys
import time

import numpy as np

RATE = 0.5
GOAL = 1e-10
BLOCK = 4096  # row indices drawn per call to the generator


def truth_table(fn, n):
    """The n-input AND or OR: row r's input k is bit n-1-k of r."""
    rows = 1 << n
    x = np.array([[(r >> (n - 1 - k)) & 1 for k in range(n)] for r in range(rows)],
                 dtype=np.float64)
    ones = x.sum(axis=1)
    t = (ones == n) if fn == "and" else (ones > 0)
    return x, t.astype(np.float64)


def train(seed, x, t):
    """Trains one neuron from seed and returns the number of iterations."""
    rows, n = x.shape
    rng = np.random.Generator(np.random.PCG64DXSM(seed))
    w = rng.standard_normal(n)
    b = rng.standard_normal()
    it = 0
    while True:
        for i in rng.integers(0, rows, size=BLOCK).tolist():
            xi = x[i]
            u = w @ xi + b
            o = 1.0 / (1.0 + np.exp(-u))
            e = o - t[i]
            loss = 0.5 * e * e
            d = e * o * (1.0 - o)
            w -= RATE * d * xi
            b -= RATE * d
            it += 1
            if loss <= GOAL:
                return it


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    fn = sys.argv[2] if len(sys.argv) > 2 else "and"
    if runs < 1 or fn not in ("and", "or"):
        sys.exit("usage: seed_numpy.py [runs >= 1] [and|or]")
    n = 2
    x, t = truth_table(fn, n)

    per_run = []
    start = time.perf_counter()
    for r in range(runs):
        per_run.append(train(r, x, t))
    secs = time.perf_counter() - start

    total = sum(per_run)
    print(f"seed lang=numpy-tuned fn={fn} inputs={n} runs={runs} iters={total} "
          f"median_iters={int(np.median(per_run))} seconds={secs:.6f} "
          f"ns_per_iter={secs * 1e9 / total:.3f}")


if __name__ == "__main__":
    main()
