package neuron

import (
	"fmt"
	"math"
)

// A Scaler standardizes inputs: it maps input j's value v to
// (v − Mean[j]) / Std[j], so that over the rows it was fitted to every
// input has mean 0 and variance 1. Steepest descent then takes steps of
// the same size in every direction, whatever units the columns are in.
// A saved model keeps its Scaler (ModelInfo.Scale), so that predictions
// standardize new rows exactly as training did.
//
// Fit a Scaler to the training rows only, and apply it to every row,
// training and test alike: rows held out to test a model must not shape
// it, not even through the mean.
//
// Std is the population standard deviation (dividing by the number of
// rows, not one less). A feature that is constant over the fitted rows
// has Std 1 instead of 0, so it becomes 0 everywhere it has that value:
// it carries no information, and no value is divided by zero. The sums
// overflow for values beyond about 1e150 in size.
//
// The zero value has seen no rows; Add fits it a row at a time.
type Scaler struct {
	Mean []float64 `json:"mean"`           // mean of each feature
	Std  []float64 `json:"std"`            // standard deviation of each feature, 1 where it is 0
	N    int       `json:"rows,omitempty"` // rows fitted

	m2 []float64 // sums of squared differences from the mean, for Add
}

// FitScaler returns a Scaler fitted to the given rows of d, or to every
// row when rows is nil.
func FitScaler(d *Dataset, rows []int) *Scaler {
	s := new(Scaler)
	if rows == nil {
		for i := range d.Len() {
			x, _ := d.Row(i)
			s.Add(x)
		}
		return s
	}
	for _, i := range rows {
		x, _ := d.Row(i)
		s.Add(x)
	}
	return s
}

// Add fits s to one more row of features, by Welford's method: each row
// moves the mean a 1/N part of the way to it and adds its share to the
// sums of squares, so no row need be kept and no large sums cancel. It
// panics if x's length differs from the rows added before. Add fits only
// a Scaler that it (or FitScaler) started; one made from saved Mean and
// Std has no sums to add to, and Add panics.
func (s *Scaler) Add(x []float64) {
	if s.N == 0 && s.Mean == nil && s.Std == nil {
		s.Mean, s.Std, s.m2 = make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x))
	}
	if s.m2 == nil || len(s.m2) != len(s.Mean) || len(s.m2) != len(s.Std) {
		panic("neuron: Scaler.Add: the scaler has no sums to add to: it was not started by Add or FitScaler")
	}
	if len(x) != len(s.m2) {
		panic(fmt.Sprintf("neuron: Scaler.Add: row of %d features, scaler has %d", len(x), len(s.m2)))
	}
	s.N++
	n := float64(s.N)
	for j, v := range x {
		delta := v - s.Mean[j]
		s.Mean[j] += delta / n
		s.m2[j] += float64(delta * (v - s.Mean[j]))
		s.Std[j] = math.Sqrt(s.m2[j] / n)
		if s.Std[j] == 0 {
			s.Std[j] = 1
		}
	}
}

// ApplyRow standardizes the features x in place. It panics if x's length
// is not the number of features.
func (s *Scaler) ApplyRow(x []float64) {
	if len(x) != len(s.Mean) || len(x) != len(s.Std) {
		panic(fmt.Sprintf("neuron: Scaler: row of %d features, scaler has %d", len(x), len(s.Mean)))
	}
	for j := range x {
		x[j] = (x[j] - s.Mean[j]) / s.Std[j]
	}
}

// Apply standardizes every row of d in place. It panics if d's rows do
// not have the scaler's number of features.
func (s *Scaler) Apply(d *Dataset) {
	if d.Inputs != len(s.Mean) {
		panic(fmt.Sprintf("neuron: Scaler: data set of %d inputs, scaler has %d features", d.Inputs, len(s.Mean)))
	}
	for i := range d.Len() {
		x, _ := d.Row(i)
		s.ApplyRow(x)
	}
}
