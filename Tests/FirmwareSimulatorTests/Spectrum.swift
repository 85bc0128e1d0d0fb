import Foundation

/// A naive DFT, independent of the model's phasor arithmetic: the amplitude of each frequency bin.
struct Spectrum {
    /// Amplitude of bins 0...N/2 (a pure sine of amplitude a on a bin shows as a).
    let amplitudes: [Double]
    /// Width of one bin, Hz.
    let binWidth: Double

    init(_ samples: [Float], sampleRate: Double) {
        let count = samples.count
        binWidth = sampleRate / Double(count)
        amplitudes = (0...(count / 2)).map { bin in
            var real = 0.0
            var imaginary = 0.0
            for (index, sample) in samples.enumerated() {
                let angle = 2 * Double.pi * Double(bin * index % count) / Double(count)
                real += Double(sample) * cos(angle)
                imaginary -= Double(sample) * sin(angle)
            }
            return 2 * (real * real + imaginary * imaginary).squareRoot() / Double(count)
        }
    }

    /// Frequency of the largest bin above DC, Hz.
    var peakFrequency: Double {
        let bins = amplitudes.indices.dropFirst()
        let peak = bins.max { amplitudes[$0] < amplitudes[$1] } ?? 0
        return Double(peak) * binWidth
    }

    /// The largest amplitude within one bin of `frequency`.
    func amplitude(near frequency: Double) -> Double {
        let center = Int((frequency / binWidth).rounded())
        return (max(1, center - 1)...min(amplitudes.count - 1, center + 1)).map { amplitudes[$0] }.max() ?? 0
    }
}
