#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library's functions the features need, in one place so that no other file imports the platform.
enum Math {
    /// Cosine of `x` radians.
    static func cosine(_ x: Double) -> Double { cos(x) }
    /// Sine of `x` radians.
    static func sine(_ x: Double) -> Double { sin(x) }
    /// `x` to the power `y`.
    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
}
