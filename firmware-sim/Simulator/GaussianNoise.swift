#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard normal samples by the Box-Muller transform over a ``Xoshiro256``; each pair of uniforms gives two
/// samples, the second kept for the next call.
public struct GaussianNoise: Sendable {
    private var generator: Xoshiro256
    private var spare: Double?

    /// Noise whose sequence depends only on `seed`.
    public init(seed: UInt64) {
        generator = Xoshiro256(seed: seed)
    }

    /// The next sample of N(0, 1).
    public mutating func next() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let radius = (-2 * log(1 - generator.unitInterval())).squareRoot()
        let angle = 2 * Double.pi * generator.unitInterval()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}
