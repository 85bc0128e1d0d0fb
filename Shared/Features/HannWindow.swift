/// The periodic Hann window, `w[n] = 0.5 − 0.5·cos(2πn/N)` for `n` in `0..<N`: scipy's
/// `scipy.signal.get_window("hann", N)` (its default, `fftbins=True`), the window of spectral analysis. numpy's
/// `np.hanning(N)` is the symmetric variant (`N − 1` in the denominator) and is not used.
public enum HannWindow {
    /// The `length` window coefficients.
    public static func coefficients(length: Int) -> [Double] {
        (0..<length).map { 0.5 - 0.5 * Math.cosine(2 * Double.pi * Double($0) / Double(length)) }
    }
}
