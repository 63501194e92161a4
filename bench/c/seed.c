/*
 * seed.c: the original program's training procedure for one neuron, written
 * the way a C programmer would write it, to time against neuron.Train
 * (bench/cmd/seedruns).
 *
 * Usage: seed [and|or] [runs]     (defaults: and 200)
 * Build: gcc -O2 -o seed seed.c -lm
 *        (no -march, so x86-64's baseline instructions and no fused
 *        multiply-add; no -ffast-math, so IEEE arithmetic as in Go;
 *        exp is the C library's.)
 *
 * One neuron with two inputs learns AND (or OR). For an input row
 * x = (x1, x2) and its expected output t, one iteration computes
 *
 *   excitation  u = w1*x1 + w2*x2 + b
 *   output      o = 1/(1 + exp(-u))            (the sigmoid of u)
 *   loss        L = (o - t)^2 / 2
 *   gradient    d = dL/du = (o - t) * o * (1 - o),
 *               so dL/dwk = d*xk and dL/db = d
 *
 * and steps every weight and the bias against its gradient, scaled by the
 * learning rate 0.5: wk -= 0.5*d*xk, b -= 0.5*d.
 *
 * Run r (r = 0 .. runs-1) seeds the generator (xoshiro256**, through
 * splitmix64: see xoshiro.h) with r, draws w1, w2 and b from N(0,1) by
 * Box-Muller, and then iterates: draw a row uniformly at random (with
 * replacement, by multiply-shift of a 64-bit output, i.e. its top two
 * bits), and take one step on it. It stops as soon as the loss of the row
 * just drawn, measured before its step, is at most 1e-10; that last step
 * is taken and counted, as in the Go package.
 *
 * Choices, so that the comparison is fair to both sides:
 *
 * - The weights and the bias are local variables, which the compiler keeps
 *   in registers. That fixes the number of inputs at two, the original
 *   program's case; the Go package takes any number of inputs at run time.
 * - The truth tables are data: two constant tables, AND and OR, of which
 *   main picks one at run time from the command line. The loop reads the
 *   row's inputs and expected output from memory through that pointer, as
 *   the Go side reads them from its data set, so the compiler cannot
 *   replace them by constants (say, fold a target that is always 0 into
 *   the formulas) in a way the Go side cannot. Only the shape, 4 rows of
 *   2 inputs, is known when compiling.
 *
 * It prints one line of key=value pairs: total iterations, the median
 * iterations of a run, total seconds and nanoseconds per iteration. The
 * time covers the runs, initial weights included, not the start-up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xoshiro.h"

enum { ROWS = 4 };

/* A truth table: input row r is x[r], its expected output t[r]. */
struct table {
	double x[ROWS][2];
	double t[ROWS];
};

static const struct table table_and = {
	{{0, 0}, {0, 1}, {1, 0}, {1, 1}},
	{0, 0, 0, 1},
};
static const struct table table_or = {
	{{0, 0}, {0, 1}, {1, 0}, {1, 1}},
	{0, 1, 1, 1},
};

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

/* train runs the original procedure once from seed and returns its number
 * of iterations. */
static long train(uint64_t seed, const struct table *tab)
{
	const double rate = 0.5, goal = 1e-10;
	xoshiro256 g;
	xoshiro_seed(&g, seed);
	double z[3];
	xoshiro_normals(&g, z, 3);
	double w1 = z[0], w2 = z[1], b = z[2];

	long it = 0;
	for (;;) {
		uint32_t i = xoshiro_below(&g, ROWS);
		double x1 = tab->x[i][0], x2 = tab->x[i][1];
		double u = b + w1 * x1 + w2 * x2;
		double o = 1 / (1 + exp(-u));
		double e = o - tab->t[i];
		double loss = e * e / 2;
		double d = e * o * (1 - o);
		w1 -= rate * (d * x1);
		w2 -= rate * (d * x2);
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
	const struct table *tab = NULL;
	if (strcmp(fn, "and") == 0)
		tab = &table_and;
	else if (strcmp(fn, "or") == 0)
		tab = &table_or;
	if (tab == NULL || runs < 1 || argc > 3) {
		fprintf(stderr, "usage: seed [and|or] [runs >= 1]\n");
		return 2;
	}
	long *per_run = malloc(sizeof(long) * (size_t)runs);
	if (per_run == NULL) {
		fprintf(stderr, "seed: out of memory\n");
		return 1;
	}

	long total = 0;
	double t0 = now_seconds();
	for (long r = 0; r < runs; r++) {
		per_run[r] = train((uint64_t)r, tab);
		total += per_run[r];
	}
	double secs = now_seconds() - t0;

	qsort(per_run, (size_t)runs, sizeof(long), cmp_long);
	long median = per_run[runs / 2];
	if (runs % 2 == 0)
		median = (per_run[runs / 2 - 1] + per_run[runs / 2]) / 2;
	printf("seed lang=c fn=%s inputs=2 runs=%ld iters=%ld median_iters=%ld "
	       "seconds=%.6f ns_per_iter=%.3f\n",
	       fn, runs, total, median, secs, secs * 1e9 / (double)total);
	free(per_run);
	return 0;
}
