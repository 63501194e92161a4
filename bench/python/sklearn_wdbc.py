#!/usr/bin/python3
"""scikit-learn's LogisticRegression on the folds that bench/cmd/wdbcfolds
cross-validated one neuron on, to compare their accuracy.

Usage: /usr/bin/python3 bench/python/sklearn_wdbc.py TABLE.csv FOLDS.json

TABLE.csv is the table wdbcfolds read (a header row, the features, the
target column the JSON names); FOLDS.json is what wdbcfolds wrote: each
fold's held-out rows (0 is the first data row) and the neuron's outputs on
them. For each fold this fits, as a reader would write it,

    scaler = StandardScaler().fit(X[train])
    model = LogisticRegression().fit(scaler.transform(X[train]), y[train])

on the other folds' rows, and measures the accuracy on the fold's rows.
LogisticRegression keeps its defaults (L2 penalty with C = 1, lbfgs,
max_iter=100); only if lbfgs warns that it did not converge is the fold
fitted again with max_iter=10000, and the output says so (raised=yes).

It prints one line per fold and one with the mean, key=value pairs:

    wdbc lang=python fold=1 test_rows=114 accuracy=... n_iter=... raised=no disagree_logistic=... maxgap_logistic=... ...
    wdbc lang=python mean_accuracy=... sklearn=1.2.1

disagree_NAME counts the fold's rows that the neuron of setup NAME puts
in the other class than scikit-learn does; maxgap_NAME is the largest
difference, over the fold's rows, between the neuron's output and
scikit-learn's probability of the positive class.
"""

import csv
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

RAISED_MAX_ITER = 10000


def read_table(path, target, positive):
    """Return the features as an array and the target as 0/1, positive 1."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r]
    t = header.index(target)
    X = np.array([[float(v) for i, v in enumerate(r) if i != t] for r in body])
    y = np.array([1 if r[t] == positive else 0 for r in body])
    return X, y


def fit_fold(X_train, y_train):
    """Fit the scaler and LogisticRegression(); say whether max_iter was raised."""
    scaler = StandardScaler().fit(X_train)
    Z = scaler.transform(X_train)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        try:
            return scaler, LogisticRegression().fit(Z, y_train), False
        except ConvergenceWarning:
            pass
    return scaler, LogisticRegression(max_iter=RAISED_MAX_ITER).fit(Z, y_train), True


def compare(outputs, pred, proba, name):
    """Count the rows classed differently; the largest gap in probability."""
    differ = int(np.sum((outputs >= 0.5) != (pred == 1)))
    return f"disagree_{name}={differ} maxgap_{name}={np.max(np.abs(outputs - proba)):.3f}"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: sklearn_wdbc.py TABLE.csv FOLDS.json")
    with open(sys.argv[2], encoding="utf-8") as f:
        rep = json.load(f)
    X, y = read_table(sys.argv[1], rep["target"], rep["positive"])
    if len(y) != rep["rows"]:
        sys.exit(f"sklearn_wdbc.py: {sys.argv[1]} has {len(y)} rows, the folds {rep['rows']}")
    accs = []
    for k, fold in enumerate(rep["folds"]):
        test = np.array(fold["test_rows"])
        train = np.setdiff1d(np.arange(len(y)), test)
        scaler, model, raised = fit_fold(X[train], y[train])
        pred = model.predict(scaler.transform(X[test]))
        acc = float(np.mean(pred == y[test]))
        accs.append(acc)
        proba = model.predict_proba(scaler.transform(X[test]))[:, 1]
        disagree = " ".join(compare(np.array(r["folds"][k]["outputs"]), pred, proba, r["name"]) for r in rep["runs"])
        print(f"wdbc lang=python fold={k + 1} test_rows={len(test)} accuracy={acc:.6f} "
              f"n_iter={int(model.n_iter_[0])} raised={'yes' if raised else 'no'} {disagree}")
    print(f"wdbc lang=python mean_accuracy={np.mean(accs):.6f} sklearn={sklearn.__version__}")


if __name__ == "__main__":
    main()
