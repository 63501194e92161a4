#!/usr/bin/python3
"""The original program as published: one neuron learning AND (or OR) by
steepest descent, written as the blog post "One Neuron Steepest Descent in
Python" shows it, to time against seedruns.

Usage: /usr/bin/python3 bench/python/seed_original.py [runs] [and|or] [show]
(defaults: 20 and; "show" prints the learned outputs after the last run,
as the post does)

This file follows the post: its function names, its numpy shapes and its
truth tables. The weights are a numpy array of shape (1, 2) and the bias
one of shape (1, 1); each truth table is a tuple of (np.array input pair,
int expected output) pairs; the rows are drawn with the standard random
module; the loss goal is 1e-10 and the learning rate 0.5. The post shows
the functions but not the loop around them, nor how it starts the weights:
here they come from N(0,1) (np.random.randn), as in the other programs of
this directory. Run r (r = 0 .. runs-1) seeds both random and numpy's
global generator with r. Nothing in the loop is tuned: every iteration
pays for Python's interpreter and for numpy calls on arrays of one or two
numbers, which is how the program a reader runs spends its time.

It prints one line of key=value pairs, the same keys as seed.c and
seedruns; the time covers the runs (initial weights included).
"""

import random
import sys
import time

import numpy as np

LEARNING_RATE = 0.5
LOSS_GOAL = 1e-10

BOOLEAN_AND = ((np.array([0, 0]), 0), (np.array([0, 1]), 0),
               (np.array([1, 0]), 0), (np.array([1, 1]), 1))
BOOLEAN_OR = ((np.array([0, 0]), 0), (np.array([0, 1]), 1),
              (np.array([1, 0]), 1), (np.array([1, 1]), 1))


def sigmoid(excitation):
    """The output for an excitation u: 1/(1+e^-u), between 0 and 1."""
    return 1 / (1 + np.exp(-excitation))


def compute_excitation(weight_vec, input_vec, bias_vec):
    """The excitation u = w.x + b: (1, 2) @ (2,) + (1, 1) gives (1, 1)."""
    return weight_vec @ input_vec + bias_vec


def compute_output(weight_vec, input_vec, bias_vec):
    """The neuron's output, the sigmoid of its excitation."""
    return sigmoid(compute_excitation(weight_vec, input_vec, bias_vec))


def compute_gradient(output, expected_output, input_vec=1):
    """The gradient of the loss. With the loss L = (o-t)^2/2 and o the
    sigmoid of u, the chain rule gives dL/du = (o-t)*o*(1-o); the weights'
    gradient is that times the input (du/dw = x), the bias's that times 1
    (du/db = 1), which is why the input is optional."""
    return (output - expected_output) * output * (1 - output) * input_vec


def compute_loss(output, expected_output):
    """The loss: half the squared distance from the expected output."""
    return ((output - expected_output) ** 2) / 2


def learn(func_learned):
    """Steepest descent until the loss of the row just drawn, measured
    before its step, is at most the goal. Returns the weights, the bias and
    the number of iterations."""
    weight_vec = np.random.randn(1, 2)
    bias_vec = np.random.randn(1, 1)
    loss = LOSS_GOAL + 1
    iterations = 0
    while loss > LOSS_GOAL:
        input_vec, expected_output = random.choice(func_learned)
        output = compute_output(weight_vec, input_vec, bias_vec)
        loss = compute_loss(output, expected_output)

        weight_gradients = compute_gradient(output, expected_output, input_vec)
        bias_gradient = compute_gradient(output, expected_output)

        # The step: each weight and the bias move against their gradient,
        # scaled by the learning rate.
        weight_vec -= LEARNING_RATE * weight_gradients
        bias_vec -= LEARNING_RATE * bias_gradient
        iterations += 1
    return weight_vec, bias_vec, iterations


def output_learning_results(func_learned, weight_vec, bias_vec, iterations):
    """Prints each row's expected and actual output, as the post does."""
    for input_vec, expected_output in func_learned:
        output = compute_output(weight_vec, input_vec, bias_vec)
        print("Expected: " + str(expected_output) + " Actual: " + str(output))
    print("Number of Iterations: " + str(iterations))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    fn = sys.argv[2] if len(sys.argv) > 2 else "and"
    show = len(sys.argv) > 3 and sys.argv[3] == "show"
    if runs < 1 or fn not in ("and", "or") or (len(sys.argv) > 3 and not show):
        sys.exit("usage: seed_original.py [runs >= 1] [and|or] [show]")
    func_learned = BOOLEAN_AND if fn == "and" else BOOLEAN_OR

    per_run = []
    start = time.perf_counter()
    for r in range(runs):
        random.seed(r)
        np.random.seed(r)
        weight_vec, bias_vec, iterations = learn(func_learned)
        per_run.append(iterations)
    secs = time.perf_counter() - start

    if show:
        output_learning_results(func_learned, weight_vec, bias_vec, iterations)
    total = sum(per_run)
    print(f"seed lang=python-original fn={fn} inputs=2 runs={runs} iters={total} "
          f"median_iters={int(np.median(per_run))} seconds={secs:.6f} "
          f"ns_per_iter={secs * 1e9 / total:.3f}")


if __name__ == "__main__":
    main()
