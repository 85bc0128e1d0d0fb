#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library's functions the statistics need, in one place so that no other file imports the platform.
enum DriftMath {
    /// Natural logarithm.
    static func ln(_ x: Double) -> Double { log(x) }
    /// `e` to the power `x`.
    static func exponential(_ x: Double) -> Double { exp(x) }
    /// `x` to the power `y`.
    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
    /// Natural logarithm of |Γ(x)|.
    static func logGamma(_ x: Double) -> Double { lgamma(x) }
    /// `x · 2^exponent`.
    static func scale(_ x: Double, _ exponent: Int) -> Double { scalbn(x, Int32(clamping: exponent)) }
}
