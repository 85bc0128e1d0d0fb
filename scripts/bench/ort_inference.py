#!/usr/bin/env python3
"""ONNX Runtime peer of `bench inference`: the same two models (MLP 64-128-64-8 with ReLU; CNN on 3x128:
Conv 3->16 k5, ReLU, Conv 16->32 k5, ReLU, global average pool, Dense 32->6), float32 and int8, one thread.

int8 models come from onnxruntime.quantization.quantize_static (QOperator format, per-channel int8 weights,
uint8 activations: ORT's fast path on x86), calibrated on random inputs; float inputs in, as in the Swift bench.

Prints one JSON object: ort_{mlp,cnn}_{float,int8}_b1_us and ort_{mlp,cnn}_{float,int8}_b256_per_s.
Usage: python ort_inference.py [--seconds S]   (needs onnxruntime, onnx, numpy: scripts/bench.sh makes the venv)
"""
import argparse
import json
import os
import tempfile
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

RNG = np.random.default_rng(5)


def he(shape, fan_in):
    return (RNG.standard_normal(shape) * np.sqrt(2 / fan_in)).astype(np.float32)


def mlp():
    sizes = [64, 128, 64, 8]
    nodes, inits, current = [], [], "x"
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        inits += [numpy_helper.from_array(he((b, a), a), f"w{i}"), numpy_helper.from_array(np.zeros(b, np.float32), f"b{i}")]
        nodes.append(helper.make_node("Gemm", [current, f"w{i}", f"b{i}"], [f"g{i}"], transB=1))
        current = f"g{i}"
        if i < 2:
            nodes.append(helper.make_node("Relu", [current], [f"r{i}"]))
            current = f"r{i}"
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 64])],
        [helper.make_tensor_value_info(current, TensorProto.FLOAT, ["n", 8])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), (64,)


def cnn():
    inits = [
        numpy_helper.from_array(he((16, 3, 5), 15), "c0w"), numpy_helper.from_array(np.zeros(16, np.float32), "c0b"),
        numpy_helper.from_array(he((32, 16, 5), 80), "c1w"), numpy_helper.from_array(np.zeros(32, np.float32), "c1b"),
        numpy_helper.from_array(he((6, 32), 32), "dw"), numpy_helper.from_array(np.zeros(6, np.float32), "db"),
    ]
    nodes = [
        helper.make_node("Conv", ["x", "c0w", "c0b"], ["c0"], kernel_shape=[5]),
        helper.make_node("Relu", ["c0"], ["r0"]),
        helper.make_node("Conv", ["r0", "c1w", "c1b"], ["c1"], kernel_shape=[5]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("GlobalAveragePool", ["r1"], ["gap"]),
        helper.make_node("Flatten", ["gap"], ["flat"]),
        helper.make_node("Gemm", ["flat", "dw", "db"], ["y"], transB=1),
    ]
    graph = helper.make_graph(
        nodes, "cnn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 3, 128])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 6])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), (3, 128)


class Reader(CalibrationDataReader):
    def __init__(self, shape):
        self.items = iter([{"x": RNG.standard_normal((1,) + shape).astype(np.float32)} for _ in range(64)])

    def get_next(self):
        return next(self.items, None)


def session(path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def measure(sess, shape, batch, seconds):
    """CPU seconds of this thread per call, best of 5 rounds; batch 1 cycles through 256 inputs, as the Swift bench
    does. Thread CPU time, not wall time, so that other processes on a shared machine do not count (one intra-op
    thread: ONNX Runtime computes on the calling thread)."""
    count = 256 if batch == 1 else 1
    feeds = [{"x": RNG.standard_normal((batch,) + shape).astype(np.float32)} for _ in range(count)]
    for i in range(200):
        sess.run(None, feeds[i % count])
    best = float("inf")
    for _ in range(5):
        runs, start = 0, time.thread_time()
        while time.thread_time() - start < seconds / 5:
            sess.run(None, feeds[runs % count])
            runs += 1
        best = min(best, (time.thread_time() - start) / runs)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (model, shape) in (("mlp", mlp()), ("cnn", cnn())):
            fp32 = os.path.join(tmp, f"{name}.onnx")
            int8 = os.path.join(tmp, f"{name}_int8.onnx")
            onnx.save(model, fp32)
            quantize_static(fp32, int8, Reader(shape), quant_format=QuantFormat.QOperator, per_channel=True,
                            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
            for kind, path in (("float", fp32), ("int8", int8)):
                sess = session(path)
                out[f"ort_{name}_{kind}_b1_us"] = measure(sess, shape, 1, args.seconds) * 1e6
                out[f"ort_{name}_{kind}_b256_per_s"] = 256 / measure(sess, shape, 256, args.seconds)
    out["ort_version"] = ort.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    main()
