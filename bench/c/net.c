/*
 * net.c: the two-layer network's training step, written the way a C
 * programmer would write it, to time against (*neuron.Net).Step
 * (bench/cmd/xorsteps).
 *
 * Usage: net [hidden] [iterations] [seed]     (defaults: 4 20000000 1)
 * Build: gcc -O2 -o net net.c -lm
 *        (no -march, no -ffast-math; exp is the C library's.)
 *
 * The network is 2-H-1 on XOR: two inputs, H hidden sigmoid neurons
 * (1 <= H <= HMAX, chosen at run time as on the Go side), one sigmoid
 * output. For input x = (x1, x2) and expected output t:
 *
 *   hidden neuron j: excitation uj = W1[j][0]*x1 + W1[j][1]*x2 + B1[j],
 *                    output     hj = 1/(1 + exp(-uj))
 *   output neuron:   excitation v  = sum_j W2[j]*hj + B2,
 *                    output     o  = 1/(1 + exp(-v))
 *   loss             L  = (o - t)^2 / 2
 *
 * Backpropagation applies the chain rule from the loss back to each
 * parameter. The gradient at the output's excitation is
 * dv = dL/dv = (o - t)*o*(1 - o); hidden neuron j's output reaches the
 * loss through W2[j], so its excitation's gradient is
 * duj = dv * W2[j] * hj*(1 - hj). Then dL/dW2[j] = dv*hj, dL/dB2 = dv,
 * dL/dW1[j][i] = duj*xi and dL/dB1[j] = duj, and every parameter steps
 * against its gradient, scaled by the learning rate 0.5.
 *
 * Each iteration draws one of the four rows uniformly (xoshiro256**,
 * multiply-shift: see xoshiro.h) and takes one step. The step is the
 * true steepest-descent step, every gradient taken at the old parameters,
 * without the scratch gradient arrays a general library keeps: neuron j's
 * gradients need only dv, its own hj and its own old W2[j], so one loop
 * computes them and moves neuron j's parameters at once.
 *
 * The parameters are arrays of fixed size HMAX on the stack. The XOR
 * table is constant data read from memory through the drawn row's index.
 * The parameters start from N(0,1) (Box-Muller), drawn in the Go
 * package's order: each hidden neuron's weights then its bias, then the
 * output weights, then the output bias.
 *
 * The losses are summed (and printed as their mean) so that nothing the
 * loop computes is dead code; the largest row loss at the end shows that
 * the network learned XOR. Prints one line of key=value pairs, including
 * nanoseconds per iteration.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "xoshiro.h"

enum { ROWS = 4, HMAX = 64 };

static const double xor_x[ROWS][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double xor_t[ROWS] = {0, 1, 1, 0};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double sigmoid(double u) { return 1 / (1 + exp(-u)); }

int main(int argc, char **argv)
{
	int h = argc > 1 ? atoi(argv[1]) : 4;
	long iters = argc > 2 ? atol(argv[2]) : 20000000;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	if (h < 1 || h > HMAX || iters < 1 || argc > 4) {
		fprintf(stderr, "usage: net [hidden 1..%d] [iterations >= 1] [seed]\n", HMAX);
		return 2;
	}
	const double rate = 0.5;

	double w1[HMAX][2], b1[HMAX], w2[HMAX], b2;
	double hid[HMAX]; /* the hidden outputs of the current row */

	xoshiro256 g;
	xoshiro_seed(&g, seed);
	double z[3 * HMAX + 1];
	xoshiro_normals(&g, z, 3 * h + 1);
	const double *zp = z;
	for (int j = 0; j < h; j++) {
		w1[j][0] = *zp++;
		w1[j][1] = *zp++;
		b1[j] = *zp++;
	}
	for (int j = 0; j < h; j++)
		w2[j] = *zp++;
	b2 = *zp;

	double sum = 0;
	double t0 = now_seconds();
	for (long it = 0; it < iters; it++) {
		uint32_t r = xoshiro_below(&g, ROWS);
		double x1 = xor_x[r][0], x2 = xor_x[r][1];

		/* Forward: each hidden output, then the output. */
		double v = b2;
		for (int j = 0; j < h; j++) {
			hid[j] = sigmoid(b1[j] + w1[j][0] * x1 + w1[j][1] * x2);
			v += w2[j] * hid[j];
		}
		double o = sigmoid(v);
		double e = o - xor_t[r];
		sum += e * e / 2;

		/* Backward and update, neuron by neuron (see above). */
		double dv = e * o * (1 - o);
		for (int j = 0; j < h; j++) {
			double hj = hid[j];
			double du = dv * w2[j] * hj * (1 - hj);
			w2[j] -= rate * (dv * hj);
			w1[j][0] -= rate * (du * x1);
			w1[j][1] -= rate * (du * x2);
			b1[j] -= rate * du;
		}
		b2 -= rate * dv;
	}
	double secs = now_seconds() - t0;

	/* How well it learned: the largest row loss at the end. */
	double worst = 0;
	for (int r = 0; r < ROWS; r++) {
		double v = b2;
		for (int j = 0; j < h; j++)
			v += w2[j] * sigmoid(b1[j] + w1[j][0] * xor_x[r][0] + w1[j][1] * xor_x[r][1]);
		double e = sigmoid(v) - xor_t[r];
		if (e * e / 2 > worst)
			worst = e * e / 2;
	}
	printf("xor lang=c hidden=%d iters=%ld seconds=%.6f ns_per_iter=%.3f "
	       "mean_loss=%.3g final_max_loss=%.3g\n",
	       h, iters, secs, secs * 1e9 / (double)iters, sum / (double)iters, worst);
	return 0;
}
