import Foundation
import HubCore
import ModelTraining
import SensorDataset
import TestSupport
import WireProtocol

/// Labelled vibration windows whose class is the frequency of a sine on every axis (plus noise): 256 samples at
/// 1000 Hz, axes x, y, z, like a `firmware-sim export`.
enum SyntheticWindows {
    static let labels = ["fast", "medium", "slow"]
    static let frequencies: [Float] = [180, 90, 30]

    static func make(perClass: Int, seed: UInt64, noise: Float = 0.3) throws -> [LabelledWindow] {
        var random = SplitMix64(seed: seed)
        var windows: [LabelledWindow] = []
        for index in 0..<perClass {
            for (label, frequency) in zip(labels, frequencies) {
                var axes: [SensorFrame.Axis] = []
                for name in ["x", "y", "z"] {
                    var samples: [Float] = []
                    for sample in 0..<256 {
                        let phase = 2 * Float.pi * frequency * Float(sample) / 1000
                        samples.append(sin(phase) + noise * NetworkInitializer.gaussian(using: &random))
                    }
                    axes.append(SensorFrame.Axis(name: name, samples: samples))
                }
                windows.append(
                    try LabelledWindow(
                        device: DeviceID("dev-\(index % 4)"),
                        sensor: "vibration",
                        label: label,
                        frame: SensorFrame(ts: 1_700_000_000_000 + Int64(index) * 256, hz: 1000, axes: axes)
                    )
                )
            }
        }
        return windows
    }
}

extension TrainingConfig {
    /// A small, fast config for the synthetic windows: one hidden layer of 16, 30 epochs, patience 10.
    static func quick(seed: UInt64) -> TrainingConfig {
        var config = TrainingConfig()
        config.hidden = [16]
        config.epochs = 30
        config.batchSize = 16
        config.learningRate = 0.01
        config.patience = 10
        config.seed = seed
        config.calibrationSamples = 64
        return config
    }
}
