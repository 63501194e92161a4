// Package plot draws pictures of a training run with gonum plot: the loss
// curve of a neuron.History (WriteLoss) and what a trained model outputs
// over its inputs, with its decision boundary (WriteBoundary).
//
// Every picture is 16 cm × 12 cm; as a PNG it is 800 × 600 pixels. The
// same inputs give byte-identical files, so pictures can be golden files.
// The fonts are embedded in the program; no file is read and nothing is
// fetched.
package plot
