/*
 * net.c: the two-layer network's training step as a plain C loop, to time
 * against (*neuron.Net).Step (bench/cmd/xorsteps).
 *
 * Usage: net [hidden] [iterations] [seed] [inputs]
 *        (defaults: 4 20000000 1 2)
 *
 * The network is 2-H-1 on XOR: H hidden sigmoid neurons, then one sigmoid
 * output. Its parameters start from N(0,1). Each iteration draws one row
 * uniformly and takes one steepest-descent step, as net.go does it: the
 * forward pass keeps the hidden outputs, backpropagation writes every
 * gradient into scratch arrays, and only then does every parameter move,
 * p -= rate*dL/dp, with the loss (o-t)^2/2 and rate 0.5.
 *
 * The losses are summed (and printed as their mean) so that nothing the
 * loop computes is dead code. Prints one line of key=value pairs,
 * including nanoseconds per iteration.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pcg.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double sigmoid(double u) { return 1 / (1 + exp(-u)); }

/* The network and its gradient share one shape: w1[j*n+i] weighs input i
 * into hidden neuron j. */
typedef struct {
	double *w1, *b1, *w2, b2;
} params;

static int alloc_params(params *p, int n, int h)
{
	p->w1 = calloc((size_t)n * (size_t)h, sizeof(double));
	p->b1 = calloc((size_t)h, sizeof(double));
	p->w2 = calloc((size_t)h, sizeof(double));
	p->b2 = 0;
	return p->w1 && p->b1 && p->w2;
}

/* step takes one steepest-descent step on row (x, t) and returns the loss
 * measured before it. g and hid are scratch space. */
static double step(params *p, params *g, double *hid, int n, int h,
		   const double *x, double t, double rate)
{
	/* Forward: hidden outputs, then the output. */
	double v = p->b2;
	for (int j = 0; j < h; j++) {
		const double *w = p->w1 + j * n;
		double u = p->b1[j];
		for (int i = 0; i < n; i++)
			u += w[i] * x[i];
		hid[j] = sigmoid(u);
		v += p->w2[j] * hid[j];
	}
	double o = sigmoid(v);
	double e = o - t;
	double loss = e * e / 2;

	/* Backward: dL/dv at the output, then each hidden neuron's dL/du. */
	double dv = e * o * (1 - o);
	g->b2 = dv;
	for (int j = 0; j < h; j++) {
		double hj = hid[j];
		double du = dv * p->w2[j] * hj * (1 - hj);
		g->w2[j] = dv * hj;
		g->b1[j] = du;
		double *gw = g->w1 + j * n;
		for (int i = 0; i < n; i++)
			gw[i] = du * x[i];
	}

	/* Update, after every gradient is known. */
	for (int k = 0; k < h * n; k++)
		p->w1[k] -= rate * g->w1[k];
	for (int j = 0; j < h; j++)
		p->b1[j] -= rate * g->b1[j];
	for (int j = 0; j < h; j++)
		p->w2[j] -= rate * g->w2[j];
	p->b2 -= rate * g->b2;
	return loss;
}

int main(int argc, char **argv)
{
	int h = argc > 1 ? atoi(argv[1]) : 4;
	long iters = argc > 2 ? atol(argv[2]) : 20000000;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	if (h < 1 || iters < 1) {
		fprintf(stderr, "usage: net [hidden >= 1] [iterations >= 1] [seed] [inputs]\n");
		return 2;
	}

	/* XOR of n inputs (the parity of the ones; n = 2 by default), built at
	 * run time so that n and the number of rows are ordinary variables.
	 * Row r's input i is bit n-1-i of r: rows 00, 01, 10, 11 for n = 2. */
	int n = argc > 4 ? atoi(argv[4]) : 2;
	if (n < 1 || n > 20) {
		fprintf(stderr, "net: inputs must be 1..20\n");
		return 2;
	}
	int rows = 1 << n;
	double *xor_x = malloc(sizeof(double) * (size_t)rows * (size_t)n);
	double *xor_t = malloc(sizeof(double) * (size_t)rows);
	if (!xor_x || !xor_t) {
		fprintf(stderr, "net: out of memory\n");
		return 1;
	}
	for (int r = 0; r < rows; r++) {
		int ones = 0;
		for (int i = 0; i < n; i++) {
			int bit = (r >> (n - 1 - i)) & 1;
			xor_x[r * n + i] = bit;
			ones += bit;
		}
		xor_t[r] = ones & 1;
	}

	params p, g;
	double *hid = calloc((size_t)h, sizeof(double));
	if (!alloc_params(&p, n, h) || !alloc_params(&g, n, h) || !hid) {
		fprintf(stderr, "net: out of memory\n");
		return 1;
	}

	/* Initial parameters from N(0,1), in net.go's order: each hidden
	 * neuron's weights then its bias, then the output weights and bias. */
	pcg rng;
	pcg_init(&rng, seed, 0);
	for (int j = 0; j < h; j++) {
		for (int i = 0; i < n; i++)
			p.w1[j * n + i] = pcg_normal(&rng);
		p.b1[j] = pcg_normal(&rng);
	}
	for (int j = 0; j < h; j++)
		p.w2[j] = pcg_normal(&rng);
	p.b2 = pcg_normal(&rng);

	const double rate = 0.5;
	double sum = 0;
	double t0 = now_seconds();
	for (long it = 0; it < iters; it++) {
		uint64_t i = pcg_intn(&rng, (uint64_t)rows);
		sum += step(&p, &g, hid, n, h, xor_x + i * (uint64_t)n, xor_t[i], rate);
	}
	double secs = now_seconds() - t0;

	/* How well it learned: the largest row loss at the end. */
	double worst = 0;
	for (int r = 0; r < rows; r++) {
		double v = p.b2;
		for (int j = 0; j < h; j++) {
			double u = p.b1[j];
			for (int i = 0; i < n; i++)
				u += p.w1[j * n + i] * xor_x[r * n + i];
			v += p.w2[j] * sigmoid(u);
		}
		double e = sigmoid(v) - xor_t[r];
		if (e * e / 2 > worst)
			worst = e * e / 2;
	}
	printf("xor lang=c hidden=%d iters=%ld seconds=%.6f ns_per_iter=%.3f "
	       "mean_loss=%.3g final_max_loss=%.3g\n",
	       h, iters, secs, secs * 1e9 / (double)iters, sum / (double)iters, worst);
	return 0;
}
