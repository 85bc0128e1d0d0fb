#!/usr/bin/env python3
"""scikit-learn's MLPClassifier on the split `bench train` trains on, for its accuracy beside ours.

Reads two CSV files written by `bench train` (one sample per line: the class index, then the input values, already
scaled or standardised exactly as the Swift side saw them), fits MLPClassifier with the same architecture and
hyper-parameters (ReLU hidden layers, Adam, L2 alpha, mini-batch size, a fixed number of epochs, no early stopping)
and prints one JSON line: {"accuracy": test accuracy, "seconds": fit seconds, "epochs": epochs run}.

Usage: sklearn_baseline.py --train TRAIN.csv --test TEST.csv --hidden 64,32 --epochs 200 --batch 32
       --learning-rate 0.001 --alpha 0.0001 --seed 1      (needs scikit-learn and numpy)
"""
import argparse
import json
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def load(path):
    data = np.loadtxt(path, delimiter=",", dtype=np.float64, ndmin=2)
    return data[:, 1:].astype(np.float32), data[:, 0].astype(np.int64)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--hidden", default="64,32")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.001)
    parser.add_argument("--alpha", type=float, default=0.0001)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    x_train, y_train = load(args.train)
    x_test, y_test = load(args.test)
    model = MLPClassifier(
        hidden_layer_sizes=tuple(int(units) for units in args.hidden.split(",")),
        activation="relu",
        solver="adam",
        alpha=args.alpha,
        batch_size=args.batch,
        learning_rate_init=args.learning_rate,
        max_iter=args.epochs,
        tol=0.0,
        n_iter_no_change=args.epochs + 1,
        shuffle=True,
        random_state=args.seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(x_train, y_train)
        seconds = time.perf_counter() - start
    accuracy = float((model.predict(x_test) == y_test).mean())
    print(json.dumps({"accuracy": accuracy, "seconds": seconds, "epochs": int(model.n_iter_)}))


if __name__ == "__main__":
    main()
