package boolfn

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/neuronlab/neuron"
)

// thresholdOf returns the function of n inputs that is 1 where w·x > t,
// with x the inputs of a row: separable by construction.
func thresholdOf(n int, w []float64, t float64) *Func {
	f := &Func{Vars: letters(n), Table: make([]bool, 1<<n)}
	for r := range f.Table {
		f.Table[r] = excitation(w, -t, f.Input(r)) > 0
	}
	return f
}

// TestDualSimplexMatchesLP checks that dualSimplex ends where lp.Simplex
// does: on every function of up to 3 inputs, a sample of functions of 4
// and 5 inputs and small data sets of other numbers, with every seed,
// both give the same weights, bit for bit, or both find D unbounded.
func TestDualSimplexMatchesLP(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var data []*neuron.Dataset
	for n := 1; n <= 3; n++ {
		for code := range uint64(1) << (1 << n) {
			data = append(data, tableOf(n, code).Dataset())
		}
	}
	for range 300 {
		data = append(data, tableOf(4, rng.Uint64N(1<<16)).Dataset())
	}
	for _, n := range []int{4, 5} { // separable ones, which random tables seldom are
		for range 150 {
			w := make([]float64, n)
			for j := range w {
				w[j] = float64(rng.IntN(9) - 4)
			}
			data = append(data, thresholdOf(n, w, float64(rng.IntN(9)-4)+0.5).Dataset())
		}
	}
	for range 200 { // points with random targets, some separable
		x := make([][]float64, 3+rng.IntN(8))
		tg := make([]float64, len(x))
		for i := range x {
			x[i] = []float64{rng.Float64()*4 - 2, float64(rng.IntN(3))}
			tg[i] = float64(rng.IntN(2))
		}
		d, err := neuron.NewDataset(x, tg)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, d)
	}

	var runs, unsure, unbounded int
	for _, d := range data {
		p, err := newProblem(d)
		if err != nil {
			t.Fatal(err)
		}
		if p.ones == 0 || p.ones == p.len() {
			continue
		}
		for seed := range uint32(tries) {
			runs++
			c, rhs := p.dualProgram(seed)
			fast, sure, fastErr := p.dualSimplex(c, rhs)
			if !sure {
				unsure++
				continue
			}
			lp, lpErr := p.dualLP(c, rhs)
			if errors.Is(fastErr, errUnbounded) || errors.Is(lpErr, errUnbounded) {
				if !errors.Is(fastErr, errUnbounded) || !errors.Is(lpErr, errUnbounded) {
					t.Errorf("%v, seed %d: dualSimplex: %v; lp.Simplex: %v", d.X, seed, fastErr, lpErr)
				}
				unbounded++
				continue
			}
			if fastErr != nil || lpErr != nil {
				t.Errorf("%v, seed %d: dualSimplex: %v; lp.Simplex: %v", d.X, seed, fastErr, lpErr)
				continue
			}
			w1, b1, err1 := p.fromDual(fast, seed)
			w2, b2, err2 := p.fromDual(lp, seed)
			if !sameBits(append(w1, b1), append(w2, b2)) || (err1 == nil) != (err2 == nil) {
				t.Errorf("%v, seed %d: dualSimplex gives w = %v, b = %v (%v); lp.Simplex w = %v, b = %v (%v)",
					d.X, seed, w1, b1, err1, w2, b2, err2)
			}
		}
	}
	t.Logf("%d programs: %d unbounded, %d left to lp.Simplex", runs, unbounded, unsure)
	// Leaving a program to lp.Simplex is always right, but should be rare.
	if unsure*20 > runs {
		t.Errorf("dualSimplex left %d of %d programs to lp.Simplex, want at most 5%%", unsure, runs)
	}
}

// sameBits reports whether a and b hold the same numbers, bit for bit.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestInvert checks that a·a⁻¹ = I, with a row swap needed on the way,
// and that a singular matrix is reported.
func TestInvert(t *testing.T) {
	const tol = 1e-12 // for entries of size about 1
	a := []float64{0, 1, 2, 1, 3, 1, 2, 1, 4}
	inv := make([]float64, 9)
	cond, ok := invert(slices.Clone(a), inv, 3)
	if !ok {
		t.Fatal("invert: singular")
	}
	for i := range 3 {
		for j := range 3 {
			var s float64
			for l := range 3 {
				s += a[i*3+l] * inv[l*3+j]
			}
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(s-want) > tol {
				t.Errorf("(a·a⁻¹)[%d][%d] = %v, want %v", i, j, s, want)
			}
		}
	}
	if cond < 1 {
		t.Errorf("condition number %v, want at least 1", cond)
	}
	if _, ok := invert([]float64{1, 2, 2, 4}, make([]float64, 4), 2); ok {
		t.Error("invert of a singular matrix reports success")
	}
}
