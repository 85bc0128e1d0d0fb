#!/usr/bin/env python3
"""Seconds per epoch of an MLP on the same samples `bench train` times: scikit-learn's MLPClassifier and, when it
is installed, PyTorch on the CPU (same layers, Adam, mini-batches of the same size, shuffled every epoch).

Reads a CSV (class index, then the inputs) and prints one JSON line: {"sklearn_seconds_per_epoch": …,
"torch_seconds_per_epoch": … (only with torch), "torch_threads": …}. Each figure is the best of `--repeats` runs of
`--epochs` epochs, divided by the epochs.

Usage: train_mlp.py --data SAMPLES.csv --hidden 64,32 --batch 32 --epochs 5 --repeats 3
"""
import argparse
import json
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def sklearn_seconds(x, y, hidden, batch, epochs):
    model = MLPClassifier(
        hidden_layer_sizes=hidden,
        solver="adam",
        batch_size=batch,
        max_iter=epochs,
        tol=0.0,
        n_iter_no_change=epochs + 1,
        random_state=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(x, y)
        return (time.perf_counter() - start) / epochs


def torch_seconds(torch, x, y, hidden, batch, epochs):
    torch.manual_seed(1)
    sizes = [x.shape[1], *hidden]
    layers = []
    for inputs, units in zip(sizes, sizes[1:]):
        layers += [torch.nn.Linear(inputs, units), torch.nn.ReLU()]
    layers.append(torch.nn.Linear(sizes[-1], int(y.max()) + 1))
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, weight_decay=0.0001)
    loss_function = torch.nn.CrossEntropyLoss()
    inputs = torch.from_numpy(x)
    labels = torch.from_numpy(y)
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(labels))
        for first in range(0, len(labels), batch):
            index = order[first : first + batch]
            optimizer.zero_grad()
            loss = loss_function(model(inputs[index]), labels[index])
            loss.backward()
            optimizer.step()
    return (time.perf_counter() - start) / epochs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--hidden", default="64,32")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    data = np.loadtxt(args.data, delimiter=",", dtype=np.float64, ndmin=2)
    x, y = data[:, 1:].astype(np.float32), data[:, 0].astype(np.int64)
    hidden = tuple(int(units) for units in args.hidden.split(","))
    figures = {
        "sklearn_seconds_per_epoch": min(
            sklearn_seconds(x, y, hidden, args.batch, args.epochs) for _ in range(args.repeats)
        )
    }
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None:
        figures["torch_seconds_per_epoch"] = min(
            torch_seconds(torch, x, y, hidden, args.batch, args.epochs) for _ in range(args.repeats)
        )
        figures["torch_threads"] = torch.get_num_threads()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
