/// Durations written as `30s`, `500ms`, `5m`, `1h`, `1.5s` or a bare number of seconds.
enum DurationText {
    private static let attosecondsPerSecond: Int128 = 1_000_000_000_000_000_000
    /// Suffixes from largest to smallest, each with its length in attoseconds; a bare number means seconds.
    private static let units: [(suffix: String, attoseconds: Int128)] = [
        ("h", 3_600 * attosecondsPerSecond),
        ("m", 60 * attosecondsPerSecond),
        ("s", attosecondsPerSecond),
        ("ms", attosecondsPerSecond / 1_000),
    ]
    /// More fractional digits than this would not change a duration that has millisecond units at the finest.
    private static let maximumFractionDigits = 9

    /// The duration `text` stands for, or `nil` for anything else (negative, empty, unknown unit, too large).
    static func parse(_ text: String) -> Duration? {
        let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = text[number.endIndex...]
        let unit: Int128
        if suffix.isEmpty {
            unit = attosecondsPerSecond
        } else if let match = units.first(where: { $0.suffix == suffix }) {
            unit = match.attoseconds
        } else {
            return nil
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int128(parts[0]) else { return nil }
        var total = whole.multipliedReportingOverflow(by: unit)
        guard !total.overflow else { return nil }
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= maximumFractionDigits, let fraction = Int128(digits) else {
                return nil
            }
            var scale: Int128 = 1
            for _ in 0..<digits.count { scale *= 10 }
            total = total.partialValue.addingReportingOverflow(fraction * unit / scale)
            guard !total.overflow else { return nil }
        }
        let seconds = total.partialValue / attosecondsPerSecond
        guard seconds <= Int128(Int64.max) else { return nil }
        return Duration(
            secondsComponent: Int64(seconds),
            attosecondsComponent: Int64(total.partialValue % attosecondsPerSecond)
        )
    }

    /// `duration` in the largest unit that shows it exactly (`90s` is `90s`, `5400s` is `90m`), otherwise as
    /// decimal seconds.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let total = Int128(seconds) * attosecondsPerSecond + Int128(attoseconds)
        if total == 0 {
            return "0s"
        }
        if let unit = units.first(where: { total % $0.attoseconds == 0 }) {
            return "\(total / unit.attoseconds)\(unit.suffix)"
        }
        let sign = total < 0 ? "-" : ""
        let magnitude = total.magnitude
        let fraction = String(magnitude % UInt128(attosecondsPerSecond))
        var digits = Substring(String(repeating: "0", count: 18 - fraction.count) + fraction)
        while digits.last == "0" {
            digits.removeLast()
        }
        return "\(sign)\(magnitude / UInt128(attosecondsPerSecond)).\(digits)s"
    }
}
