#!/usr/bin/env python3
"""Golden values for SignalFeatures, computed with numpy/scipy as an independent reference.

Writes the Swift test file with the cases, their pipeline configs (JSON, as stored in the model artifact), and the
expected feature vectors:

    python3 scripts/reference/features_golden.py > Tests/SignalFeaturesTests/GoldenValues.swift

The test signal is generated the same way by Tests/SignalFeaturesTests/TestSignal.swift: a 64-bit LCG for noise,
sines evaluated with the C library, every sample quantised to a multiple of 1/4096 so it is exact in float32.

Definitions (see Shared/Features/FeatureExtractor.swift): per axis, time features on the (filtered) float32
samples in float64; spectral features from scipy.signal.periodogram with the periodic Hann window
(scipy.signal.get_window default), constant detrend and density scaling; bands [e_i, e_i+1) with the last band
closed; filters are RBJ biquads run by scipy.signal.lfilter over the whole stream.
"""
import json
import math

import numpy as np
import scipy.signal
import scipy.stats

ALL_TIME = ["mean", "std", "min", "max", "rms", "peak_to_peak", "skewness", "kurtosis", "crest_factor",
            "zero_crossing_rate"]
ALL_SPECTRAL = ["band_powers", "spectral_centroid", "dominant_frequency", "spectral_entropy"]


def test_signal(seed, axes, length, fs):
    """Axis-major float32 samples; mirrored exactly by TestSignal.swift."""
    state = seed
    out = np.zeros((axes, length), dtype=np.float32)
    offsets = [0.02, -0.1, 1.0]
    for a in range(axes):
        f1 = 37.0 + 61.0 * a
        a1 = 1.0 + 0.25 * a
        f2 = 150.0 + 40.0 * a
        for n in range(length):
            state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
            u = (((state >> 33) % 8193) - 4096) / 4096.0
            t = n / fs
            v = offsets[a % 3] + a1 * math.sin(2 * math.pi * f1 * t) + 0.3 * math.sin(2 * math.pi * f2 * t + 0.5 * a) \
                + 0.2 * u
            out[a, n] = math.floor(v * 4096 + 0.5) / 4096
    return out


def biquad(spec, fs):
    """RBJ cookbook coefficients, the same operations as BiquadFilter.swift."""
    w0 = 2 * math.pi * spec["cutoff_hz"] / fs
    cosine = math.cos(w0)
    alpha = math.sin(w0) / (2 * spec["q"])
    a0 = 1 + alpha
    edge = ((1 - cosine) if spec["kind"] == "low_pass" else (1 + cosine)) / 2 / a0
    b = [edge, 2 * edge if spec["kind"] == "low_pass" else -2 * edge, edge]
    a = [1.0, -2 * cosine / a0, (1 - alpha) / a0]
    return np.array(b), np.array(a)


def band_edges(bands):
    low, high, count = bands["low_hz"], bands["high_hz"], bands["count"]
    if bands["spacing"] == "linear":
        edges = [low + i * (high - low) / count for i in range(count)]
    else:
        edges = [low * math.pow(high / low, i / count) for i in range(count)]
    return edges + [high]


def time_feature(name, x):
    mean = x.mean()
    constant = np.all(x == x[0])
    if name == "mean":
        return mean
    if name == "std":
        return x.std()
    if name == "min":
        return x.min()
    if name == "max":
        return x.max()
    if name == "rms":
        return math.sqrt(np.mean(x * x))
    if name == "peak_to_peak":
        return np.ptp(x)
    if name == "skewness":
        return 0.0 if constant else scipy.stats.skew(x, bias=True)
    if name == "kurtosis":
        return 0.0 if constant else scipy.stats.kurtosis(x, fisher=True, bias=True)
    if name == "crest_factor":
        rms = math.sqrt(np.mean(x * x))
        return np.max(np.abs(x)) / rms if rms > 0 else 0.0
    if name == "zero_crossing_rate":
        negative = (x - mean) < 0
        return np.count_nonzero(negative[1:] != negative[:-1]) / (len(x) - 1)
    raise ValueError(name)


