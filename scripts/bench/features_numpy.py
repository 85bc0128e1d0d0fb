#!/usr/bin/env python3
"""numpy peer of `bench features`: the full feature set of FeaturePipelineConfig.vibrationDefault (3 axes x 256
samples at 1000 Hz: 10 time features, 8 log band powers 5-500 Hz, centroid, dominant frequency, entropy per axis),
computed per window and batched over many windows, single thread, each the best of SLICES equal slices of SECONDS
(as `bench features` measures its own). Prints one JSON line:
{"numpy_windows_per_s": ..., "numpy_batched_windows_per_s": ...}

Usage: features_numpy.py [SECONDS [SLICES]]

The formulas are those of scripts/reference/features_golden.py, written with plain numpy array operations
(scipy.stats and scipy.signal.periodogram add call overhead, not accuracy).
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

FS, N, AXES = 1000.0, 256, 3
LOW, HIGH, BANDS = 5.0, 500.0, 8


def plan():
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N) / N)
    freqs = np.arange(N // 2 + 1) * FS / N
    weights = np.full(N // 2 + 1, 2.0)
    weights[0] = weights[-1] = 1.0
    scale = weights / (FS * np.sum(window * window))
    edges = [LOW * (HIGH / LOW) ** (i / BANDS) for i in range(BANDS)] + [HIGH]
    masks = np.zeros((BANDS, N // 2 + 1))
    for i in range(BANDS):
        mask = (freqs >= edges[i]) & (freqs < edges[i + 1])
        if i == BANDS - 1:
            mask |= freqs == edges[i + 1]
        masks[i] = mask
    return window, freqs, scale, masks.T * FS / N


def features(x, window, freqs, scale, band_matrix):
    """x: (..., AXES, N) float32 -> (..., AXES, 21) float64."""
    x = x.astype(np.float64)
    mean = x.mean(axis=-1, keepdims=True)
    d = x - mean
    d2 = d * d
    m2 = d2.mean(axis=-1)
    m3 = (d2 * d).mean(axis=-1)
    m4 = (d2 * d2).mean(axis=-1)
    low = x.min(axis=-1)
    high = x.max(axis=-1)
    std = np.sqrt(m2)
    rms = np.sqrt(m2 + mean[..., 0] ** 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        skew = np.where(m2 > 0, m3 / (m2 * std), 0.0)
        kurt = np.where(m2 > 0, m4 / (m2 * m2) - 3, 0.0)
        crest = np.where(rms > 0, np.maximum(-low, high) / rms, 0.0)
    negative = d < 0
    zcr = np.count_nonzero(negative[..., 1:] != negative[..., :-1], axis=-1) / (N - 1)
    spectrum = np.fft.rfft(d * window, axis=-1)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    psd = power * scale
    bands = psd @ band_matrix
    magnitude = np.sqrt(power)
    centroid = (magnitude * freqs).sum(axis=-1) / magnitude.sum(axis=-1)
    dominant = freqs[1 + np.argmax(magnitude[..., 1:], axis=-1)]
    p = psd / psd.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.where(p > 0, p * np.log2(p), 0.0).sum(axis=-1)
    time_part = np.stack([mean[..., 0], std, low, high, rms, high - low, skew, kurt, crest, zcr], axis=-1)
    return np.concatenate([time_part, bands, centroid[..., None], dominant[..., None], entropy[..., None]], axis=-1)


def measure(run, windows_per_call, seconds, slices):
    run()  # warm-up
    best = 0.0
    for _ in range(slices):
        calls = 0
        start = time.perf_counter()
        while True:
            run()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / slices:
                break
        best = max(best, calls * windows_per_call / elapsed)
    return best


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    slices = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = np.random.default_rng(7)
    data = rng.standard_normal((1024, AXES, N)).astype(np.float32)
    window, freqs, scale, band_matrix = plan()
    count = len(data)
    index = [0]

    def one():
        features(data[index[0] % count], window, freqs, scale, band_matrix)
        index[0] += 1

    def batch():
        features(data, window, freqs, scale, band_matrix)

    per_window = measure(one, 1, seconds, slices)
    batched = measure(batch, count, seconds, slices)
    print(json.dumps({"numpy_windows_per_s": round(per_window), "numpy_batched_windows_per_s": round(batched),
                      "numpy_batch_windows": count, "numpy_version": np.__version__}))


if __name__ == "__main__":
    main()
