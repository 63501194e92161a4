package neuron

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Finite-difference gradient checks: the analytic gradient must match the
// central difference (L(p+h) − L(p−h)) / 2h of the loss for every weight
// and bias. The error of a central difference is O(h²).
const (
	fdStep = 1e-6
	fdTol  = 1e-8
)

// refLoss is loss l of a model whose output excitation is u against
// target t, written out plainly with math.Exp and math.Log, independently
// of the package's formulas. 1−σ(u) is computed as σ(−u), which does not
// lose digits when σ(u) is near 1.
func refLoss(l Loss, u, t float64) float64 {
	o := sigmoidRef(u)
	if l == CrossEntropy {
		return -t*math.Log(o) - (1-t)*math.Log(sigmoidRef(-u))
	}
	return (o - t) * (o - t) / 2
}

var losses = []Loss{SquaredError, CrossEntropy}

func TestNeuronGradientFiniteDifference(t *testing.T) {
	for _, l := range losses {
		testNeuronGradientFD(t, l)
	}
}

func testNeuronGradientFD(t *testing.T, l Loss) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		inputs := 1 + trial%5
		n := NewRandom(inputs, rng)
		x := make([]float64, inputs)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		target := rng.Float64()
		g := New(inputs)
		_, got := n.Gradient(x, target, l, g)
		loss := func() float64 { return refLoss(l, n.excitation(x), target) }
		if want := loss(); math.Abs(got-want) > fdTol {
			t.Errorf("%v trial %d: loss %v, want %v", l, trial, got, want)
		}
		for i := range n.W {
			fd := centralDiff(&n.W[i], loss)
			if math.Abs(g.W[i]-fd) > fdTol {
				t.Errorf("%v trial %d: dL/dw%d = %v, finite difference %v", l, trial, i+1, g.W[i], fd)
			}
		}
		if fd := centralDiff(&n.Bias, loss); math.Abs(g.Bias-fd) > fdTol {
			t.Errorf("%v trial %d: dL/db = %v, finite difference %v", l, trial, g.Bias, fd)
		}
	}
}

// centralDiff returns the central difference of f with respect to *p.
func centralDiff(p *float64, f func() float64) float64 {
	old := *p
	*p = old + fdStep
	up := f()
	*p = old - fdStep
	down := f()
	*p = old
	return (up - down) / (2 * fdStep)
}

// stepTol bounds how far a step may land from before − step: Step
// multiplies the learning rate in before the last factor of the gradient,
// not after it, so the two can differ by the rounding of a product or two.
const stepTol = 4e-16

// steppedBy reports whether got is before − step to within stepTol of the
// numbers involved.
func steppedBy(got, before, step float64) bool {
	return math.Abs(got-(before-step)) <= stepTol*(math.Abs(before)+math.Abs(step))
}

func TestNeuronStepIsGradientStep(t *testing.T) {
	const rate = 0.7
	rng := rand.New(rand.NewPCG(5, 6))
	n := NewRandom(3, rng)
	x := []float64{1, 0.5, -2}
	g := New(3)
	_, wantLoss := n.Gradient(x, 1, SquaredError, g)
	before := n.Clone()
	if loss := n.Step(x, 1, rate, SquaredError); loss != wantLoss {
		t.Errorf("Step returned loss %v, want %v (before the step)", loss, wantLoss)
	}
	for i := range n.W {
		if !steppedBy(n.W[i], before.W[i], rate*g.W[i]) {
			t.Errorf("w%d = %v after Step, want %v", i+1, n.W[i], before.W[i]-rate*g.W[i])
		}
	}
	if !steppedBy(n.Bias, before.Bias, rate*g.Bias) {
		t.Errorf("b = %v after Step, want %v", n.Bias, before.Bias-rate*g.Bias)
	}
	if after := SquaredError.Of(n.Output(x), 1); !(after < wantLoss) {
		t.Errorf("loss %v after a small step, want below %v", after, wantLoss)
	}
}

func TestNeuronOriginalFormulas(t *testing.T) {
	// The original demo's formulas with numbers small enough to check by hand:
	// w = (0.5, −1), b = 0.25, x = (1, 1): u = 0.5 − 1 + 0.25 = −0.25.
	n := &Neuron{W: []float64{0.5, -1}, Bias: 0.25}
	x := []float64{1, 1}
	if u := n.Excitation(x); u != -0.25 {
		t.Errorf("Excitation = %v, want -0.25", u)
	}
	o := 1 / (1 + math.Exp(0.25))
	if got := n.Output(x); relErr(got, o) > exactTol {
		t.Errorf("Output = %v, want %v", got, o)
	}
	g := New(2)
	n.Gradient(x, 1, SquaredError, g)
	d := (o - 1) * o * (1 - o)
	if relErr(g.Bias, d) > 1e-14 || relErr(g.W[0], d) > 1e-14 || relErr(g.W[1], d) > 1e-14 {
		t.Errorf("gradient = %v, %v, want all %v", g.W, g.Bias, d)
	}
}

