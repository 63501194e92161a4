package neuron

import (
	"fmt"
	"math/rand/v2"
)

// A Neuron is a single sigmoid neuron with one weight per input and a bias.
//
// For an input vector x = (x1, ..., xn) its excitation is
//
//	u = w·x + b = w1·x1 + ... + wn·xn + b
//
// and its output is o = σ(u), a number between 0 and 1. Learning means
// changing the weights and the bias so that the output comes close to the
// wanted (expected) output.
//
// A Neuron's methods are not safe for concurrent use while it learns.
type Neuron struct {
	W    []float64 // weights w1, ..., wn, one per input
	Bias float64   // bias b
}

// New returns a neuron with the given number of inputs whose weights and
// bias are all zero. It panics if inputs < 1.
func New(inputs int) *Neuron {
	if inputs < 1 {
		panic(fmt.Sprintf("neuron: New(%d): a neuron needs at least one input", inputs))
	}
	return &Neuron{W: make([]float64, inputs)}
}

// NewRandom returns a neuron with the given number of inputs whose weights
// and bias are drawn from the standard normal distribution N(0, 1), as the
// original demo starts: w1, ..., wn first, then b, all from rng.
// It panics if inputs < 1.
func NewRandom(inputs int, rng *rand.Rand) *Neuron {
	n := New(inputs)
	for i := range n.W {
		n.W[i] = rng.NormFloat64()
	}
	n.Bias = rng.NormFloat64()
	return n
}

// Inputs returns the number of inputs, n.
func (n *Neuron) Inputs() int { return len(n.W) }

// Excitation returns u = w·x + b for input x. It panics if len(x) is not
// the number of inputs.
func (n *Neuron) Excitation(x []float64) float64 {
	if len(x) != len(n.W) {
		panic(inputError{got: len(x), want: len(n.W), model: "neuron"})
	}
	return weightedSum(n.W, x, n.Bias)
}

// weightedSum returns the excitation u = w·x + b of a neuron with weights
// w and bias b for input x, summed from the bias up in input order. w must
// have at least len(x) elements.
func weightedSum(w, x []float64, b float64) float64 {
	w = w[:len(x)]
	u := b
	for i, xi := range x {
		u += float64(w[i] * xi)
	}
	return u
}

// An inputError is the panic of a model given an input of the wrong
// length, a programming error.
type inputError struct {
	got, want int
	model     string // "neuron" or "network"
}

func (e inputError) Error() string {
	return fmt.Sprintf("neuron: input has %d values, %s has %d inputs", e.got, e.model, e.want)
}

// Output returns the neuron's output o = σ(u) for input x, where
// u = w·x + b is its excitation.
func (n *Neuron) Output(x []float64) float64 {
	return Sigmoid(n.Excitation(x))
}

// delta returns the output o for input x, the loss l against the expected
// output t, and d = dL/du, the loss gradient at the excitation.
func (n *Neuron) delta(x []float64, t float64, l Loss) (o, loss, d float64) {
	u := n.Excitation(x)
	o = Sigmoid(u)
	loss, d = l.atOutput(u, o, t)
	return o, loss, d
}

// Gradient sets g to the gradient of the loss l for input x and expected
// output t: g.W[i] = dL/dwi and g.Bias = dL/db. It returns the output o
// and the loss. g must have as many inputs as n.
func (n *Neuron) Gradient(x []float64, t float64, l Loss, g *Neuron) (o, loss float64) {
	o, loss, d := n.delta(x, t, l)
	gw := g.W[:len(x)]
	for i, xi := range x {
		gw[i] = d * xi // dL/dwi = dL/du · du/dwi = d·xi
	}
	g.Bias = d // dL/db = dL/du · du/db = d·1
	return o, loss
}

// Step takes one steepest-descent step toward expected output t for input
// x with the given learning rate and loss, and returns the loss measured
// before the step. Each weight and the bias move against their gradient:
//
//	wi ← wi − rate·d·xi,  b ← b − rate·d,
//
// where d = dL/du is (o−t)·o·(1−o) for SquaredError and o−t for
// CrossEntropy.
func (n *Neuron) Step(x []float64, t, rate float64, l Loss) (loss float64) {
	u := n.Excitation(x) // u = w·x + b
	e, slope := l.gradient(Sigmoid(u), t)
	rd := float64(float64(rate*e) * slope) // rate·d: see gradient for the order
	w := n.W[:len(x)]
	for i, xi := range x {
		w[i] -= float64(rd * xi) // rate times the gradient d·xi
	}
	n.Bias -= rd
	return l.fromError(u, e, t)
}

// Clone returns a copy of n that shares no memory with it.
func (n *Neuron) Clone() *Neuron {
	return &Neuron{W: append([]float64(nil), n.W...), Bias: n.Bias}
}

// String formats the weights and bias, e.g. "w = [7.2 7.2], b = -11".
func (n *Neuron) String() string {
	return fmt.Sprintf("w = %v, b = %v", n.W, n.Bias)
}

// A Neuron's flat layout (Model.params) is w1, ..., wn, b.

func (n *Neuron) params(dst []float64) []float64 { return append(append(dst, n.W...), n.Bias) }

func (n *Neuron) setParams(p []float64) {
	copy(n.W, p)
	n.Bias = p[len(n.W)]
}

func (n *Neuron) excitation(x []float64) float64 { return n.Excitation(x) }

func (n *Neuron) newScratch() *scratch { return &scratch{} }

func (n *Neuron) addGradient(x []float64, t float64, l Loss, g []float64, _ *scratch) float64 {
	_, loss, d := n.delta(x, t, l)
	gw := g[:len(x)]
	for i, xi := range x {
		gw[i] += float64(d * xi) // dL/dwi = d·xi
	}
	g[len(x)] += d // dL/db = d
	return loss
}

func (n *Neuron) descend(g []float64, rate, l2 float64) {
	w := n.W
	g = g[:len(w)+1]
	for i := range w {
		w[i] -= float64(rate * (g[i] + float64(l2*w[i])))
	}
	n.Bias -= float64(rate * g[len(w)])
}
