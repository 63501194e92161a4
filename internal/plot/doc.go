// Package plot draws pictures of a training run with gonum plot: the loss
// curve of a neuron.History and the goal it aims for (WriteLoss,
// WriteLossWith), what a trained model outputs over its inputs, with its
// decision boundary at the end and at earlier moments of the run
// (WriteBoundary), and the path its weights took (WriteWeights).
//
// Every number on an axis is written as the command writes it: 15,000
// and 1e-4, never 15000, 15k or 1e-04.
//
// Every picture is 16 cm × 12 cm; as a PNG it is 800 × 600 pixels. The
// same inputs give byte-identical files, so pictures can be golden files.
// The fonts are embedded in the program; no file is read and nothing is
// fetched.
package plot
