/// A second-order IIR section with the coefficients of the RBJ audio-EQ cookbook, run in Direct Form II transposed
/// with Double state, so a stream filtered block by block gives the same samples as one filtered at once.
///
/// Coefficients, with `w0 = 2π·cutoff/fs`, `α = sin(w0)/(2Q)`, normalised by `a0 = 1 + α`:
/// low-pass `b = [(1 − cos w0)/2, 1 − cos w0, (1 − cos w0)/2]`, high-pass `b = [(1 + cos w0)/2, −(1 + cos w0),
/// (1 + cos w0)/2]`, both with `a = [1, −2 cos w0 / a0, (1 − α)/a0]`. With `Q = 1/√2` these equal scipy's
/// `butter(2, cutoff, btype, fs=fs)`; the output equals `scipy.signal.lfilter(b, a, x)`.
public struct BiquadFilter: Sendable {
    /// Feed-forward coefficients `b0, b1, b2`, normalised.
    public let b: (Double, Double, Double)
    /// Feedback coefficients `a1, a2` (`a0` is 1 after normalisation).
    public let a: (Double, Double)
    private var z1 = 0.0
    private var z2 = 0.0

    /// The filter `spec` at `sampleRateHz`, at rest. The spec is assumed valid (see
    /// `FeaturePipelineConfig.validate()`).
    public init(_ spec: BiquadFilterSpec, sampleRateHz: Double) {
        let w0 = 2 * Double.pi * spec.cutoffHz / sampleRateHz
        let cosine = Math.cosine(w0)
        let alpha = Math.sine(w0) / (2 * spec.q)
        let a0 = 1 + alpha
        switch spec.kind {
        case .lowPass:
            let edge = (1 - cosine) / 2 / a0
            b = (edge, 2 * edge, edge)
        case .highPass:
            let edge = (1 + cosine) / 2 / a0
            b = (edge, -2 * edge, edge)
        }
        a = (-2 * cosine / a0, (1 - alpha) / a0)
    }

    /// Filters `samples` in place, continuing from the state the previous call left.
    public mutating func process(_ samples: UnsafeMutableBufferPointer<Float>) {
        var (s1, s2) = (z1, z2)
        let (b0, b1, b2) = b
        let (a1, a2) = a
        for index in samples.indices {
            let x = Double(samples[index])
            let y = b0 * x + s1
            s1 = s2 + b1 * x - a1 * y
            s2 = b2 * x - a2 * y
            samples[index] = Float(y)
        }
        (z1, z2) = (s1, s2)
    }

    /// Forgets the past: the next sample is filtered as if it were the first.
    public mutating func reset() {
        (z1, z2) = (0, 0)
    }
}
