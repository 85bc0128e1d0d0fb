#!/usr/bin/env python3
"""Peer of `bench fedavg`: the example-weighted mean of N client updates of P float32 parameters, as numpy does it
best (one float32 matrix-vector product, OpenBLAS on one thread) and as flwr does it (`flwr.server.strategy.aggregate.
aggregate`, which copies every update once), plus flwr's Krum (f = 5) and coordinate median on a smaller case. Each
figure is the best of REPEATS runs. Prints one JSON line:
{"numpy_fedavg_s": ..., "flwr_fedavg_s": ..., "flwr_krum_s": ..., "flwr_median_s": ...}

Usage: fedavg_numpy.py N P REPEATS FLWR_CLIENTS ROBUST_N ROBUST_P

flwr's FedAvg time is measured on the first FLWR_CLIENTS updates and scaled by N / FLWR_CLIENTS (its cost is linear in
N); with FLWR_CLIENTS = N it is measured as it is. Without flwr installed its figures are null.
Memory: N × P × 4 bytes for the updates, and as much again while flwr's aggregate runs.
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

try:
    from flwr.server.strategy.aggregate import aggregate, aggregate_krum, aggregate_median
except ImportError:
    aggregate = aggregate_krum = aggregate_median = None


def best(repeats, run):
    fastest = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def updates(rng, clients, parameters):
    data = np.empty((clients, parameters), dtype=np.float32)
    for row in data:  # row by row: no float64 temporary of the whole matrix
        rng.random(out=row, dtype=np.float32)
        row -= 0.5
    counts = 1 + (np.arange(clients) * 7919) % 500
    return data, counts


def main():
    clients, parameters, repeats, flwr_clients, robust_clients, robust_parameters = map(int, sys.argv[1:7])
    rng = np.random.default_rng(7)
    data, counts = updates(rng, clients, parameters)
    weights = counts.astype(np.float32)
    total = np.float32(counts.sum())
    result = {"numpy_fedavg_s": best(repeats, lambda: (weights @ data) / total)}
    if aggregate is not None:
        results = [([data[i]], int(counts[i])) for i in range(flwr_clients)]
        result["flwr_fedavg_s"] = best(repeats, lambda: aggregate(results)) * clients / flwr_clients
        del results
    del data
    small, small_counts = updates(rng, robust_clients, robust_parameters)
    if aggregate is not None:
        robust = [([small[i]], int(small_counts[i])) for i in range(robust_clients)]
        result["flwr_krum_s"] = best(repeats, lambda: aggregate_krum(robust, 5, 0))
        result["flwr_median_s"] = best(repeats, lambda: aggregate_median(robust))
    print(json.dumps({**result, "numpy_version": np.__version__}))


if __name__ == "__main__":
    main()
