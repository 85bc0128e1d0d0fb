#!/usr/bin/env python3
"""Peer of `bench drift`: scipy.stats.ks_2samp on two samples of N float64 values (normal, the second shifted by 0.01;
method='auto', which is asymptotic at this size), best of REPEATS runs. Prints one JSON line:
{"scipy_ks_ms": ..., "scipy_ks_statistic": ..., "scipy_ks_pvalue": ...}

Usage: drift_scipy.py N REPEATS
"""
import json
import sys
import time

import numpy as np
from scipy import stats


def main():
    count, repeats = int(sys.argv[1]), int(sys.argv[2])
    rng = np.random.default_rng(9)
    x = rng.normal(0.0, 1.0, count)
    y = rng.normal(0.01, 1.0, count)
    fastest = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = stats.ks_2samp(x, y)
        fastest = min(fastest, time.perf_counter() - start)
    print(json.dumps({
        "scipy_ks_ms": fastest * 1e3,
        "scipy_ks_statistic": float(result.statistic),
        "scipy_ks_pvalue": float(result.pvalue),
    }))


if __name__ == "__main__":
    main()
