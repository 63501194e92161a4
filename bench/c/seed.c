/*
 * seed.c: the seed's training procedure as a plain C loop, to time against
 * neuron.Train (bench/cmd/seedruns).
 *
 * Usage: seed [and|or] [runs] [inputs]     (defaults: and 200 2)
 *
 * The truth table of the n-input AND (or OR) is built at run time, so the
 * number of inputs and of rows are ordinary variables, not constants the
 * compiler could fold. Run r (r = 0 .. runs-1) seeds the generator with r,
 * draws w1..wn then b from N(0,1), and then, each iteration:
 *
 *   draws a row i uniformly (with replacement), computes u = w.x + b,
 *   o = 1/(1+exp(-u)), the loss (o-t)^2/2, d = (o-t)*o*(1-o), and moves
 *   w_k -= rate*(d*x_k), b -= rate*d; it stops as soon as that row's loss
 *   (measured before the step) is at most the goal.
 *
 * It prints one line of key=value pairs: total iterations, the median
 * iterations of a run, total seconds and nanoseconds per iteration. The
 * time covers the runs only (initial weights included), not the setup.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pcg.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* train runs the seed's procedure once and returns its iteration count. */
static long train(uint64_t seed, int n, int rows, const double *X,
		  const double *T, double rate, double goal, double *w)
{
	pcg g;
	pcg_init(&g, seed, 0);
	for (int k = 0; k < n; k++)
		w[k] = pcg_normal(&g);
	double b = pcg_normal(&g);

	long it = 0;
	for (;;) {
		uint64_t i = pcg_intn(&g, (uint64_t)rows);
		const double *x = X + i * (uint64_t)n;
		double u = b;
		for (int k = 0; k < n; k++)
			u += w[k] * x[k];
		double o = 1 / (1 + exp(-u));
		double e = o - T[i];
		double loss = e * e / 2;
		double d = e * o * (1 - o);
		for (int k = 0; k < n; k++)
			w[k] -= rate * (d * x[k]);
		b -= rate * d;
		it++;
		if (loss <= goal)
			return it;
	}
}

int main(int argc, char **argv)
{
	const char *fn = argc > 1 ? argv[1] : "and";
	long runs = argc > 2 ? atol(argv[2]) : 200;
	int n = argc > 3 ? atoi(argv[3]) : 2;
	int is_and = strcmp(fn, "and") == 0;
	if ((!is_and && strcmp(fn, "or") != 0) || runs < 1 || n < 1 || n > 20) {
		fprintf(stderr, "usage: seed [and|or] [runs >= 1] [inputs 1..20]\n");
		return 2;
	}

	/* The truth table: row r's input k is bit n-1-k of r (row 0 is all
	 * zeros, the last row all ones). */
	int rows = 1 << n;
	double *X = malloc(sizeof(double) * (size_t)rows * (size_t)n);
	double *T = malloc(sizeof(double) * (size_t)rows);
	double *w = malloc(sizeof(double) * (size_t)n);
	long *per_run = malloc(sizeof(long) * (size_t)runs);
	if (!X || !T || !w || !per_run) {
		fprintf(stderr, "seed: out of memory\n");
		return 1;
	}
	for (int r = 0; r < rows; r++) {
		int ones = 0;
		for (int k = 0; k < n; k++) {
			int bit = (r >> (n - 1 - k)) & 1;
			X[r * n + k] = bit;
			ones += bit;
		}
		T[r] = is_and ? (ones == n) : (ones > 0);
	}

	const double rate = 0.5, goal = 1e-10;
	long total = 0;
	double t0 = now_seconds();
	for (long r = 0; r < runs; r++) {
		per_run[r] = train((uint64_t)r, n, rows, X, T, rate, goal, w);
		total += per_run[r];
	}
	double secs = now_seconds() - t0;

	qsort(per_run, (size_t)runs, sizeof(long), cmp_long);
	long median = per_run[runs / 2];
	if (runs % 2 == 0)
		median = (per_run[runs / 2 - 1] + per_run[runs / 2]) / 2;
	printf("seed lang=c fn=%s inputs=%d runs=%ld iters=%ld median_iters=%ld "
	       "seconds=%.6f ns_per_iter=%.3f\n",
	       fn, n, runs, total, median, secs, secs * 1e9 / (double)total);
	free(X);
	free(T);
	free(w);
	free(per_run);
	return 0;
}
