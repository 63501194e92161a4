/*
 * pcg.h: the random generator of Go's math/rand/v2 PCG, for the C side of
 * the benchmarks, so that drawing a row costs what it costs in Go.
 *
 * State: one 128-bit number s. Each draw first steps the linear
 * congruential generator s = s*M + C (mod 2^128) and then mixes the new
 * state's two halves into 64 output bits with the "double xorshift
 * multiply" (DXSM) function. Go's NewPCG(seed1, seed2) puts seed1 in the
 * high half and seed2 in the low half, so pcg_init(&g, seed, 0) gives the
 * same stream of 64-bit numbers as rand.NewPCG(seed, 0).
 *
 * Normal numbers use Box-Muller on the same stream; Go's NormFloat64 uses
 * another method, so initial weights differ from Go's (the row draws have
 * the same cost, which is what matters for timing).
 */
#ifndef BENCH_PCG_H
#define BENCH_PCG_H

#include <math.h>
#include <stdint.h>

typedef unsigned __int128 u128;

typedef struct {
	u128 s;            /* LCG state: high 64 bits = seed1, low = seed2 */
	int have_spare;    /* Box-Muller makes two normals per pair */
	double spare;
} pcg;

static inline void pcg_init(pcg *g, uint64_t seed1, uint64_t seed2)
{
	g->s = ((u128)seed1 << 64) | seed2;
	g->have_spare = 0;
	g->spare = 0;
}

/* The 128-bit multiplier and increment of the LCG, as two 64-bit halves. */
#define PCG_MUL_HI 2549297995355413924ULL
#define PCG_MUL_LO 4865540595714422341ULL
#define PCG_INC_HI 6364136223846793005ULL
#define PCG_INC_LO 1442695040888963407ULL
/* The 64-bit multiplier of the DXSM output function. */
#define PCG_DXSM_MUL 0xda942042e4dd58b5ULL

static inline uint64_t pcg_uint64(pcg *g)
{
	const u128 mul = ((u128)PCG_MUL_HI << 64) | PCG_MUL_LO;
	const u128 inc = ((u128)PCG_INC_HI << 64) | PCG_INC_LO;
	g->s = g->s * mul + inc;
	uint64_t hi = (uint64_t)(g->s >> 64);
	uint64_t lo = (uint64_t)g->s;
	hi ^= hi >> 32;
	hi *= PCG_DXSM_MUL;
	hi ^= hi >> 48;
	hi *= lo | 1;
	return hi;
}

/*
 * pcg_intn returns a number in [0, n), n > 0, as Go's (*Rand).IntN does on
 * a 64-bit machine: a power-of-two bound keeps the low bits; any other
 * bound takes the high half of the 128-bit product x*n, drawing again in
 * the rare case that would be biased.
 */
static inline uint64_t pcg_intn(pcg *g, uint64_t n)
{
	if ((n & (n - 1)) == 0)
		return pcg_uint64(g) & (n - 1);
	u128 p = (u128)pcg_uint64(g) * n;
	if ((uint64_t)p < n) {
		uint64_t reject_below = (0 - n) % n; /* 2^64 mod n */
		while ((uint64_t)p < reject_below)
			p = (u128)pcg_uint64(g) * n;
	}
	return (uint64_t)(p >> 64);
}

/* pcg_normal returns a standard normal number (Box-Muller). */
static inline double pcg_normal(pcg *g)
{
	if (g->have_spare) {
		g->have_spare = 0;
		return g->spare;
	}
	/* u1 in (0, 1] so that log(u1) is finite; u2 in [0, 1). */
	double u1 = (double)((pcg_uint64(g) >> 11) + 1) * 0x1p-53;
	double u2 = (double)(pcg_uint64(g) >> 11) * 0x1p-53;
	double r = sqrt(-2 * log(u1));
	double a = 2 * M_PI * u2;
	g->spare = r * sin(a);
	g->have_spare = 1;
	return r * cos(a);
}

#endif
