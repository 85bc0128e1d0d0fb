import Foundation

/// A naive DFT, independent of the model's phasor arithmetic: the amplitude of each frequency bin.
struct Spectrum {
    /// Amplitude of bins `firstBin...` (a pure sine of amplitude a on a bin shows as a).
    let amplitudes: [Double]
    /// Index of the first bin held.
    let firstBin: Int
    /// Width of one bin, Hz.
    let binWidth: Double

    /// The spectrum of `samples` from DC to Nyquist, or over `band` (Hz) only, which is far cheaper for long
    /// signals.
    init(_ samples: [Float], sampleRate: Double, band: ClosedRange<Double>? = nil) {
        let count = samples.count
        let width = sampleRate / Double(count)
        binWidth = width
        let bins =
            band.map { Int(($0.lowerBound / width).rounded())...Int(($0.upperBound / width).rounded()) }
            ?? 0...(count / 2)
        firstBin = bins.lowerBound
        amplitudes = bins.map { bin in
            // e^(−2πi·bin·n/N) by rotating a unit phasor: one complex multiplication per sample instead of cos and sin.
            let step = 2 * Double.pi * Double(bin) / Double(count)
            let (stepCos, stepSin) = (cos(step), sin(step))
            var (phaseCos, phaseSin) = (1.0, 0.0)
            var real = 0.0
            var imaginary = 0.0
            for sample in samples {
                real += Double(sample) * phaseCos
                imaginary -= Double(sample) * phaseSin
                (phaseCos, phaseSin) = (
                    phaseCos * stepCos - phaseSin * stepSin, phaseSin * stepCos + phaseCos * stepSin
                )
            }
            return 2 * (real * real + imaginary * imaginary).squareRoot() / Double(count)
        }
    }

    /// The envelope spectrum of `samples`: the first difference (a high-pass that keeps the resonance and
    /// suppresses the shaft harmonics), rectified, mean removed, then the DFT over `band`.
    static func envelope(_ samples: [Float], sampleRate: Double, band: ClosedRange<Double>) -> Spectrum {
        let energy = zip(samples.dropFirst(), samples).map { abs(Double($0 - $1)) }
        let mean = energy.reduce(0, +) / Double(energy.count)
        return Spectrum(energy.map { Float($0 - mean) }, sampleRate: sampleRate, band: band)
    }

    /// Frequency of the largest bin (above DC when the spectrum starts at DC), Hz.
    var peakFrequency: Double {
        let bins = firstBin == 0 ? amplitudes.indices.dropFirst() : amplitudes.indices.dropFirst(0)
        let peak = bins.max { amplitudes[$0] < amplitudes[$1] } ?? 0
        return Double(peak + firstBin) * binWidth
    }

    /// The largest amplitude within one bin of `frequency`.
    func amplitude(near frequency: Double) -> Double {
        let center = Int((frequency / binWidth).rounded()) - firstBin
        return (max(0, center - 1)...min(amplitudes.count - 1, center + 1)).map { amplitudes[$0] }.max() ?? 0
    }

    /// The median amplitude: the noise floor.
    var median: Double { amplitudes.sorted()[amplitudes.count / 2] }
}
