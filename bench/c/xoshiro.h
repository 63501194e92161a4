/*
 * xoshiro.h: the random generator of the C baselines, xoshiro256**
 * (Blackman and Vigna), seeded through splitmix64, as C programmers
 * commonly use it when the C library's rand() is too weak or too slow.
 *
 * xoshiro256** keeps four 64-bit words of state. Each draw outputs
 * rotl(s1 * 5, 7) * 9 and then moves the state on with shifts, xors and
 * one rotation; nothing in it is slower than a multiply. The state must
 * not be all zeros, so it is filled from a 64-bit seed by splitmix64,
 * a counter stepped by the golden-ratio constant 0x9e3779b97f4a7c15 and
 * scrambled by two xor-shift-multiply rounds, which turns nearby seeds
 * (0, 1, 2, ...) into unrelated states.
 *
 * Everything here is static inline: after inlining, a generator that is
 * a local variable lives in four registers, which is how a hand-written
 * C loop would keep it.
 */
#ifndef BENCH_XOSHIRO_H
#define BENCH_XOSHIRO_H

#include <math.h>
#include <stdint.h>

typedef struct {
	uint64_t s[4];
} xoshiro256;

static inline uint64_t rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* splitmix64 steps the counter *x and returns its next scrambled value. */
static inline uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* xoshiro_seed fills the state with four splitmix64 outputs of seed. */
static inline void xoshiro_seed(xoshiro256 *g, uint64_t seed)
{
	for (int k = 0; k < 4; k++)
		g->s[k] = splitmix64(&seed);
}

/* xoshiro_next returns the next 64 random bits. */
static inline uint64_t xoshiro_next(xoshiro256 *g)
{
	uint64_t *s = g->s;
	uint64_t out = rotl64(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl64(s[3], 45);
	return out;
}

/*
 * xoshiro_below returns a number in [0, n) by multiply-shift: the high
 * 64 bits of the 128-bit product of a random 64-bit number and n. For a
 * power-of-two n, such as the 4 rows of a two-input truth table, this is
 * exactly uniform: for n = 4 it is the top two bits of the output (the
 * best bits of xoshiro's output), at the cost of one multiply. For other n
 * its bias is below n/2^64, far too small to matter here.
 */
static inline uint32_t xoshiro_below(xoshiro256 *g, uint32_t n)
{
	return (uint32_t)(((unsigned __int128)xoshiro_next(g) * n) >> 64);
}

/*
 * xoshiro_normals fills z[0..count-1] with standard normal numbers, by
 * Box-Muller: for u1 uniform in (0, 1] and u2 uniform in [0, 1),
 * r = sqrt(-2 ln u1) and angle a = 2 pi u2 give two independent N(0,1)
 * numbers r cos a and r sin a. An odd count drops the last sine.
 */
static inline void xoshiro_normals(xoshiro256 *g, double *z, int count)
{
	const double two_pi = 6.283185307179586476925286766559;
	for (int k = 0; k < count; k += 2) {
		/* The top 53 bits make a double with every value equally likely. */
		double u1 = (double)((xoshiro_next(g) >> 11) + 1) * 0x1p-53;
		double u2 = (double)(xoshiro_next(g) >> 11) * 0x1p-53;
		double r = sqrt(-2 * log(u1));
		z[k] = r * cos(two_pi * u2);
		if (k + 1 < count)
			z[k + 1] = r * sin(two_pi * u2);
	}
}

#endif