def spectral_features(spec, x, fs):
    n = len(x)
    window = scipy.signal.get_window("hann", n)
    freqs, psd = scipy.signal.periodogram(x, fs, window=window, detrend="constant", scaling="density")
    magnitude = np.abs(np.fft.rfft((x - x.mean()) * window))
    values = []
    for feature in spec["features"]:
        if feature == "band_powers":
            edges = band_edges(spec["bands"])
            bin_freqs = np.arange(n // 2 + 1) * fs / n
            for i in range(len(edges) - 1):
                mask = (bin_freqs >= edges[i]) & (bin_freqs < edges[i + 1])
                if i == len(edges) - 2:
                    mask |= bin_freqs == edges[i + 1]
                values.append(psd[mask].sum() * fs / n)
        elif feature == "spectral_centroid":
            values.append((freqs * magnitude).sum() / magnitude.sum())
        elif feature == "dominant_frequency":
            values.append(freqs[1 + np.argmax(magnitude[1:])])
        elif feature == "spectral_entropy":
            values.append(scipy.stats.entropy(psd, base=2))
        else:
            raise ValueError(feature)
    return values


def vectors(config, stream):
    fs = config["sample_rate_hz"]
    if config.get("filter"):
        b, a = biquad(config["filter"], fs)
        stream = np.stack([scipy.signal.lfilter(b, a, axis.astype(np.float64)).astype(np.float32) for axis in stream])
    length, hop = config["window_length"], config["hop"]
    result = []
    for start in range(0, stream.shape[1] - length + 1, hop):
        vector = []
        for axis in stream:
            x = axis[start:start + length].astype(np.float64)
            vector += [float(time_feature(name, x)) for name in config["time_features"]]
            if config.get("spectral"):
                vector += [float(v) for v in spectral_features(config["spectral"], x, fs)]
        if config.get("standardization"):
            s = config["standardization"]
            assert len(s["means"]) == len(s["stds"]) == len(vector)
            vector = [(v - m) / d for v, m, d in zip(vector, s["means"], s["stds"])]
        result.append((start, vector))
    return result


CASES = [
    ("edgeDefault", 11, 512, {
        "v": 1, "sensor": "vibration", "axes": ["x", "y", "z"], "sample_rate_hz": 1000.0, "window_length": 256,
        "hop": 128, "time_features": ALL_TIME,
        "spectral": {"features": ALL_SPECTRAL,
                     "bands": {"spacing": "log", "count": 8, "low_hz": 5.0, "high_hz": 500.0}},
    }),
    ("linearBandsLowPass", 29, 192, {
        "v": 1, "sensor": "accel", "axes": ["x"], "sample_rate_hz": 800.0, "window_length": 64, "hop": 64,
        "filter": {"kind": "low_pass", "cutoff_hz": 100.0, "q": 0.9},
        "time_features": ["rms", "std", "crest_factor"],
        "spectral": {"features": ["band_powers", "spectral_centroid"],
                     "bands": {"spacing": "linear", "count": 4, "low_hz": 0.0, "high_hz": 400.0}},
    }),
    ("highPassStandardized", 47, 256, {
        "v": 1, "sensor": "vibration", "axes": ["x", "y"], "sample_rate_hz": 1000.0, "window_length": 128,
        "hop": 32, "filter": {"kind": "high_pass", "cutoff_hz": 20.0, "q": 1 / math.sqrt(2)},
        "time_features": ALL_TIME,
        "spectral": {"features": ["spectral_entropy", "dominant_frequency", "band_powers", "spectral_centroid"],
                     "bands": {"spacing": "log", "count": 6, "low_hz": 10.0, "high_hz": 400.0}},
        "standardization": {"means": [0.1 * i for i in range(2 * 19)], "stds": [1 + 0.05 * i for i in range(2 * 19)]},
    }),
]


def main():
    print("// Generated by scripts/reference/features_golden.py (numpy %s, scipy %s); do not edit by hand." %
          (np.__version__, scipy.__version__))
    print()
    print("import Testing")
    print()
    print("/// One golden case: a pipeline config as JSON, the test signal it reads and the reference vectors.")
    print("struct GoldenCase: Sendable, CustomTestStringConvertible {")
    print("    let name: String")
    print("    let seed: UInt64")
    print("    let samplesPerAxis: Int")
    print("    let configJSON: String")
    print("    /// (first sample of the window, expected vector).")
    print("    let windows: [(start: UInt64, vector: [Double])]")
    print("    var testDescription: String { name }")
    print("}")
    print()
    print("/// The cases, computed with numpy/scipy.")
    print("let goldenCases: [GoldenCase] = [")
    for name, seed, length, config in CASES:
        stream = test_signal(seed, len(config["axes"]), length, config["sample_rate_hz"])
        print("    GoldenCase(")
        print("        name: %s," % json.dumps(name))
        print("        seed: %d," % seed)
        print("        samplesPerAxis: %d," % length)
        print("        configJSON:")
        print("            #\"%s\"#," % json.dumps(config, separators=(",", ":")))
        print("        windows: [")
        for start, vector in vectors(config, stream):
            print("            (")
            print("                %d," % start)
            print("                [")
            for value in vector:
                print("                    %r," % value)
            print("                ]")
            print("            ),")
        print("        ]")
        print("    ),")
    print("]")


if __name__ == "__main__":
    main()
