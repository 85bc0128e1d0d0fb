import ArgumentParser
import DriftStatistics
import Foundation
import TestSupport

/// `bench drift`: the two-sample KS test on 1 M vs 1 M float64 values (`ks_1M_ms`, on one thread, from the unsorted
/// samples to the p-value) beside `scipy.stats.ks_2samp` on samples of the same size and shape in the same run
/// (`scripts/bench/drift_scipy.py`); the same test on skewed samples whose 1 % outliers (values × 10⁶) crowd the rest
/// into one bucket of the statistic's grid (`ks_1M_outliers_ms`, no peer); and a fleet evaluation from sketches (`fleet_10k_devices_s`): 10 k devices × 32
/// features, each device's summaries compared with the reference by every statistic of ``DriftEvaluator`` (PSI,
/// binned KS with p-value, Jensen–Shannon, Wasserstein) and the dataset verdict, on one thread. The summaries are
/// built before the clock starts (they arrive from the devices); the time is the evaluation only.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "KS on 1 M vs 1 M beside scipy; drift evaluation of 10 k devices × 32 features from sketches."
    )

    @Option(help: "Values per KS sample.")
    var samples = 1_000_000

    @Option(help: "Devices of the fleet evaluation.")
    var devices = 10_000

    @Option(help: "Features per device.")
    var features = 32

    @Option(help: "Feature values summarised per device and feature (at least drift.min_count, 500, to be flagged).")
    var valuesPerDevice = 600

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 5

    func validate() throws {
        guard samples > 0, devices > 0, features > 0, valuesPerDevice > 0 else {
            throw ValidationError("sizes must be ≥ 1")
        }
        guard (1...50).contains(repeats) else { throw ValidationError("--repeats must be in 1...50") }
    }

    func run() throws {
        var generator = SplitMix64(seed: 9)
        let x = (0..<samples).map { _ in Self.normal(&generator) }
        let y = (0..<samples).map { _ in Self.normal(&generator) + 0.01 }
        var ks: KolmogorovSmirnov.Result?
        let ksCPUBefore = CPUUsage.now().process
        let ksSeconds = try best {
            ks = try KolmogorovSmirnov.twoSample(x, y)
        }
        let ksCPU = CPUUsage.now().process - ksCPUBefore
        let (xOutliers, yOutliers) = (Self.withOutliers(x), Self.withOutliers(y))
        let outliersSeconds = try best {
            _ = try KolmogorovSmirnov.twoSample(xOutliers, yOutliers)
        }
        let (references, fleet) = try makeFleet(&generator)
        var flagged = 0
        let cpuBefore = CPUUsage.now().process
        let fleetSeconds = try best {
            flagged = 0
            for summaries in fleet {
                let verdict = try DriftEvaluator.dataset(
                    references: references,
                    current: summaries,
                    thresholds: DriftThresholds()
                )
                if verdict.drifted { flagged += 1 }
            }
        }
        let fleetCPU = CPUUsage.now().process - cpuBefore
        let peer = try PythonPeer(script: "scripts/bench/drift_scipy.py", arguments: ["\(samples)", "\(repeats)"])
            .run()
        let scipy = peer["scipy_ks_ms"] ?? .nan
        let label = FedAvgCommand.count(samples)
        var line = JSONLine()
        line.add("bench", "drift")
        line.add("ks_\(label)_ms", ksSeconds * 1e3, decimals: 2)
        line.add(
            "ks_\(label)_cpu_ms_per_run",
            (Double(ksCPU.components.seconds) + Double(ksCPU.components.attoseconds) * 1e-18) * 1e3 / Double(repeats),
            decimals: 2
        )
        line.add("ks_threads", 1)
        line.add("ks_\(label)_outliers_ms", outliersSeconds * 1e3, decimals: 2)
        line.add("scipy_ks_\(label)_ms", scipy, decimals: 2)
        line.add("speedup_vs_scipy", scipy / (ksSeconds * 1e3), decimals: 2)
        line.add("ks_statistic", ks?.statistic ?? .nan, decimals: 6)
        line.add("ks_pvalue", ks?.pValue ?? .nan, decimals: 6)
        line.add("scipy_ks_pvalue", peer["scipy_ks_pvalue"] ?? .nan, decimals: 6)
        line.add("scipy_ks_statistic", peer["scipy_ks_statistic"] ?? .nan, decimals: 6)
        line.add("fleet_\(FedAvgCommand.count(devices))_devices_s", fleetSeconds, decimals: 4)
        line.add(
            "fleet_\(FedAvgCommand.count(devices))_devices_cpu_s_per_run",
            (Double(fleetCPU.components.seconds) + Double(fleetCPU.components.attoseconds) * 1e-18) / Double(repeats),
            decimals: 4
        )
        line.add("fleet_features", features)
        line.add("fleet_devices_flagged", flagged)
        print(line.text)
    }

    /// Best wall-clock seconds of `repeats` runs.
    private func best(_ body: () throws -> Void) throws -> Double {
        var fastest = Double.infinity
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return fastest
    }

    /// A reference of 20 equal bins over ±4 per feature (from 100 k normal values) and per device one summary per
    /// feature; every tenth device's values are shifted by 0.5.
    private func makeFleet(
        _ generator: inout SplitMix64
    ) throws -> (references: [ReferenceHistogram], fleet: [[DistributionSummary]]) {
        let edges = (0...20).map { -4 + Double($0) * 0.4 }
        var training = try DistributionSummary(binEdges: edges)
        for _ in 0..<100_000 { training.add(Self.normal(&generator)) }
        var counts = Array(training.binCounts)
        counts[0] += training.counts[0]
        counts[counts.count - 1] += training.counts[training.counts.count - 1]
        let references = try (0..<features).map { index in
            try ReferenceHistogram(
                name: "f\(index)",
                binEdges: edges,
                counts: counts,
                standardDeviation: training.variance.squareRoot()
            )
        }
        let empty = try DistributionSummary(binEdges: edges)
        let fleet = (0..<devices).map { device in
            (0..<features).map { _ in
                var summary = empty
                let shift = device % 10 == 0 ? 0.5 : 0
                for _ in 0..<valuesPerDevice { summary.add(Self.normal(&generator) + shift) }
                return summary
            }
        }
        return (references, fleet)
    }

    /// `values` with every hundredth one multiplied by 10⁶.
    private static func withOutliers(_ values: [Double]) -> [Double] {
        values.enumerated().map { index, value in index % 100 == 0 ? value * 1e6 : value }
    }

    /// A standard normal value (Box–Muller).
    private static func normal(_ generator: inout SplitMix64) -> Double {
        let u = (Double(generator.next() >> 11) + 0.5) * 0x1p-53
        let v = Double(generator.next() >> 11) * 0x1p-53
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
