#!/usr/bin/env python3
"""numpy reference outputs for the float engine test (Tests/EdgeModelTests/FloatEngineTests.swift).

Weights and inputs come from a formula both sides compute in float64 and round to float32:
value(i, seed) = 0.5 * sin(0.7 * i + seed) for parameters, 2 * cos(0.3 * i) for inputs. Layers are computed
here independently in float64 with numpy, channel-major (NCL) as in the Swift engine.

Usage: python3 scripts/reference/float_engine.py   (prints the golden arrays pasted into the test)
"""
import numpy as np


def values(count, seed):
    return (0.5 * np.sin(0.7 * np.arange(count) + seed)).astype(np.float32).astype(np.float64)


def inputs(count):
    return (2 * np.cos(0.3 * np.arange(count))).astype(np.float32).astype(np.float64)


def conv1d(x, filters, kernel, stride, padding, dilation, layer):
    channels, length = x.shape
    w = values(filters * channels * kernel, layer + 1).reshape(filters, channels, kernel)
    b = values(filters, layer + 11)
    padded = np.pad(x, ((0, 0), (padding, padding)))
    out_length = (length + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1
    out = np.zeros((filters, out_length))
    for t in range(out_length):
        taps = padded[:, t * stride : t * stride + dilation * (kernel - 1) + 1 : dilation]
        out[:, t] = np.einsum("fck,ck->f", w, taps) + b
    return out


def dense(x, units, layer):
    w = values(units * x.size, layer + 1).reshape(units, x.size)
    return w @ x + values(units, layer + 11)


def pool(x, size, stride, fn):
    out_length = (x.shape[1] - size) // stride + 1
    return np.stack([fn(x[:, t * stride : t * stride + size], axis=1) for t in range(out_length)], axis=1)


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def network_a():
    x = inputs(3 * 20).reshape(3, 20)
    x = np.maximum(conv1d(x, 4, 3, 1, 2, 2, 0), 0)
    x = pool(x, 2, 2, np.max)
    x = np.clip(conv1d(x, 5, 3, 2, 1, 1, 2), 0, 6)
    x = pool(x, 2, 1, np.mean)
    x = x.reshape(-1)
    return softmax(dense(x, 6, 5))


def network_b():
    x = inputs(2 * 16).reshape(2, 16)
    x = np.maximum(conv1d(x, 3, 5, 1, 0, 1, 0), 0)
    x = x.mean(axis=1)
    x = np.maximum(dense(x, 4, 3), 0)
    return dense(x, 3, 4)


if __name__ == "__main__":
    np.set_printoptions(precision=9, floatmode="fixed")
    for name, output in (("networkA", network_a()), ("networkB", network_b())):
        print(name, "[" + ", ".join(f"{v:.9g}" for v in output) + "]")
