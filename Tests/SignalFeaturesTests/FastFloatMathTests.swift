import Foundation
import Testing

@testable import SignalFeatures

@Suite("Branch-free Float log2 and square root")
struct FastFloatMathTests {
    /// Values from 1e-37 to 1e38 on a log grid, with the mantissa walking through [1, 2).
    static let sweep: [Float] = (0..<20_000).map { index in
        Float(pow(10, -37 + 75 * Double(index) / 20_000)) * (1 + Float(index % 97) / 97)
    }

    @Test func log2IsWithinHalfAFloatUlpPlus2e7OfLibm() {
        var worst = 0.0
        for start in stride(from: 0, to: Self.sweep.count - 3, by: 4) {
            let x = SIMD4(Self.sweep[start..<(start + 4)])
            let fast = FastFloatMath.log2(x)
            for lane in 0..<4 { worst = max(worst, abs(Double(fast[lane]) - log2(Double(x[lane])))) }
        }
        // Half a Float ulp of results near ±126 is 3.8e-6.
        #expect(worst < 5e-6, "worst \(worst)")
        // Entropy terms p·log2 p are what need the accuracy: p in (0, 1], where |log2 p| ≤ 126.
        for p in [Float(1), 0.5, 0.25, 0.123, 1e-3, 1e-9] {
            let fast = FastFloatMath.log2(SIMD4(repeating: p))[0]
            #expect(abs(Double(fast) - log2(Double(p))) < 1e-6, "\(p)")
        }
    }

    @Test func log2OfZeroIsFiniteSoZeroTermsVanish() {
        let zero = FastFloatMath.log2(SIMD4<Float>(repeating: 0))
        #expect(zero[0].isFinite)
        #expect(0 * zero[0] == 0)
    }

    @Test func squareRootIsWithin3e7RelativeOfLibm() {
        var worst = 0.0
        for start in stride(from: 0, to: Self.sweep.count - 3, by: 4) {
            let x = SIMD4(Self.sweep[start..<(start + 4)])
            let fast = FastFloatMath.squareRoot(x)
            for lane in 0..<4 {
                let exact = Double(x[lane]).squareRoot()
                worst = max(worst, abs(Double(fast[lane]) - exact) / exact)
            }
        }
        #expect(worst < 3e-7, "worst \(worst)")
        #expect(FastFloatMath.squareRoot(SIMD4<Float>(repeating: 0)) == .zero)
    }
}
