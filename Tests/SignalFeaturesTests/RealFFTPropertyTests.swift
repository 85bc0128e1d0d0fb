import Foundation
import SignalFeatures
import TestSupport
import Testing

@Suite("Real FFT properties")
struct RealFFTPropertyTests {
    static let lengths = (1...12).map { 1 << $0 }

    /// Random samples in [-1, 1) scaled by `amplitude`, reproducible from `seed`.
    private func randomSamples(_ count: Int, seed: UInt64, amplitude: Double = 1) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in amplitude * Double.random(in: -1..<1, using: &generator) }
    }

    private func transform(_ input: [Double]) throws -> (real: [Double], imaginary: [Double]) {
        let plan = try RealFFT(length: input.count)
        var real = [Double](repeating: .nan, count: plan.binCount)
        var imaginary = [Double](repeating: .nan, count: plan.binCount)
        try input.withUnsafeBufferPointer { input in
            try real.withUnsafeMutableBufferPointer { real in
                try imaginary.withUnsafeMutableBufferPointer { imaginary in
                    try plan.forward(input, real: real, imaginary: imaginary)
                }
            }
        }
        return (real, imaginary)
    }

    @Test(arguments: lengths)
    func matchesNaiveDFT(length: Int) throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let input = randomSamples(length, seed: seed * 1000 + UInt64(length))
            let (real, imaginary) = try transform(input)
            let scale = input.reduce(0) { $0 + abs($1) }
            var worst = 0.0
            for k in 0...(length / 2) {
                var sumReal = 0.0
                var sumImaginary = 0.0
                for (n, x) in input.enumerated() {
                    // Reduce k·n modulo N first so the angle stays exact for long transforms.
                    let angle = -2 * Double.pi * Double((k * n) % length) / Double(length)
                    sumReal += x * cos(angle)
                    sumImaginary += x * sin(angle)
                }
                worst = max(worst, abs(real[k] - sumReal), abs(imaginary[k] - sumImaginary))
            }
            #expect(worst <= 1e-12 * scale, "length \(length) seed \(seed): error \(worst), scale \(scale)")
        }
    }

    @Test(arguments: lengths)
    func parsevalHolds(length: Int) throws {
        let input = randomSamples(length, seed: 77 + UInt64(length), amplitude: 3.5)
        let (real, imaginary) = try transform(input)
        let timeEnergy = input.reduce(0) { $0 + $1 * $1 }
        var frequencyEnergy = 0.0
        for k in 0...(length / 2) {
            let weight = k == 0 || k == length / 2 ? 1.0 : 2.0
            frequencyEnergy += weight * (real[k] * real[k] + imaginary[k] * imaginary[k])
        }
        frequencyEnergy /= Double(length)
        #expect(isClose(frequencyEnergy, timeEnergy, relative: 1e-12, absolute: 0))
    }

    @Test func pureToneLandsInItsBin() throws {
        let length = 256
        let bin = 19
        let input = (0..<length).map { cos(2 * Double.pi * Double(bin * $0) / Double(length)) }
        let (real, imaginary) = try transform(input)
        for k in 0...(length / 2) {
            let magnitude = (real[k] * real[k] + imaginary[k] * imaginary[k]).squareRoot()
            #expect(abs(magnitude - (k == bin ? Double(length) / 2 : 0)) < 1e-9, "bin \(k): \(magnitude)")
        }
    }

    @Test(arguments: [0, 1, 3, 6, 100, 131_072, -4])
    func refusesLengthsThatAreNotPowersOfTwoInRange(length: Int) {
        let error = #expect(throws: FeatureError.self) { try RealFFT(length: length) }
        #expect(error?.code == .wrongLength)
    }

    @Test func refusesBuffersOfTheWrongLength() throws {
        let plan = try RealFFT(length: 8)
        let input = [Double](repeating: 0, count: 7)
        var real = [Double](repeating: 0, count: 5)
        var imaginary = [Double](repeating: 0, count: 5)
        let error = input.withUnsafeBufferPointer { input in
            real.withUnsafeMutableBufferPointer { real in
                imaginary.withUnsafeMutableBufferPointer { imaginary in
                    #expect(throws: FeatureError.self) { try plan.forward(input, real: real, imaginary: imaginary) }
                }
            }
        }
        #expect(error?.code == .wrongLength)
    }
}
