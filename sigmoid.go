package neuron

import "math"

// Sigmoid returns σ(u) = 1/(1+e^(−u)), the neuron's output for excitation u.
//
// σ squashes any excitation into (0, 1): large positive u gives an output
// near 1, large negative u an output near 0. It never overflows: for
// u = ±1000 it returns exactly 1 or 0, and it returns NaN only for NaN.
//
// Its relative error is at most 1e-14 (see sigmoid_test.go). It computes
// e^y itself rather than with math.Exp, for two reasons: the training loop
// spends most of its time here, and its own e^y is faster for the
// excitations training meets; and math.Exp may take a fused multiply-add
// path on processors that have one, which rounds differently, so a seeded
// run would not repeat bit for bit across machines. Every step of its e^y
// rounds the same way everywhere.
func Sigmoid(u float64) float64 {
	switch {
	case u >= -expLimit && u <= expLimit:
		// 1/(1 + expFast(−u)), with expFast's three steps written out so
		// that the compiler inlines them: σ costs one call, not two.
		k, r := expReduce(-u)
		return 1 / (1 + exp2k(k)*expSmall(r))
	case u > expLimit:
		return 1 // e^(−u) < 1e-304, far below float64's resolution near 1
	case u < -expLimit:
		return math.Exp(u) // 1 + e^(−u) ≈ e^(−u), so σ(u) = e^u, tiny or 0
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

// expLimit bounds the arguments expFast accepts: for |y| ≤ 700 the result
// and every intermediate value are normal float64 numbers.
const expLimit = 700

// The table method for e^y: write y = k·(ln 2)/64 + r with an integer k
// and |r| ≤ (ln 2)/128, then
//
//	e^y = 2^(k/64) · e^r = 2^(k>>6) · 2^((k&63)/64) · e^r.
//
// 2^(k>>6) is an exponent shift, 2^((k&63)/64) is read from a table, and
// e^r is a short polynomial because r is tiny. Unlike math.Exp's chain of
// dependent operations, most of this runs in parallel, which is what the
// training loop (one exponential per iteration) needs.
var exp2Table [64]float64

func init() {
	for j := range exp2Table {
		exp2Table[j] = math.Exp2(float64(j) / 64)
	}
}

const (
	// 64/ln 2, to find k.
	invLn2x64 = 64 / math.Ln2
	// (ln 2)/64 split in two, so that k·ln2x64Hi is exact (its low 32 bits
	// are zero) and r keeps its precision when y is large.
	ln2x64Hi = 6.93147180369123816490e-01 / 64
	ln2x64Lo = 1.90821492927058770002e-10 / 64
	// Adding 1.5·2^52 rounds to an integer and leaves it in the low bits.
	roundShift = 0x1.8p52
)

// expFast returns e^y for |y| ≤ expLimit.
//
// Here and in the training code, float64(x*y) rounds a product before it
// is added: the Go spec then forbids fusing the two into one multiply-add,
// which some processors would round differently, so every platform
// computes the same bits and a seeded run repeats exactly anywhere.
func expFast(y float64) float64 {
	k, r := expReduce(y)
	return exp2k(k) * expSmall(r)
}

// expReduce writes y = k·(ln 2)/64 + r and returns k (in the low bits,
// two's complement) and r.
func expReduce(y float64) (k uint64, r float64) {
	kf := float64(y*invLn2x64) + roundShift
	k = math.Float64bits(kf)
	kf -= roundShift
	return k, (y - float64(kf*ln2x64Hi)) - float64(kf*ln2x64Lo)
}

// expSmall returns e^r for |r| ≤ (ln 2)/128 by its Taylor series to r^6
// (the next term is below 1e-17 relative), grouped so that the products
// can run in parallel.
func expSmall(r float64) float64 {
	r2 := r * r
	lo := float64(r*(1.0/6)) + 1.0/2
	hi := float64(r*(1.0/120)) + 1.0/24 + float64(r2*(1.0/720))
	return 1 + r + float64(r2*lo) + float64(float64(r2*r2)*hi)
}

// exp2k returns 2^(k/64): the table entry k&63 with k>>6 added to its
// binary exponent.
func exp2k(k uint64) float64 {
	return math.Float64frombits(math.Float64bits(exp2Table[k&63]) + (k>>6)<<52)
}
