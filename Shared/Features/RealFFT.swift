/// A plan for the discrete Fourier transform of real input of one power-of-two length `N`:
/// `X[k] = Σₙ x[n]·e^(−2πikn/N)` for `k` in `0...N/2` (numpy's `rfft`, unscaled).
///
/// The `N` real samples are packed as `N/2` complex ones (even samples real, odd imaginary), transformed by an
/// iterative radix-2 decimation-in-time FFT, and split into the real spectrum. Bit-reversal order and every twiddle
/// factor are computed once, in Double, by `init`; ``forward(_:real:imaginary:)`` allocates nothing.
///
/// A plan holds scratch memory, so one plan serves one thread at a time (it is not `Sendable`).
public final class RealFFT {
    /// Samples per transform, a power of two ≥ 2.
    public let length: Int
    /// Bins produced, `length / 2 + 1`.
    public var binCount: Int { half + 1 }

    /// `length / 2`: the size of the complex FFT.
    private let half: Int
    /// Where packed sample pair `n` lands in bit-reversed order.
    private let bitReversed: UnsafeMutableBufferPointer<Int>
    /// Twiddles of every stage, stage of span `2h` at offset `h − 1`: `e^(−2πij/2h)` for `j < h`.
    private let stageCos: UnsafeMutableBufferPointer<Double>
    private let stageSin: UnsafeMutableBufferPointer<Double>
    /// `cos(2πk/N)` and `sin(2πk/N)` for `k` in `0...N/4`, for splitting the packed transform.
    private let splitCos: UnsafeMutableBufferPointer<Double>
    private let splitSin: UnsafeMutableBufferPointer<Double>
    /// The packed complex signal being transformed.
    private let workReal: UnsafeMutableBufferPointer<Double>
    private let workImaginary: UnsafeMutableBufferPointer<Double>

    /// Plans transforms of `length` samples.
    /// - Throws: `.wrongLength` unless `length` is a power of two in 2...65_536.
    public init(length: Int) throws(FeatureError) {
        guard (2...FeaturePipelineConfig.maxWindowLength).contains(length), length.nonzeroBitCount == 1 else {
            throw FeatureError(.wrongLength, "RealFFT: length \(length) is not a power of two in 2...65536")
        }
        self.length = length
        half = length / 2
        let bits = half.trailingZeroBitCount
        bitReversed = .allocate(capacity: half)
        for index in 0..<half {
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            bitReversed[index] = reversed
        }
        stageCos = .allocate(capacity: max(half - 1, 1))
        stageSin = .allocate(capacity: max(half - 1, 1))
        var span = 2
        while span <= half {
            let offset = span / 2 - 1
            for j in 0..<span / 2 {
                let angle = 2 * Double.pi * Double(j) / Double(span)
                stageCos[offset + j] = Math.cosine(angle)
                stageSin[offset + j] = -Math.sine(angle)
            }
            span *= 2
        }
        let quarter = half / 2 + 1
        splitCos = .allocate(capacity: quarter)
        splitSin = .allocate(capacity: quarter)
        for k in 0..<quarter {
            let angle = 2 * Double.pi * Double(k) / Double(length)
            splitCos[k] = Math.cosine(angle)
            splitSin[k] = Math.sine(angle)
        }
        workReal = .allocate(capacity: half)
        workImaginary = .allocate(capacity: half)
    }

    deinit {
        for buffer in [stageCos, stageSin, splitCos, splitSin, workReal, workImaginary] { buffer.deallocate() }
        bitReversed.deallocate()
    }

    /// Transforms `input` (``length`` samples) into `real` and `imaginary` (``binCount`` bins each).
    /// - Throws: `.wrongLength` when a buffer has another length.
    public func forward(
        _ input: UnsafeBufferPointer<Double>,
        real: UnsafeMutableBufferPointer<Double>,
        imaginary: UnsafeMutableBufferPointer<Double>
    ) throws(FeatureError) {
        guard input.count == length, real.count == binCount, imaginary.count == binCount else {
            throw FeatureError(
                .wrongLength,
                "RealFFT: \(input.count) samples into \(real.count)/\(imaginary.count) bins, "
                    + "the plan takes \(length) into \(binCount)"
            )
        }
        transform(input.baseAddress!, real: real.baseAddress!, imaginary: imaginary.baseAddress!)
    }

    /// ``forward(_:real:imaginary:)`` without the length checks: `input` holds ``length`` samples, `real` and
    /// `imaginary` room for ``binCount`` bins.
    func transform(
        _ input: UnsafePointer<Double>,
        real: UnsafeMutablePointer<Double>,
        imaginary: UnsafeMutablePointer<Double>
    ) {
        let zr = workReal.baseAddress!
        let zi = workImaginary.baseAddress!
        for index in 0..<half {
            let target = bitReversed[index]
            zr[target] = input[2 * index]
            zi[target] = input[2 * index + 1]
        }
        butterflies(zr, zi)
        split(zr, zi, real: real, imaginary: imaginary)
    }

