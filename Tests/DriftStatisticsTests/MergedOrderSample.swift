import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sample shape that stresses one path of the bucketed KS statistic, rebuilt from a seed.
struct MergedOrderSample: Sendable, CustomStringConvertible {
    enum Shape: String, Sendable, CaseIterable {
        /// Uniform in [0, 1) plus `shift`: most buckets hold both samples, few are candidates.
        case continuous
        /// Multiples of 1/8 in [0, 4): heavy ties inside and across samples.
        case tied
        /// `±u^24`: most values crowd a few buckets around 0.
        case skewed
        /// One value repeated: a single bucket.
        case constant
        /// −0.0 and +0.0 only, which are one value.
        case signedZeros
        /// Subnormal values, and one huge value that leaves them all in bucket 0.
        case subnormal
        /// ±∞, ±1 and 0: an infinite range, so one bucket sorted by keys.
        case infinite
        /// 99 % uniform in [0, 1), 1 % at 10⁶: almost everything in one bucket.
        case outlier
        /// `2^(−1000 u)`: every grid leaves most values in its first bucket, down to the deepest grid.
        case logUniform
    }

    var shape: Shape
    var count: Int
    var seed: UInt64
    var shift = 0.0

    var values: [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let bits = generator.next()
            let uniform = Double(bits >> 11) * 0x1p-53
            let sign = bits & 1 == 0 ? -1.0 : 1.0
            switch shape {
            case .continuous: return uniform + shift
            case .tied: return (uniform * 32).rounded(.down) / 8 + shift
            case .skewed: return sign * pow(uniform, 24) + shift
            case .constant: return 7.5
            case .signedZeros: return sign * 0
            case .subnormal: return bits % 1_000 == 0 ? 1e300 : uniform * 0x1p-1040 + shift * 0x1p-1050
            case .infinite: return [Double.infinity, -.infinity, 1, -1, 0][Int(bits % 5)]
            case .outlier: return bits % 100 == 0 ? 1e6 : uniform + shift
            case .logUniform: return pow(2, -1000 * uniform) * (1 + shift)
            }
        }
    }

    var description: String { "\(shape) × \(count) seed \(seed)" }
}
