/// Exact null distribution of the two-sample Kolmogorov–Smirnov statistic by lattice-path counting (Hodges 1958, with
/// Viehmann's recursion for `1 − p`, arXiv:2102.08037), in the form scipy evaluates it.
enum ExactSmirnov {
    /// `P(D ≥ h/n)` for two samples of `n` values: `2·Σ_k (−1)^(k+1) C(2n, n−kh)/C(2n, n)`, evaluated as a nested
    /// product so that no binomial coefficient is formed.
    static func outsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = Int((Double(n) / Double(h)).rounded(.down))
        while k >= 0 {
            var term = 1.0
            for j in 0..<h {
                term = Double(n - k * h - j) * term / Double(n + k * h + j + 1)
            }
            p = term * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// `P(D ≥ h/lcm)` for samples of `m` and `n` values with `gcd` their greatest common divisor: one minus the share
    /// of paths from (0, 0) to (m, n) that stay strictly inside `|x/m − y/n| < h/lcm`, kept as a probability column by
    /// column so that it neither overflows nor cancels.
    static func outsideBand(_ m: Int, _ n: Int, gcd: Int, h: Int) -> Double {
        let (m, n) = m < n ? (n, m) : (m, n)
        let mg = m / gcd
        let ng = n / gcd
        var minJ = 0
        var maxJ = Swift.min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var length = maxJ - minJ
        let capacity = Swift.min(2 * maxJ + 2, n + 1)
        var column = [Double](repeating: 1, count: capacity)
        for index in minJ..<maxJ { column[index] = 0 }
        for i in 1...m {
            let (lastMinJ, lastLength) = (minJ, length)
            minJ = Swift.min(Swift.max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0), n)
            maxJ = Swift.min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxJ <= minJ { return 1 }
            var value = minJ == 0 ? 0.0 : 1.0
            for offset in 0..<(maxJ - minJ) {
                let j = offset + minJ
                value = (column[offset + minJ - lastMinJ] * Double(i) + value * Double(j)) / Double(i + j)
                column[offset] = value
            }
            length = maxJ - minJ
            if lastLength > length {
                for index in (maxJ - minJ)..<Swift.min(maxJ - minJ + lastLength - length, capacity) {
                    column[index] = 1
                }
            }
        }
        return column[maxJ - minJ - 1]
    }
}
