#!/usr/bin/python3
"""scikit-learn's SGDClassifier, timed per epoch on the data set that
bench/cmd/gendata writes, to compare with bench/cmd/epochs.

Usage: /usr/bin/python3 bench/python/sklearn_sgd.py DIR [epochs] [eta0] [seed]
(defaults: 5 0.01 1)

DIR holds train.f64 and test.f64 in gendata's layout (the number of
features n as a little-endian uint64, then rows of n features and the
target as little-endian float64), read with numpy before the clock
starts. The model is plain stochastic gradient descent on the log-loss,
as a reader would ask for it:

    SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant",
                  eta0=eta0, max_iter=epochs, tol=None, shuffle=True,
                  random_state=seed)

that is one step per row, every row once per epoch in a new random order,
a constant learning rate, no penalty, and exactly `epochs` epochs
(tol=None turns off the stopping test). The time is that of fit, divided
by the epochs (n_iter_ confirms how many ran). It prints one line of
key=value pairs, the keys of epochs:

    epochs lang=python sklearn=1.2.1 batch=1 workers=1 rows=... epochs=... rate=... seconds=... s_per_epoch=... ns_per_row=... test_accuracy=...
"""

import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import SGDClassifier


def read(path):
    """Return the features (C-ordered float64, as fit wants them) and targets."""
    with open(path, "rb") as f:
        n = int(np.fromfile(f, dtype="<u8", count=1)[0])
        a = np.fromfile(f, dtype="<f8")
    if n < 1 or a.size == 0 or a.size % (n + 1):
        sys.exit(f"sklearn_sgd.py: {path}: not whole rows of {n} features and a target")
    a = a.reshape(-1, n + 1)
    return np.ascontiguousarray(a[:, :n]), a[:, n].copy()


def main():
    if not 2 <= len(sys.argv) <= 5:
        sys.exit("usage: sklearn_sgd.py DIR [epochs] [eta0] [seed]")
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    eta0 = float(sys.argv[3]) if len(sys.argv) > 3 else 0.01
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    X, y = read(f"{d}/train.f64")
    X_test, y_test = read(f"{d}/test.f64")

    model = SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=eta0,
                          max_iter=epochs, tol=None, shuffle=True, random_state=seed)
    start = time.perf_counter()
    model.fit(X, y)
    secs = time.perf_counter() - start
    if model.n_iter_ != epochs:
        sys.exit(f"sklearn_sgd.py: fit ran {model.n_iter_} epochs, not {epochs}")

    acc = model.score(X_test, y_test)
    rows = len(y)
    print(f"epochs lang=python sklearn={sklearn.__version__} batch=1 workers=1 rows={rows} epochs={epochs} "
          f"rate={eta0:g} seconds={secs:.6f} s_per_epoch={secs / epochs:.6f} "
          f"ns_per_row={secs * 1e9 / (epochs * rows):.3f} test_accuracy={acc:.4f}")


if __name__ == "__main__":
    main()
