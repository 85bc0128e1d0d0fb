/// Survival function of the one-sample two-sided Kolmogorov–Smirnov statistic `D_n` (scipy's `kstwo.sf`), by the
/// algorithm choice of Simard and L'Ecuyer (2011) that scipy's `_kolmogn` follows: Ruben–Gambino closed forms at the
/// ends of the support, twice the one-sided Smirnov tail where that is exact or accurate, the Durbin matrix (Marsaglia–
/// Tsang–Wang), Pomeranz's recursion and the Pelz–Good expansion elsewhere.
enum KolmogorovDistribution {
    /// `P(D_n ≥ x)`; `n < 1` gives NaN.
    static func survival(n: Int, x: Double) -> Double {
        guard n >= 1 else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let size = Double(n)
        let t = size * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1 / size) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = DriftMath.exponential(logFactorialOverPower(size) + size * DriftMath.ln(2 * t - 1))
            }
            return clipped(1 - cdf)
        }
        if t >= size - 1 { return clipped(2 * DriftMath.power(1 - x, size)) }
        if x >= 0.5 { return clipped(2 * SmirnovDistribution.survival(n: n, x: x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clipped(1 - durbinCDF(n: n, d: x)) }
            if nxSquared <= 4 { return clipped(1 - PomeranzRecursion.cdf(n: n, x: x)) }
            return clipped(2 * SmirnovDistribution.survival(n: n, x: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clipped(2 * SmirnovDistribution.survival(n: n, x: x)) }
        let cdf: Double
        if n <= 100_000, size * DriftMath.power(x, 1.5) <= 1.4 {
            cdf = durbinCDF(n: n, d: x)
        } else {
            cdf = pelzGoodCDF(n: size, x: x)
        }
        return clipped(1 - cdf)
    }

    private static func clipped(_ p: Double) -> Double { Swift.min(Swift.max(p, 0), 1) }

    /// `log(n!/nⁿ)` by Stirling's series.
    private static func logFactorialOverPower(_ n: Double) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let reciprocal = 1 / n
        let argument = reciprocal / n
        let series = coefficients.reduce(0.0) { $0 * argument + $1 }
        return DriftMath.ln(n) / 2 - n + DriftMath.ln(2 * Double.pi) / 2 + reciprocal * series
    }

    /// `P(D_n ≤ d)` by Durbin's matrix: the (k, k) entry of `Hⁿ` times `n!/nⁿ`, with powers of 2 split off to stay in
    /// range (Marsaglia, Tsang and Wang 2003).
    static func durbinCDF(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = (1...m).map { 1 - DriftMath.power(h, Double($0)) }
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] *= factorial
        }
        let corner = DriftMath.power(Swift.max(2 * h - 1, 0), Double(m)) - 2 * DriftMath.power(h, Double(m))
        v[m - 1] = (1 + corner) * factorial
        var matrix = SquareMatrix(size: m)
        for column in 1..<m {
            for row in (column - 1)..<m { matrix[row, column] = w[row - column + 1] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for column in 0..<m { matrix[m - 1, column] = v[m - 1 - column] }
        var power = SquareMatrix.identity(size: m)
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        let big = DriftMath.scale(1, 128)
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = power.multiplied(by: matrix)
                exponent += matrixExponent
            }
            matrix = matrix.multiplied(by: matrix)
            matrixExponent *= 2
            if abs(matrix[k - 1, k - 1]) > big {
                matrix.scale(by: 1 / big)
                matrixExponent += 128
            }
            remaining /= 2
        }
        var p = power[k - 1, k - 1]
        let small = DriftMath.scale(1, -128)
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < small {
                p *= big
                exponent -= 128
            }
        }
        if exponent != 0 { p = DriftMath.scale(p, exponent) }
        return clipped(p)
    }

    /// `P(D_n ≤ x)` by the Pelz–Good asymptotic series in `1/√n`, with Jacobi theta transforms for small `z = x√n`.
    static func pelzGoodCDF(n: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let z = n.squareRoot() * x
        let (z2, z3, z4, z6) = (z * z, z * z * z, z * z * z * z, z * z * z * z * z * z)
        let piSquared = Double.pi * Double.pi
        let (pi4, pi6) = (piSquared * piSquared, piSquared * piSquared * piSquared)
        let qLog = -piSquared / 8 / z2
        if qLog < -708 { return 0 }
        var q = DriftMath.exponential(qLog)
        let k1a = -z2
        let k1b = piSquared / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * piSquared / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = piSquared * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * z4 * z4
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxK, through: 1, by: -1) {
            let m = Double(2 * k - 1)
            let (m2, m4, m6) = (m * m, m * m * m * m, m * m * m * m * m * m)
            let qPower = DriftMath.power(q, Double(8 * k))
            let coefficients = [
                1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6,
            ]
            for index in 0..<4 { terms[index] = terms[index] * qPower + coefficients[index] }
        }
        let sqrtTwoPi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * DriftMath.power(z, 7), 6480 * DriftMath.power(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * sqrtTwoPi / divisors[index] }
        q = DriftMath.exponential(-piSquared / 2 / z2)
        let sqrt3z = 3.0.squareRoot() * z
        var extra2 = 0.0
        var extra3 = 0.0
        for k in stride(from: maxK, through: 1, by: -1) {
            let kk = Double(k)
            let qPower = DriftMath.power(q, kk * kk)
            let kPi = Double.pi * kk
            extra2 += kk * kk * qPower
            extra3 += (sqrt3z + kPi) * (sqrt3z - kPi) * kk * kk * qPower
        }
        terms[2] += extra2 * piSquared * sqrtTwoPi / (-36 * z3)
        terms[3] += extra3 * piSquared * sqrtTwoPi / (216 * z6)
        var sum = 0.0
        for index in 0..<4 { sum += terms[index] / DriftMath.power(n, Double(index) / 2) }
        return sum
    }
}
