// Package neuron teaches a sigmoid neuron, or a small two-layer network of
// them, a function from examples by steepest descent.
//
// A neuron computes its excitation u = w·x + b from its inputs x, weights w
// and bias b, and outputs o = σ(u) = 1/(1+e^(−u)). Shown a row of inputs
// and the output expected for it (the target t), it measures its loss
// L = ½(o−t)² and moves each weight and the bias a small step against the
// gradient of the loss, scaled by the learning rate. Repeating this over
// randomly drawn rows until the loss reaches a goal is steepest descent;
// the gradient of a row is (o−t)·o·(1−o)·x for the weights and
// (o−t)·o·(1−o) for the bias. With the cross-entropy loss instead
// (Config.Loss), the gradient is (o−t)·x: see Loss.
//
// Train runs that loop for any Model and Dataset and reports a Result:
// one row per step, as the original demo does, or mini-batches and epochs
// for larger data sets (Config.Batch, Config.Order), with an L2 penalty,
// learning-rate decay and early stopping on held-out rows. A
// Config.Progress hook sees every step: the command-line tool's traces,
// pictures, progress line and web page are all clients of this one loop.
// The package uses only the standard library and never prints.
package neuron
