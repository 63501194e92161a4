package neuron

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Tolerances for comparing floating-point results.
const (
	// sigmoidRelTol bounds Sigmoid's relative error against σ computed
	// with math.Exp (itself within one unit in the last place).
	sigmoidRelTol = 1e-14
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
	t.Logf("largest relative error %.3g at u = %v", worst, at)
}

func TestExpFast(t *testing.T) {
	const expRelTol = 1e-14
	for y := -float64(expLimit); y <= expLimit; y += 0.0078125 {
		if e := relErr(expFast(y), math.Exp(y)); e > expRelTol {
			t.Fatalf("expFast(%v) = %v, want %v (relative error %.3g)", y, expFast(y), math.Exp(y), e)
		}
	}
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
