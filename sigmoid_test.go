package neuron

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// Tolerances for comparing floating-point results.
const (
	// sigmoidRelTol bounds Sigmoid's relative error against σ computed
	// with math.Exp (itself within one unit in the last place).
	sigmoidRelTol = 2e-15
	// exactTol is for values that are exact in float64 up to rounding.
	exactTol = 1e-15
)

// sigmoidRef is σ computed the plain way, with math.Exp.
func sigmoidRef(u float64) float64 { return 1 / (1 + math.Exp(-u)) }

func relErr(got, want float64) float64 {
	if got == want {
		return 0
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestSigmoidValues(t *testing.T) {
	for _, c := range []struct{ u, want float64 }{
		{0, 0.5},
		{math.Log(3), 0.75},          // 1/(1+1/3)
		{-math.Log(3), 0.25},         // 1/(1+3)
		{1, 0.7310585786300049},      // 1/(1+1/e)
		{-1, 0.2689414213699951},     // 1/(1+e)
		{36, 0.9999999999999998},     // 1 − e^(−36), the last value below 1
		{-36, 2.319522830243569e-16}, // ≈ e^(−36)
		{1000, 1},                    // saturates, no overflow
		{-1000, 0},                   // e^1000 overflows to +Inf; 1/Inf = 0
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
		{-710, 4.47628622567513e-309}, // subnormal, via math.Exp
	} {
		got := Sigmoid(c.u)
		if relErr(got, c.want) > exactTol {
			t.Errorf("Sigmoid(%v) = %v, want %v", c.u, got, c.want)
		}
	}
	if got := Sigmoid(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Sigmoid(NaN) = %v, want NaN", got)
	}
}

// TestSigmoidAccuracy sweeps the whole range training meets, and random
// points, against the math.Exp reference.
func TestSigmoidAccuracy(t *testing.T) {
	worst, at := 0.0, 0.0
	check := func(u float64) {
		if e := relErr(Sigmoid(u), sigmoidRef(u)); e > worst {
			worst, at = e, u
		}
	}
	for u := -708.0; u <= 40; u += 1.0 / 1024 { // below −708 σ is subnormal
		check(u)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		check((rng.Float64()*2 - 1) * 50)
	}
	if worst > sigmoidRelTol {
		t.Errorf("Sigmoid's relative error is %.3g at u = %v, want ≤ %g", worst, at, sigmoidRelTol)
	}
	// Below u ≈ −708, σ(u) = e^u is subnormal, its numbers spaced 2^−1074
	// apart: there the error may be one spacing as well. (sigmoidRef
	// overflows e^(−u) there; e^u itself is the reference.)
	const subnormalSpacing = 0x1p-1074
	for u := -760.0; u < -708; u += 1.0 / 1024 {
		got, want := Sigmoid(u), math.Exp(u)
		if relErr(got, want) > sigmoidRelTol && math.Abs(got-want) > subnormalSpacing {
			t.Fatalf("Sigmoid(%v) = %v, want %v", u, got, want)
		}
	}
	t.Logf("largest relative error %.3g at u = %v", worst, at)
}

func TestExpNeg(t *testing.T) {
	const expRelTol = 2e-15
	for v := -float64(expLimit); v <= expLimit; v += 0.0078125 {
		if e := relErr(expNeg(v), math.Exp(-v)); e > expRelTol {
			t.Fatalf("expNeg(%v) = %v, want %v (relative error %.3g)", v, expNeg(v), math.Exp(-v), e)
		}
	}
}

// TestExpTables checks with exact arithmetic that every entry of the
// tables is the float64 nearest its power of two: x is, when the numbers
// halfway to its neighbours, raised to the power n, bracket 2^j.
func TestExpTables(t *testing.T) {
	for _, tab := range []struct {
		name string
		vals []float64
		n    int // vals[j] is 2^(j/n)
	}{{"exp2Hi", exp2Hi[:], 64}, {"exp2Lo", exp2Lo[:], 2048}} {
		for j, x := range tab.vals {
			lo := halfway(x, math.Nextafter(x, 0))
			hi := halfway(x, math.Nextafter(x, 2))
			pow2j := new(big.Float).SetMantExp(big.NewFloat(1), j)
			if bigPow(lo, tab.n).Cmp(pow2j) >= 0 || bigPow(hi, tab.n).Cmp(pow2j) <= 0 {
				t.Errorf("%s[%d] = %v is not the float64 nearest 2^(%d/%d)", tab.name, j, x, j, tab.n)
			}
		}
	}
}

// bigPrec is enough bits that the rounding in bigPow, about 2^−8000
// relative, cannot decide a comparison in TestExpTables.
const bigPrec = 8192

// halfway returns (a+b)/2 exactly.
func halfway(a, b float64) *big.Float {
	s := new(big.Float).SetPrec(bigPrec).SetFloat64(a)
	s.Add(s, new(big.Float).SetFloat64(b))
	return s.SetMantExp(s, -1)
}

// bigPow returns x^n, by repeated squaring.
func bigPow(x *big.Float, n int) *big.Float {
	r := new(big.Float).SetPrec(bigPrec).SetInt64(1)
	b := new(big.Float).SetPrec(bigPrec).Set(x)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r.Mul(r, b)
		}
		b.Mul(b, b)
	}
	return r
}

func TestSigmoidPrime(t *testing.T) {
	// Against a central finite difference of Sigmoid itself.
	const h, tol = 1e-5, 1e-9
	for _, u := range []float64{-8, -2, -0.5, 0, 0.3, 1, 4, 9} {
		fd := (Sigmoid(u+h) - Sigmoid(u-h)) / (2 * h)
		if got := SigmoidPrime(u); math.Abs(got-fd) > tol {
			t.Errorf("SigmoidPrime(%v) = %v, finite difference %v", u, got, fd)
		}
	}
}

func TestLoss(t *testing.T) {
	for _, c := range []struct{ o, t, want float64 }{
		{0.75, 1, 0.03125},
		{0.25, 0, 0.03125},
		{1, 1, 0},
		{0, 1, 0.5},
		{0.5, 0, 0.125},
	} {
		if got := SquaredError.Of(c.o, c.t); got != c.want {
			t.Errorf("SquaredError.Of(%v, %v) = %v, want %v", c.o, c.t, got, c.want)
		}
	}
}

func BenchmarkSigmoid(b *testing.B) {
	u := 0.5
	for b.Loop() {
		u = Sigmoid(u) // each call waits for the last: this is latency
	}
	sink = u
}

func BenchmarkSigmoidMathExp(b *testing.B) {
	u := 0.5
	for b.Loop() {
		u = sigmoidRef(u)
	}
	sink = u
}

var sink float64
