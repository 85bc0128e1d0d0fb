#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard normal draws from an injected generator (Box–Muller), so that DP noise is reproducible under a seed.
struct GaussianNoise<Generator: RandomNumberGenerator & Sendable>: Sendable {
    private var generator: Generator
    private var spare: Double?

    init(generator: Generator) {
        self.generator = generator
    }

    /// One draw from N(0, 1).
    mutating func next() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        // u1 in (0, 1] keeps the logarithm finite.
        let u1 = 1 - Double.random(in: 0..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        let radius = (-2 * log(u1)).squareRoot()
        spare = radius * sin(2 * Double.pi * u2)
        return radius * cos(2 * Double.pi * u2)
    }
}
