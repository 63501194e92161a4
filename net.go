package neuron

import (
	"fmt"
	"math/rand/v2"
)

// A Net is a two-layer network: the inputs feed H hidden sigmoid neurons,
// and their outputs feed one sigmoid output neuron. One neuron draws one
// straight line through the input space; a hidden layer lets the output
// neuron combine several lines, which is how a Net learns XOR.
//
// For input x, hidden neuron j has excitation uj = W1j·x + B1[j] and
// output hj = σ(uj); the output neuron has excitation v = W2·h + B2 and
// output o = σ(v).
//
// Make a Net with NewNet or NewNetRandom; the zero Net has no shape. A
// Net's Step and Gradient use scratch space inside the Net, so a Net must
// not be trained from two goroutines at once. Output does not change the
// Net.
type Net struct {
	W1 []float64 // hidden weights: W1[j*n+i] weighs input i into hidden neuron j
	B1 []float64 // hidden biases, one per hidden neuron
	W2 []float64 // output weights, one per hidden neuron
	B2 float64   // output bias

	// Scratch space for Step and Gradient, allocated on first use: the
	// hidden outputs of the last input.
	h []float64
}

// NewNet returns a network with the given numbers of inputs and hidden
// neurons whose weights and biases are all zero. It panics if either is
// less than 1.
func NewNet(inputs, hidden int) *Net {
	if inputs < 1 || hidden < 1 {
		panic(fmt.Sprintf("neuron: NewNet(%d, %d): need at least one input and one hidden neuron", inputs, hidden))
	}
	return &Net{
		W1: make([]float64, hidden*inputs),
		B1: make([]float64, hidden),
		W2: make([]float64, hidden),
	}
}

// NewNetRandom returns a network whose weights and biases are drawn from
// N(0, 1) by rng, in this order: each hidden neuron's weights then its
// bias, hidden neuron 1 first; then the output weights; then the output
// bias. It panics if inputs or hidden is less than 1.
func NewNetRandom(inputs, hidden int, rng *rand.Rand) *Net {
	n := NewNet(inputs, hidden)
	for j := range hidden {
		for i := range inputs {
			n.W1[j*inputs+i] = rng.NormFloat64()
		}
		n.B1[j] = rng.NormFloat64()
	}
	for j := range n.W2 {
		n.W2[j] = rng.NormFloat64()
	}
	n.B2 = rng.NormFloat64()
	return n
}

// Inputs returns the number of inputs, n.
func (n *Net) Inputs() int { return len(n.W1) / len(n.B1) }

// Hidden returns the number of hidden neurons, H.
func (n *Net) Hidden() int { return len(n.B1) }

// HiddenNeuron returns a copy of hidden neuron j: its weights and bias.
func (n *Net) HiddenNeuron(j int) *Neuron {
	in := n.Inputs()
	return &Neuron{W: append([]float64(nil), n.W1[j*in:(j+1)*in]...), Bias: n.B1[j]}
}

// Output returns the network's output o for input x. It panics if len(x)
// is not the number of inputs.
func (n *Net) Output(x []float64) float64 { return Sigmoid(n.excitation(x)) }

// excitation returns the output neuron's excitation v = W2·h + B2. Unlike
// forward it keeps no hidden outputs, so it does not change n.
func (n *Net) excitation(x []float64) float64 {
	n.checkInput(x)
	in := len(x)
	w1, b1 := n.W1[:len(n.W2)*in], n.B1[:len(n.W2)]
	v := n.B2
	for j, w := range n.W2 {
		hj := Sigmoid(weightedSum(w1[j*in:], x, b1[j]))
		v += float64(w * hj)
	}
	return v
}

func (n *Net) checkInput(x []float64) {
	if len(x)*len(n.B1) != len(n.W1) {
		panic(inputError{got: len(x), want: n.Inputs(), model: "network"})
	}
}

// forward sets h to the hidden outputs for input x, hj = σ(uj) with
// uj = W1j·x + B1[j], and returns the output neuron's excitation
// v = W2·h + B2. x must have n.Inputs() values and h n.Hidden().
func (n *Net) forward(x, h []float64) (v float64) {
	w1, b1, w2 := n.W1, n.B1[:len(h)], n.W2[:len(h)]
	v = n.B2
	at := 0 // W1[at] weighs input i into hidden neuron j: at = j·n + i
	for j := range h {
		u := b1[j]
		for _, xi := range x {
			u += float64(w1[at] * xi)
			at++
		}
		// hj = σ(uj), with Sigmoid's usual case written out so that the
		// compiler inlines it: a call for each hidden neuron would save
		// and restore this loop's registers every time.
		var hj float64
		if u >= -expLimit && u <= expLimit {
			k, s := expNegReduce(u)
			hj = 1 / (1 + float64(exp2k(k)*expNegSmall(s)))
		} else {
			hj = Sigmoid(u)
		}
		h[j] = hj
		v += float64(w2[j] * hj)
	}
	return v
}

// hiddenGradient returns, for a hidden neuron with output hj and output
// weight w2j, the gradients dL/dw2j and du = dL/duj at its excitation uj,
// given dv = dL/dv at the output neuron.
func hiddenGradient(hj, w2j, dv float64) (dw2, du float64) {
	// The hidden output hj reaches the loss through v = ... + w2j·hj:
	// dL/dw2j = dL/dv · hj, dL/dhj = dL/dv · w2j, and then
	// dL/duj = dL/dhj · hj(1−hj). From du follow the hidden neuron's
	// dL/dB1[j] = du · 1 and dL/dW1[j][i] = du · xi, as for one neuron.
	return float64(dv * hj), float64(dv * w2j * hj * (1 - hj))
}

