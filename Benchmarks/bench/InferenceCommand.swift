import ArgumentParser
import EdgeModel
import Foundation
import TestSupport

/// `bench inference`: µs per inference at batch 1 and inferences/s at batch 256, one thread, for the MLP and the
/// CNN of ``BenchModels``, float and int8, beside ONNX Runtime running the same shapes in the same run
/// (scripts/bench/ort_inference.py, in the venv that scripts/bench.sh creates). `kernels` names the int8 kernel build
/// measured (``Int8KernelChoice/preferred``: AVX2 where the CPU has it, `EDGE_KERNELS=generic` to force the baseline
/// build); when that is not the baseline build, `generic_*` keys give the baseline build's int8 figures too.
struct InferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "Inference latency and throughput, float and int8, beside ONNX Runtime."
    )

    @Option(help: "Seconds of timing per figure (best of 5 rounds).")
    var seconds = 1.0

    @Option(help: "Python with onnxruntime for the peer figures.")
    var python = ".venv-bench/bin/python"

    @Flag(help: "Skip the ONNX Runtime peer.")
    var noPeer = false

    @Option(help: "Only this model (mlp or cnn), int8 at batch --profile-batch, for profiling; prints no figures.")
    var profile: String?

    @Option(help: "Inputs per run with --profile (1...256).")
    var profileBatch = 1

    func validate() throws {
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds must be in (0, 60]") }
        guard (1...256).contains(profileBatch) else { throw ValidationError("--profile-batch must be in 1...256") }
    }

    func run() throws {
        var random = SplitMix64(seed: 5)
        if let profile {
            let network = profile == "cnn" ? BenchModels.cnn(&random) : BenchModels.mlp(&random)
            let interpreter = try Interpreter(artifact: BenchModels.quantized(network, name: profile, &random))
            let inputs = BenchModels.inputs(size: interpreter.inputCount, count: 256, &random)
            let size = interpreter.inputCount
            var output = [Int8](repeating: 0, count: profileBatch * interpreter.outputCount)
            var next = 0
            try inputs.withUnsafeBufferPointer { batch in
                try output.withUnsafeMutableBufferPointer { out in
                    _ = try time {
                        let first = min(next, 256 - profileBatch)
                        let slice = UnsafeBufferPointer(
                            rebasing: batch[(first * size)..<((first + profileBatch) * size)]
                        )
                        try interpreter.run(slice, batch: profileBatch, into: out)
                        next = (next + 1) % 256
                    }
                }
            }
            return
        }
        var line = JSONLine()
        line.add("bench", "inference")
        var ours: [String: Double] = [:]
        for (name, network) in [("mlp", BenchModels.mlp(&random)), ("cnn", BenchModels.cnn(&random))] {
            let size = network.inputShape.reduce(1, *)
            let batch = BenchModels.inputs(size: size, count: 256, &random)
            let float = try FloatInterpreter(network: network)
            let artifact = try BenchModels.quantized(network, name: name, &random)
            let int8 = try Interpreter(artifact: artifact)
            let generic = try Interpreter(artifact: artifact, kernels: .generic)
            try checkKernelsAgree(artifact, batch, name: name)
            try batch.withUnsafeBufferPointer { inputs in
                let floatFigures = try figures(inputs, size: size, outputs: float.outputCount, Float.self) {
                    try float.run($0, batch: $1, into: $2)
                }
                let int8Figures = try figures(inputs, size: size, outputs: int8.outputCount, Int8.self) {
                    try int8.run($0, batch: $1, into: $2)
                }
                (ours["\(name)_float_b1_us"], ours["\(name)_float_b256_per_s"]) = floatFigures
                (ours["\(name)_int8_b1_us"], ours["\(name)_int8_b256_per_s"]) = int8Figures
                if int8.kernelChoice != .generic {
                    (ours["generic_\(name)_int8_b1_us"], ours["generic_\(name)_int8_b256_per_s"]) = try figures(
                        inputs,
                        size: size,
                        outputs: generic.outputCount,
                        Int8.self
                    ) { try generic.run($0, batch: $1, into: $2) }
                }
            }
        }
        let sparse = try sparseFigures(&random)
        let peer = noPeer ? [:] : try OnnxRuntimePeer(python: python, seconds: seconds).run()
        for model in ["mlp", "cnn"] {
            for kind in ["int8", "float"] {
                let b1 = "\(model)_\(kind)_b1_us"
                let b256 = "\(model)_\(kind)_b256_per_s"
                line.add(b1, ours[b1] ?? .nan, decimals: 3)
                line.add(b256, ours[b256] ?? .nan, decimals: 0)
                if let peerB1 = peer["ort_" + b1], let peerB256 = peer["ort_" + b256] {
                    line.add("ort_" + b1, peerB1, decimals: 3)
                    line.add("ort_" + b256, peerB256, decimals: 0)
                    line.add("\(model)_\(kind)_b1_speedup_vs_ort", peerB1 / (ours[b1] ?? .nan), decimals: 2)
                    line.add("\(model)_\(kind)_b256_speedup_vs_ort", (ours[b256] ?? .nan) / peerB256, decimals: 2)
                }
            }
        }
        line.add("kernels", Int8KernelChoice.preferred.rawValue)
        for model in ["mlp", "cnn"] {
            if let b1 = ours["generic_\(model)_int8_b1_us"], let b256 = ours["generic_\(model)_int8_b256_per_s"] {
                line.add("generic_\(model)_int8_b1_us", b1, decimals: 3)
                line.add("generic_\(model)_int8_b256_per_s", b256, decimals: 0)
            }
        }
        for (key, value) in sparse { line.add(key, value, decimals: 3) }
        if let version = peer["ort_version_major_minor"] { line.add("ort_version", version, decimals: 2) }
        print(line.text)
    }

    /// The MLP pruned (global magnitude) to 70, 90, 95, 98 and 99 % sparsity, batch 1 on the SIMD dense kernel and on the
    /// sparse kernel: where the sparse one starts to win sets `Interpreter.sparseDensityThreshold`.
    private func sparseFigures(_ random: inout SplitMix64) throws -> [(String, Double)] {
        let network = BenchModels.mlp(&random)
        let input = BenchModels.inputs(size: 64, count: 1, &random)
        var figures: [(String, Double)] = []
        var output = [Int8](repeating: 0, count: 8)
        for sparsity in [70, 90, 95, 98, 99] {
            let masks = MagnitudePruning.masks(for: network, sparsity: Double(sparsity) / 100, scope: .global)
            let pruned = MagnitudePruning.apply(masks, to: network)
            let artifact = try BenchModels.quantized(pruned, name: "mlp-sparse", &random)
            for (kernel, threshold) in [("dense", 0.0), ("sparse", 1.0)] {
                let interpreter = try Interpreter(artifact: artifact, sparseDensityThreshold: threshold)
                let microseconds = try input.withUnsafeBufferPointer { one in
                    try output.withUnsafeMutableBufferPointer { out in
                        try time { try interpreter.run(one, batch: 1, into: out) } * 1e6
                    }
                }
                figures.append(("mlp_int8_sparsity\(sparsity)_\(kernel)_kernel_b1_us", microseconds))
            }
        }
        return figures
    }

    /// Throws unless every kernel build this CPU runs gives the scalar reference's int8 outputs for all `inputs`.
    private func checkKernelsAgree(_ artifact: ModelArtifact, _ inputs: [Float], name: String) throws {
        let reference = try ScalarInt8Engine(artifact: artifact)
        let size = artifact.manifest.input.shape.reduce(1, *)
        let expected = try stride(from: 0, to: inputs.count, by: size).flatMap {
            try reference.run(Array(inputs[$0..<($0 + size)]))
        }
        for choice in Int8KernelChoice.allCases where choice.isSupported {
            let interpreter = try Interpreter(artifact: artifact, kernels: choice)
            var outputs = [Int8](repeating: 0, count: expected.count)
            try inputs.withUnsafeBufferPointer { batch in
                try outputs.withUnsafeMutableBufferPointer {
                    try interpreter.run(batch, batch: inputs.count / size, into: $0)
                }
            }
            guard outputs == expected else {
                throw BenchmarkError(
                    code: .resultsDiffer,
                    measurement: "\(name)_int8",
                    message: "the \(choice.rawValue) kernels differ from the scalar reference"
                )
            }
        }
    }

    /// µs per inference at batch 1 (cycling through the 256 inputs) and inferences/s at batch 256 of `run`, which
    /// runs a batch of the given size into an output buffer of `Output`.
    private func figures<Output: Numeric>(
        _ inputs: UnsafeBufferPointer<Float>,
        size: Int,
        outputs: Int,
        _: Output.Type,
        _ run: (UnsafeBufferPointer<Float>, Int, UnsafeMutableBufferPointer<Output>) throws -> Void
    ) throws -> (Double, Double) {
        var buffer = [Output](repeating: 0, count: 256 * outputs)
        return try buffer.withUnsafeMutableBufferPointer { out in
            let first = UnsafeMutableBufferPointer(rebasing: out[..<outputs])
            var next = 0
            let single = try time {
                try run(input(next, of: inputs, size: size), 1, first)
                next = (next + 1) % 256
            }
            return (single * 1e6, try 256 / time { try run(inputs, 256, out) })
        }
    }

    /// Input `index` of a batch: batch-1 figures cycle through 256 different inputs, so that data-dependent branches
    /// are not learned from one repeated input.
    private func input(_ index: Int, of batch: UnsafeBufferPointer<Float>, size: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(rebasing: batch[(index * size)..<((index + 1) * size)])
    }

    /// CPU seconds of this thread per call of `body`: best mean over 5 rounds of `seconds / 5` each, after a warm-up.
    /// Thread CPU time, not wall time, so that other processes on a shared machine do not count; the ONNX Runtime
    /// peer measures the same way.
    private func time(_ body: () throws -> Void) throws -> Double {
        for _ in 0..<100 { try body() }
        var best = Double.infinity
        for _ in 0..<5 {
            var runs = 0
            let start = threadCPUSeconds()
            var elapsed = 0.0
            while elapsed < seconds / 5 {
                for _ in 0..<16 { try body() }
                runs += 16
                elapsed = threadCPUSeconds() - start
            }
            best = min(best, elapsed / Double(runs))
        }
        return best
    }

    /// CPU time this thread has used, in seconds.
    private func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
