package neuron

import (
	"errors"
	"fmt"
)

// A Model is something Train can teach: a *Neuron or a *Net. Its
// unexported methods keep the list to these two, which Save and Load know.
type Model interface {
	// Inputs returns the number of inputs.
	Inputs() int
	// Output returns the model's output, in [0, 1], for input x.
	Output(x []float64) float64
	// Step takes one steepest-descent step toward expected output t for
	// input x, with the given learning rate and loss, and returns the loss
	// measured before the step.
	Step(x []float64, t, rate float64, l Loss) (loss float64)

	// params appends every weight and bias to dst and returns it; the
	// order is the model's flat layout, which setParams, addGradient and
	// descend share.
	params(dst []float64) []float64
	// setParams sets every weight and bias from p, in params order.
	setParams(p []float64)
	// excitation returns the output neuron's excitation for input x.
	excitation(x []float64) float64
	// addGradient adds the gradient of loss l for input x and expected
	// output t to g (params order) and returns the loss. s is scratch
	// space from newScratch, one per goroutine.
	addGradient(x []float64, t float64, l Loss, g []float64, s *scratch) (loss float64)
	// newScratch returns scratch space for addGradient.
	newScratch() *scratch
	// descend moves every parameter against its gradient g (params
	// order), scaled by rate: p ← p − rate·(g + l2·p) for weights and
	// p ← p − rate·g for biases (an L2 penalty ½·l2·w² on each weight
	// adds l2·w to its gradient).
	descend(g []float64, rate, l2 float64)
}

// scratch is one goroutine's working space for Model.addGradient.
type scratch struct {
	net *Net // a network's gradient and hidden outputs (nil for a Neuron)
}

// Params returns every weight and bias of m in its flat layout: for a
// Neuron w1, ..., wn, b; for a Net the hidden weights W1 (hidden neuron 1's
// first), the hidden biases B1, the output weights W2, then B2.
func Params(m Model) []float64 { return m.params(nil) }

// SetParams sets every weight and bias of m from p, laid out as Params
// returns them. It reports an error if p has the wrong length or a value
// that is not a finite number.
func SetParams(m Model, p []float64) error {
	if want := len(m.params(nil)); len(p) != want {
		return fmt.Errorf("neuron: %d weights and biases given, the model has %d", len(p), want)
	}
	if !finiteAll(p) {
		return errors.New("neuron: a weight or bias is not a finite number")
	}
	m.setParams(p)
	return nil
}

// Clone returns a copy of m that shares no memory with it.
func Clone(m Model) Model {
	switch m := m.(type) {
	case *Neuron:
		return m.Clone()
	case *Net:
		return m.Clone()
	}
	panic(fmt.Sprintf("neuron: Clone of unknown model %T", m))
}
