/// `P(D_n ≤ x)` by Pomeranz's (1974) recursion: a banded convolution over `2n + 1` rows with powers of `g/n`,
/// `2g/n` and `(1 − 2g)/n`, rescaled by powers of 2 to stay in range. Used for `n ≤ 140`.
enum PomeranzRecursion {
    static func cdf(n: Int, x: Double) -> Double {
        let t = Double(n) * x
        let whole = Int(t.rounded(.down))
        let fraction = t - Double(whole)
        let g = Swift.min(fraction, 1 - fraction)
        let ceilF = fraction > 0 ? 1 : 0
        let roundF = fraction > 0.5 ? 1 : 0
        let powerCount = 2 * (whole + 1)
        var gPower = [Double](repeating: 1, count: powerCount)
        var twoGPower = [Double](repeating: 1, count: powerCount)
        var restPower = [Double](repeating: 1, count: powerCount)
        let size = Double(n)
        for m in 1..<powerCount {
            gPower[m] = gPower[m - 1] * (g / size) / Double(m)
            twoGPower[m] = twoGPower[m - 1] * (2 * g / size) / Double(m)
            restPower[m] = restPower[m - 1] * ((1 - 2 * g) / size) / Double(m)
        }
        var previous = [Double](repeating: 0, count: powerCount)
        var current = [Double](repeating: 0, count: powerCount)
        current[0] = 1
        var (previousStart, currentStart) = (0, 0)
        var exponent = 0
        let big = DriftMath.scale(1, 128)
        let small = DriftMath.scale(1, -128)
        var (j1, j2) = bounds(row: 0, n: n, whole: whole, ceilF: ceilF, roundF: roundF)
        for row in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
            for index in current.indices { current[index] = 0 }
            (j1, j2) = bounds(row: row, n: n, whole: whole, ceilF: ceilF, roundF: roundF)
            let powers = row == 1 || row == 2 * n + 1 ? gPower : (row % 2 == 1 ? twoGPower : restPower)
            let span = j2 - k1 + 1
            guard span > 0 else { continue }
            let sourceStart = k1 - previousStart
            let sourceLength = Swift.min(span, powerCount - sourceStart)
            let powerLength = Swift.min(span, powerCount)
            let first = j1 - k1
            for index in 0..<(j2 - j1 + 1) {
                let lag = first + index
                var sum = 0.0
                var i = Swift.max(0, lag - powerLength + 1)
                while i <= Swift.min(lag, sourceLength - 1) {
                    sum += previous[sourceStart + i] * powers[lag - i]
                    i += 1
                }
                current[index] = sum
            }
            if let largest = current.max(), largest > 0, largest < small {
                for index in current.indices { current[index] *= big }
                exponent -= 128
            }
            currentStart = previousStart + j1 - k1
        }
        var answer = current[n - currentStart]
        for m in 1...n {
            if abs(answer) > big {
                answer *= small
                exponent += 128
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = DriftMath.scale(answer, exponent) }
        return Swift.min(Swift.max(answer, 0), 1)
    }

    /// The band of row `row`: first and last column that can be non-zero.
    private static func bounds(row: Int, n: Int, whole: Int, ceilF: Int, roundF: Int) -> (Int, Int) {
        let j1: Int
        let j2: Int
        if row == 0 {
            (j1, j2) = (-whole - ceilF - 1, whole + ceilF - 1)
        } else {
            let half = (row + 1) / 2
            if (row + 1) % 2 == 0 {
                if half == n + 1 {
                    (j1, j2) = (n - whole - ceilF - 1, n + whole + ceilF - 1)
                } else {
                    (j1, j2) = (half - 1 - whole - roundF - 1, half + whole - 1 + ceilF - 1)
                }
            } else {
                (j1, j2) = (half - 1 - whole - 1, half + whole + roundF - 1)
            }
        }
        return (Swift.max(j1 + 2, 0), Swift.min(j2, n))
    }
}