func TestNewPanics(t *testing.T) {
	for _, f := range []func(){
		func() { New(0) },
		func() { NewNet(2, 0) },
		func() { NewNet(0, 2) },
		func() { New(2).Output([]float64{1}) },
		func() { NewNet(2, 2).Output([]float64{1, 2, 3}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic on a programming error")
				}
			}()
			f()
		}()
	}
}

func TestNetGradientFiniteDifference(t *testing.T) {
	for _, l := range losses {
		testNetGradientFD(t, l)
	}
}

func testNetGradientFD(t *testing.T, l Loss) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, shape := range [][2]int{{1, 1}, {2, 2}, {2, 4}, {3, 5}} {
		n := NewNetRandom(shape[0], shape[1], rng)
		for trial := range 5 {
			x := make([]float64, shape[0])
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			target := float64(trial % 2)
			g := NewNet(shape[0], shape[1])
			n.Gradient(x, target, l, g)
			loss := func() float64 { return refLoss(l, n.excitation(x), target) }
			check := func(name string, p []float64, gp []float64) {
				for k := range p {
					if fd := centralDiff(&p[k], loss); math.Abs(gp[k]-fd) > fdTol {
						t.Errorf("%v %v trial %d: dL/d%s[%d] = %v, finite difference %v", l, shape, trial, name, k, gp[k], fd)
					}
				}
			}
			check("W1", n.W1, g.W1)
			check("B1", n.B1, g.B1)
			check("W2", n.W2, g.W2)
			if fd := centralDiff(&n.B2, loss); math.Abs(g.B2-fd) > fdTol {
				t.Errorf("%v %v trial %d: dL/dB2 = %v, finite difference %v", l, shape, trial, g.B2, fd)
			}
		}
	}
}

func TestNetStepIsGradientStep(t *testing.T) {
	const rate = 0.5
	rng := rand.New(rand.NewPCG(9, 10))
	n := NewNetRandom(2, 3, rng)
	x := []float64{1, 0}
	g := NewNet(2, 3)
	_, wantLoss := n.Gradient(x, 1, CrossEntropy, g)
	before := n.Clone()
	if loss := n.Step(x, 1, rate, CrossEntropy); loss != wantLoss {
		t.Errorf("Step returned loss %v, want %v", loss, wantLoss)
	}
	for k := range n.W1 {
		if !steppedBy(n.W1[k], before.W1[k], rate*g.W1[k]) {
			t.Errorf("W1[%d] = %v, want %v", k, n.W1[k], before.W1[k]-rate*g.W1[k])
		}
	}
	for k := range n.W2 {
		if !steppedBy(n.W2[k], before.W2[k], rate*g.W2[k]) {
			t.Errorf("W2[%d] = %v, want %v", k, n.W2[k], before.W2[k]-rate*g.W2[k])
		}
		if !steppedBy(n.B1[k], before.B1[k], rate*g.B1[k]) {
			t.Errorf("B1[%d] = %v, want %v", k, n.B1[k], before.B1[k]-rate*g.B1[k])
		}
	}
	if !steppedBy(n.B2, before.B2, rate*g.B2) {
		t.Errorf("B2 = %v, want %v", n.B2, before.B2-rate*g.B2)
	}
}

func TestNetHiddenNeuron(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := NewNetRandom(3, 2, rng)
	x := []float64{0.5, -1, 2}
	// The output equals the output neuron applied to the hidden outputs.
	h := []float64{n.HiddenNeuron(0).Output(x), n.HiddenNeuron(1).Output(x)}
	out := &Neuron{W: n.W2, Bias: n.B2}
	if got, want := n.Output(x), out.Output(h); relErr(got, want) > exactTol {
		t.Errorf("Output = %v, output neuron of hidden outputs = %v", got, want)
	}
	if n.Inputs() != 3 || n.Hidden() != 2 {
		t.Errorf("Inputs, Hidden = %d, %d, want 3, 2", n.Inputs(), n.Hidden())
	}
}

func TestNewRandomDrawOrder(t *testing.T) {
	// The documented order: w1..wn, then b, from N(0,1).
	n := NewRandom(2, rand.New(rand.NewPCG(1, 0)))
	r := rand.New(rand.NewPCG(1, 0))
	w1, w2, b := r.NormFloat64(), r.NormFloat64(), r.NormFloat64()
	if n.W[0] != w1 || n.W[1] != w2 || n.Bias != b {
		t.Errorf("NewRandom = %v, want w = [%v %v], b = %v", n, w1, w2, b)
	}
}