    /// The in-place complex FFT of the bit-reversed `half` points: spans 2 and 4 together as radix-4 butterflies
    /// (their twiddles are 1 and −i), then radix-2 stages four butterflies at a time.
    private func butterflies(_ zr: UnsafeMutablePointer<Double>, _ zi: UnsafeMutablePointer<Double>) {
        guard half >= 2 else { return }
        if half == 2 {
            let (ar, ai, br, bi) = (zr[0], zi[0], zr[1], zi[1])
            (zr[0], zi[0], zr[1], zi[1]) = (ar + br, ai + bi, ar - br, ai - bi)
            return
        }
        var a = 0
        while a < half {
            let sumReal01 = zr[a] + zr[a + 1]
            let sumImaginary01 = zi[a] + zi[a + 1]
            let differenceReal01 = zr[a] - zr[a + 1]
            let differenceImaginary01 = zi[a] - zi[a + 1]
            let sumReal23 = zr[a + 2] + zr[a + 3]
            let sumImaginary23 = zi[a + 2] + zi[a + 3]
            let differenceReal23 = zr[a + 2] - zr[a + 3]
            let differenceImaginary23 = zi[a + 2] - zi[a + 3]
            zr[a] = sumReal01 + sumReal23
            zi[a] = sumImaginary01 + sumImaginary23
            zr[a + 2] = sumReal01 - sumReal23
            zi[a + 2] = sumImaginary01 - sumImaginary23
            // The odd output takes −i·(a2 − a3).
            zr[a + 1] = differenceReal01 + differenceImaginary23
            zi[a + 1] = differenceImaginary01 - differenceReal23
            zr[a + 3] = differenceReal01 - differenceImaginary23
            zi[a + 3] = differenceImaginary01 + differenceReal23
            a += 4
        }
        var h = 4
        while h < half {
            let twr = UnsafeRawPointer(stageCos.baseAddress! + (h - 1))
            let twi = UnsafeRawPointer(stageSin.baseAddress! + (h - 1))
            var start = 0
            while start < half {
                let ar = UnsafeMutableRawPointer(zr + start)
                let ai = UnsafeMutableRawPointer(zi + start)
                let br = ar + h * 8
                let bi = ai + h * 8
                var offset = 0
                while offset < h * 8 {
                    let wr = twr.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    let wi = twi.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    let xr = br.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    let xi = bi.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    let yr = ar.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    let yi = ai.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    let tr = wr * xr - wi * xi
                    let ti = wr * xi + wi * xr
                    br.storeBytes(of: yr - tr, toByteOffset: offset, as: SIMD4<Double>.self)
                    bi.storeBytes(of: yi - ti, toByteOffset: offset, as: SIMD4<Double>.self)
                    ar.storeBytes(of: yr + tr, toByteOffset: offset, as: SIMD4<Double>.self)
                    ai.storeBytes(of: yi + ti, toByteOffset: offset, as: SIMD4<Double>.self)
                    offset += 32
                }
                start += 2 * h
            }
            h *= 2
        }
    }

    /// Splits the transform `Z` of the packed signal into the real signal's spectrum:
    /// `X[k] = E[k] + e^(−2πik/N)·O[k]` with `E`, `O` the spectra of the even and odd samples, recovered from
    /// `Z[k]` and `conj(Z[N/2 − k])`; `X[N/2 − k]` follows as `conj(E[k] − e^(−2πik/N)·O[k])`.
    private func split(
        _ zr: UnsafeMutablePointer<Double>,
        _ zi: UnsafeMutablePointer<Double>,
        real: UnsafeMutablePointer<Double>,
        imaginary: UnsafeMutablePointer<Double>
    ) {
        real[0] = zr[0] + zi[0]
        imaginary[0] = 0
        real[half] = zr[0] - zi[0]
        imaginary[half] = 0
        guard half >= 2 else { return }
        for k in 1...(half / 2) {
            let m = half - k
            let (ar, ai, br, bi) = (zr[k], zi[k], zr[m], zi[m])
            let er = 0.5 * (ar + br)
            let ei = 0.5 * (ai - bi)
            let or = 0.5 * (ai + bi)
            let oi = -0.5 * (ar - br)
            let c = splitCos[k]
            let s = splitSin[k]
            let wor = c * or + s * oi
            let woi = c * oi - s * or
            real[k] = er + wor
            imaginary[k] = ei + woi
            real[m] = er - wor
            imaginary[m] = -(ei - woi)
        }
    }
}
