package neuron

import (
	"errors"
	"fmt"
	"math"
)

// A Dataset is what a model learns from: rows of inputs, each with the
// output expected for it (the target).
//
// Row i's inputs are X[i*Inputs : (i+1)*Inputs] and its target is T[i].
// One flat slice keeps the rows next to each other in memory, so that the
// training loop touches no pointers.
type Dataset struct {
	Inputs int       // number of inputs per row, n
	X      []float64 // inputs, row after row
	T      []float64 // expected outputs (targets), one per row, each in [0, 1]

	// Names optionally names the inputs (len Inputs), e.g. "a", "b".
	Names []string
}

// NewDataset returns a dataset of the given rows of inputs and their
// targets. It copies x and t, and reports an error if the rows are ragged,
// the data set is empty or a value is not a finite number or a target is
// outside [0, 1].
func NewDataset(x [][]float64, t []float64) (*Dataset, error) {
	if len(x) == 0 {
		return nil, errors.New("neuron: data set has no rows")
	}
	if len(x) != len(t) {
		return nil, fmt.Errorf("neuron: data set has %d rows of inputs but %d targets", len(x), len(t))
	}
	d := &Dataset{Inputs: len(x[0]), X: make([]float64, 0, len(x)*len(x[0])), T: append([]float64(nil), t...)}
	for i, row := range x {
		if len(row) != d.Inputs {
			return nil, fmt.Errorf("neuron: data set row %d has %d inputs, row 0 has %d", i, len(row), d.Inputs)
		}
		d.X = append(d.X, row...)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// largeFloats is the size, in float64s (4 MiB, two large pages), from
// which MakeDataset asks for large memory pages.
const largeFloats = 512 << 10

// MakeDataset returns an empty data set of the given inputs per row, with
// room for rows rows, to be filled by appending to X and T. A large one
// is allocated so that training draws rows from it faster: on Linux its
// memory is backed by 2 MiB pages where the kernel allows, as numpy does
// for large arrays, so that rows drawn at random from a table of many
// megabytes cost fewer misses of the processor's page-translation cache
// (about an eighth of an online epoch on a table of 160 MB).
func MakeDataset(inputs, rows int) *Dataset {
	d := &Dataset{Inputs: inputs, X: make([]float64, 0, rows*inputs), T: make([]float64, 0, rows)}
	for _, s := range [][]float64{d.X[:cap(d.X)], d.T[:cap(d.T)]} {
		if len(s) >= largeFloats {
			adviseLarge(s)
		}
	}
	return d
}

// Len returns the number of rows.
func (d *Dataset) Len() int { return len(d.T) }

// Row returns row i's inputs (a slice of d.X, not a copy) and its target.
func (d *Dataset) Row(i int) (x []float64, t float64) {
	n := d.Inputs
	return d.X[i*n : (i+1)*n : (i+1)*n], d.T[i]
}

// Validate reports whether d is well formed: at least one row and one
// input, len(X) = Len()·Inputs, finite inputs, targets in [0, 1], and
// Names either empty or one per input.
func (d *Dataset) Validate() error {
	switch {
	case d == nil || len(d.T) == 0:
		return errors.New("neuron: data set has no rows")
	case d.Inputs < 1:
		return fmt.Errorf("neuron: data set has %d inputs per row, need at least 1", d.Inputs)
	case len(d.X) != len(d.T)*d.Inputs:
		return fmt.Errorf("neuron: data set has %d input values for %d rows of %d inputs", len(d.X), len(d.T), d.Inputs)
	case len(d.Names) != 0 && len(d.Names) != d.Inputs:
		return fmt.Errorf("neuron: data set has %d input names for %d inputs", len(d.Names), d.Inputs)
	}
	for i, v := range d.X {
		if !finite(v) {
			return fmt.Errorf("neuron: data set row %d input %d is %v, not a finite number", i/d.Inputs, i%d.Inputs+1, v)
		}
	}
	for i, t := range d.T {
		if !(t >= 0 && t <= 1) {
			return fmt.Errorf("neuron: data set row %d target is %v, need a number in [0, 1]", i, t)
		}
	}
	return nil
}

// finite reports whether v is neither infinite nor NaN.
func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// finiteAll reports whether every value in s is finite.
func finiteAll(s []float64) bool {
	// v−v is 0 for a finite v and NaN for ±Inf or NaN, so one sum tells.
	var z float64
	for _, v := range s {
		z += v - v
	}
	return z == 0
}
