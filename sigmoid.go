package neuron

import "math"

// Sigmoid returns σ(u) = 1/(1+e^(−u)), the neuron's output for excitation u.
//
// σ squashes any excitation into (0, 1): large positive u gives an output
// near 1, large negative u an output near 0. It never overflows: for
// u = ±1000 it returns exactly 1 or 0, and it returns NaN only for NaN.
//
// Its relative error is at most 2e-15 (see sigmoid_test.go), and where
// σ(u) is a subnormal number, below 2.2e-308, its error is at most one
// step between subnormal numbers, 2^−1074. It computes
// e^(−u) itself rather than with math.Exp, for two reasons: the training
// loop waits for it every step, and its own e^(−u) is ready sooner; and
// math.Exp takes a fused multiply-add path on processors that have one,
// which rounds differently, so a seeded run would not repeat bit for bit
// across machines. Every step of its e^(−u) rounds the same way
// everywhere.
func Sigmoid(u float64) float64 {
	switch {
	case u >= -expLimit && u <= expLimit:
		// 1/(1 + expNeg(u)), with expNeg's three steps written out so that
		// the compiler inlines them: σ costs one call, not two.
		k, s := expNegReduce(u)
		return 1 / (1 + float64(exp2k(k)*expNegSmall(s)))
	case u > expLimit:
		return 1 // e^(−u) < 1e-304, far below float64's resolution near 1
	case u < -expLimit:
		return expNegFar(-u) // 1 + e^(−u) ≈ e^(−u), so σ(u) = e^u, tiny or 0
	}
	return u // NaN
}

// SigmoidPrime returns σ'(u) = σ(u)·(1−σ(u)), the slope of the sigmoid.
// Training never calls it: with o = σ(u) already computed, o·(1−o) is
// cheaper. It is here for tests and for readers.
func SigmoidPrime(u float64) float64 {
	o := Sigmoid(u)
	return o * (1 - o)
}

// expLimit bounds the arguments expNeg accepts: for |v| ≤ 700 the result
// and every intermediate value are normal float64 numbers.
const expLimit = 700

// The table method for e^(−v): write −v = k·(ln 2)/2048 + r with an
// integer k and |r| ≤ (ln 2)/4096, and split k = 2048·m + 32·i + j
// (0 ≤ i < 64, 0 ≤ j < 32); then
//
//	e^(−v) = 2^(k/2048) · e^r = 2^m · 2^(i/64) · 2^(j/2048) · e^r.
//
// 2^m is exact, 2^(i/64) and 2^(j/2048) are read from two small tables
// (exptable.go), and e^r = 1 + r + r²/2 + r³/6 to within 4e-17 because r
// is tiny. What the training loop waits for each step is the chain of
// operations from v to e^(−v): a multiply and an add find k, a
// subtraction, a multiply and two adds give r, the series is four
// operations deep, and one multiply applies the table product (worked out
// alongside, it does not lengthen the chain).
const (
	// 2048/ln 2, to find k.
	invLn2x2048 = 2048 / math.Ln2
	// (ln 2)/2048 split in two, so that k·ln2x2048Hi is exact (its low 32
	// bits are zero) and r keeps its precision when v is large.
	ln2x2048Hi = 6.93147180369123816490e-01 / 2048
	ln2x2048Lo = 1.90821492927058770002e-10 / 2048
	// Adding 1.5·2^52 rounds to an integer and leaves it in the low bits.
	roundShift = 0x1.8p52
)

// expNeg returns e^(−v) for |v| ≤ expLimit.
//
// Here and in the training code, float64(x*y) rounds a product before it
// is added: the Go spec then forbids fusing the two into one multiply-add,
// which some processors would round differently, so every platform
// computes the same bits and a seeded run repeats exactly anywhere.
func expNeg(v float64) float64 {
	k, s := expNegReduce(v)
	return exp2k(k) * expNegSmall(s)
}

// expNegFar returns e^(−v) for v > expLimit, where it is below 1e-304,
// subnormal or 0: e^(−(v−700)) · e^(−700), both factors normal numbers,
// and the product rounded once.
func expNegFar(v float64) float64 {
	if v > 746 {
		return 0 // e^(−746) < 2^(−1075), half the smallest subnormal number
	}
	return expNeg(v-expLimit) * expNegLimit
}

// expNegLimit is e^(−700).
var expNegLimit = expNeg(expLimit)

// expNegReduce writes −v = k·(ln 2)/2048 + r and returns k (in the low
// bits, two's complement) and s = −r.
func expNegReduce(v float64) (k uint64, s float64) {
	kf := float64(v*-invLn2x2048) + roundShift
	k = math.Float64bits(kf)
	kf -= roundShift
	return k, (v + float64(kf*ln2x2048Hi)) + float64(kf*ln2x2048Lo)
}

// expNegSmall returns e^(−s) for |s| ≤ (ln 2)/4096 by its Taylor series
// 1 − s + s²/2 − s³/6, grouped so that the products run in parallel.
func expNegSmall(s float64) float64 {
	return (1 - s) + float64(float64(s*s)*(0.5-float64(s*(1.0/6))))
}

// exp2k returns 2^(k/2048): the product of the two table entries, times
// 2^m, which is exact.
func exp2k(k uint64) float64 {
	pow2m := math.Float64frombits((k>>11 + 1023) << 52) // m+1023 is its biased exponent
	return float64(exp2Hi[(k>>5)&63]*pow2m) * exp2Lo[k&31]
}
