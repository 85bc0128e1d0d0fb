import ArgumentParser
import Foundation
import SignalFeatures
import TestSupport

/// `bench features`: feature vectors per second for the edge's default pipeline (3 axes × 256 samples, every time
/// and spectral feature), one thread, beside numpy per window and batched (`scripts/bench/features_numpy.py`,
/// spawned in the same run).
///
/// Each figure is the best of ``slices`` equal slices of ``seconds`` (numpy's too), so that other processes on a
/// shared machine depress it less; `windows_per_cpu_s` divides all windows by the thread's CPU time instead.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Feature extraction throughput (3 axes × 256 samples, full feature set) beside numpy."
    )

    @Option(help: "Seconds each measurement runs.")
    var seconds = 2.0

    @Option(help: "Slices per measurement; the best slice's rate is reported.")
    var slices = 5

    @Option(help: "The numpy peer script, relative to the working directory.")
    var numpyScript = "scripts/bench/features_numpy.py"

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard (1...100).contains(slices) else { throw ValidationError("--slices must be in 1...100") }
    }

    func run() throws {
        let config = FeaturePipelineConfig.vibrationDefault
        let extractor = try FeatureExtractor(config: config)
        let windows = randomWindows(count: 64, samples: config.axes.count * config.windowLength)
        let extracted = try measureExtractor(extractor, windows)
        let streamed = try measureStream(config, windows)
        let numpy = try numpyFigures()

        var line = JSONLine()
        line.add("bench", "features")
        line.add("axes", config.axes.count)
        line.add("window_samples", config.windowLength)
        line.add("features", config.featureCount)
        line.add("windows_per_s", extracted.rate.best, decimals: 0)
        line.add("us_per_window", 1e6 / extracted.rate.best, decimals: 3)
        line.add("windows_per_cpu_s", extracted.rate.perCPUSecond, decimals: 0)
        line.add("stream_windows_per_s", streamed.best, decimals: 0)
        line.add("numpy_windows_per_s", numpy.perWindow, decimals: 0)
        line.add("numpy_batched_windows_per_s", numpy.batched, decimals: 0)
        line.add("ratio_vs_numpy", extracted.rate.best / numpy.perWindow, decimals: 2)
        line.add("ratio_vs_numpy_batched", extracted.rate.best / numpy.batched, decimals: 2)
        line.add("checksum", Double(extracted.checksum), decimals: 3)
        print(line.text)
    }

    /// `count` windows of standard-normal-ish samples (sum of uniforms), fixed seed.
    private func randomWindows(count: Int, samples: Int) -> [[Float]] {
        var generator = SplitMix64(seed: 7)
        return (0..<count).map { _ in
            (0..<samples).map { _ in
                Float((0..<4).reduce(0.0) { sum, _ in sum + Double.random(in: -1...1, using: &generator) })
            }
        }
    }

    /// Windows per second through `FeatureExtractor.extract`, and a checksum of the outputs so none is optimised
    /// away.
    private func measureExtractor(
        _ extractor: FeatureExtractor,
        _ windows: [[Float]]
    ) throws(FeatureError) -> (rate: Rate, checksum: Float) {
        let output = UnsafeMutableBufferPointer<Float>.allocate(capacity: extractor.featureCount)
        defer { output.deallocate() }
        var checksum: Float = 0
        let rate = try timed { (round) throws(FeatureError) in
            for window in windows {
                try window.withUnsafeBufferPointer { (window) throws(FeatureError) in
                    try extractor.extract(window: window, into: output)
                }
                checksum += output[round % output.count]
            }
            return windows.count
        }
        return (rate, checksum)
    }

    /// Windows per second through `FeatureStream` (filter-free windowing copy plus extraction), blocks of `hop`.
    private func measureStream(_ config: FeaturePipelineConfig, _ windows: [[Float]]) throws(FeatureError) -> Rate {
        let stream = try FeatureStream(config: config)
        // Blocks of one hop: each block completes exactly one window once the stream is primed.
        let blocks = windows.map { window in
            (0..<config.axes.count).flatMap { axis in
                window[(axis * config.windowLength)..<(axis * config.windowLength + config.hop)]
            }
        }
        return try timed { (_) throws(FeatureError) in
            var produced = 0
            for block in blocks {
                try block.withUnsafeBufferPointer { (block) throws(FeatureError) in
                    try stream.append(block, axisCount: config.axes.count, sampleRateHz: config.sampleRateHz) { _, _ in
                        produced += 1
                    }
                }
            }
            return produced
        }
    }

    /// Windows per second: the best slice's wall-clock rate, and all windows over the thread's CPU time.
    struct Rate {
        var best: Double
        var perCPUSecond: Double
    }

    /// Runs `round` (which returns the windows it did) for ``slices`` slices of ``seconds``/``slices`` each, after
    /// one warm-up round.
    private func timed(_ round: (Int) throws(FeatureError) -> Int) throws(FeatureError) -> Rate {
        _ = try round(0)
        let clock = ContinuousClock()
        let slice = Duration.seconds(seconds / Double(slices))
        let cpuStart = threadCPUSeconds()
        var best = 0.0
        var windows = 0
        var rounds = 0
        for _ in 0..<slices {
            let start = clock.now
            var sliceWindows = 0
            var elapsed = Duration.zero
            repeat {
                sliceWindows += try round(rounds)
                rounds += 1
                elapsed = clock.now - start
            } while elapsed < slice
            windows += sliceWindows
            best = max(best, Double(sliceWindows) / inSeconds(elapsed))
        }
        return Rate(best: best, perCPUSecond: Double(windows) / (threadCPUSeconds() - cpuStart))
    }

    private func inSeconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// CPU time of the calling thread, seconds.
    private func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Runs the numpy peer and reads its JSON line.
    private func numpyFigures() throws -> (perWindow: Double, batched: Double) {
        let directory = try TemporaryDirectory(prefix: "bench-features")
        defer { directory.remove() }
        let output = directory.file("numpy.json")
        let errors = directory.file("numpy.err")
        let child = try ChildProcess(
            ["python3", numpyScript, String(seconds), String(slices)],
            output: output,
            errors: errors
        )
        let exit = child.wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard exit.status == 0,
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let perWindow = (object["numpy_windows_per_s"] as? NSNumber)?.doubleValue,
            let batched = (object["numpy_batched_windows_per_s"] as? NSNumber)?.doubleValue
        else {
            let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw BenchmarkError(
                code: .toolFailed,
                measurement: "numpy_features",
                message: "\(child.commandLine) exited with \(exit.status): \(text)\(stderr)"
            )
        }
        return (perWindow, batched)
    }
}
