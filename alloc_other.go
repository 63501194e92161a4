//go:build !linux

package neuron

// adviseLarge does nothing outside Linux.
func adviseLarge(s []float64) {}
