import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sample rebuilt bit for bit as `scripts/reference/drift_golden.py` builds it: SplitMix64 uniforms `u` (top 53
/// bits), `offset + scale · u^power`, floored to multiples of `1/grid` when `grid > 0` (to make ties).
struct SampleSpec: Sendable, CustomStringConvertible {
    var seed: UInt64
    var count: Int
    var offset: Double
    var scale: Double
    var power: Double
    var grid: Int

    var values: [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let uniform = Double(generator.next() >> 11) * 0x1p-53
            let value = offset + scale * pow(uniform, power)
            return grid > 0 ? (value * Double(grid)).rounded(.down) / Double(grid) : value
        }
    }

    var description: String { "seed \(seed) × \(count)" }
}
