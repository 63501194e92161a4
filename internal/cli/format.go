package cli

import "github.com/neuronlab/neuron/internal/explain"

// Numbers for people, as everywhere in the command.
var (
	num        = explain.Num     // six significant digits
	count      = explain.Count   // 1,234,567
	weightList = explain.Weights // "w1 = 7.37, w2 = 7.37"
)