// Gradient sets g to the gradient of the loss l for input x and expected
// output t with respect to every weight and bias of n, computed by
// backpropagation, and returns the output o and the loss. g must have n's
// shape.
func (n *Net) Gradient(x []float64, t float64, l Loss, g *Net) (o, loss float64) {
	n.checkInput(x)
	return n.backprop(x, t, l, g, n.hiddenScratch())
}

// hiddenScratch returns n's scratch space for the hidden outputs,
// allocated on first use.
func (n *Net) hiddenScratch() []float64 {
	if len(n.h) != len(n.B1) {
		n.h = make([]float64, len(n.B1))
	}
	return n.h
}

// backprop is Gradient with the hidden outputs kept in h (len H).
func (n *Net) backprop(x []float64, t float64, l Loss, g *Net, h []float64) (o, loss float64) {
	// Forward: hidden outputs hj, then the output o.
	v := n.forward(x, h)
	o = Sigmoid(v)

	// Backward, by the chain rule, from the loss to each weight.
	// At the output neuron, as for a single neuron: dL/dv is (o−t)·o·(1−o)
	// for squared error, o−t for cross-entropy.
	loss, dv := l.atOutput(v, o, t)
	g.B2 = dv // dL/dB2 = dL/dv · 1
	w2 := n.W2[:len(h)]
	gw1, gb1, gw2 := g.W1, g.B1[:len(h)], g.W2[:len(h)]
	at := 0 // as in W1, gW1[at] is for input i into hidden neuron j
	for j, hj := range h {
		dw2, du := hiddenGradient(hj, w2[j], dv)
		gw2[j], gb1[j] = dw2, du // dL/dB1[j] = du
		for _, xi := range x {
			gw1[at] = du * xi // dL/dW1[j][i] = du·xi
			at++
		}
	}
	return o, loss
}

// Step takes one steepest-descent step toward expected output t for input
// x with the given learning rate and loss: it moves every weight and bias
// against its gradient, p ← p − rate·dL/dp, and returns the loss measured
// before the step.
//
// Every gradient is taken at the weights before the step, so the step is
// the true steepest-descent direction, as if Gradient were computed first;
// but no gradient is stored. Hidden neuron j's gradients need only dL/dv,
// its own output hj and its own output weight W2[j] (read before it moves),
// so one pass computes them and moves neuron j's weights at once.
func (n *Net) Step(x []float64, t, rate float64, l Loss) (loss float64) {
	n.checkInput(x)
	h := n.hiddenScratch()
	v := n.forward(x, h)
	e, slope := l.gradient(Sigmoid(v), t)
	// Every gradient is dL/dv times factors that do not depend on the
	// loss, so rate·dL/dp follows from rdv = rate·dL/dv by the same
	// products: the learning rate is multiplied in once, here (in the
	// order gradient explains).
	rdv := float64(float64(rate*e) * slope)

	w1, b1, w2 := n.W1, n.B1[:len(h)], n.W2[:len(h)]
	at := 0 // W1[at] weighs input i into hidden neuron j: at = j·n + i
	for j, hj := range h {
		rdw2, rdu := hiddenGradient(hj, w2[j], rdv) // w2[j] before it moves
		w2[j] -= rdw2
		b1[j] -= rdu
		for _, xi := range x {
			w1[at] -= float64(rdu * xi)
			at++
		}
	}
	n.B2 -= rdv
	return l.fromError(v, e, t)
}

// Clone returns a copy of n that shares no memory with it.
func (n *Net) Clone() *Net {
	return &Net{
		W1: append([]float64(nil), n.W1...),
		B1: append([]float64(nil), n.B1...),
		W2: append([]float64(nil), n.W2...),
		B2: n.B2,
	}
}

// A Net's flat layout (Model.params) is W1, B1, W2, B2.

func (n *Net) params(dst []float64) []float64 {
	return append(append(append(append(dst, n.W1...), n.B1...), n.W2...), n.B2)
}

func (n *Net) setParams(p []float64) {
	k := copy(n.W1, p)
	k += copy(n.B1, p[k:])
	k += copy(n.W2, p[k:])
	n.B2 = p[k]
}

func (n *Net) newScratch() *scratch {
	g := NewNet(n.Inputs(), n.Hidden())
	g.h = make([]float64, n.Hidden())
	return &scratch{net: g}
}

func (n *Net) addGradient(x []float64, t float64, l Loss, g []float64, s *scratch) float64 {
	n.checkInput(x)
	sg := s.net
	_, loss := n.backprop(x, t, l, sg, sg.h)
	k := addTo(g, sg.W1)
	k += addTo(g[k:], sg.B1)
	k += addTo(g[k:], sg.W2)
	g[k] += sg.B2
	return loss
}

// addTo adds src to the start of dst and returns len(src).
func addTo(dst, src []float64) int {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] += v
	}
	return len(src)
}

func (n *Net) descend(g []float64, rate, l2 float64) {
	k := len(n.W1)
	decay(n.W1, g[:k], rate, l2)
	descend(n.B1, g[k:k+len(n.B1)], rate)
	k += len(n.B1)
	decay(n.W2, g[k:k+len(n.W2)], rate, l2)
	n.B2 -= float64(rate * g[k+len(n.W2)])
}

// descend moves each parameter p[k] against its gradient g[k].
func descend(p, g []float64, rate float64) {
	g = g[:len(p)]
	for k := range p {
		p[k] -= float64(rate * g[k])
	}
}

// decay moves weights p against their gradient g plus the L2 term l2·p.
func decay(p, g []float64, rate, l2 float64) {
	g = g[:len(p)]
	for k := range p {
		p[k] -= float64(rate * (g[k] + float64(l2*p[k])))
	}
}
