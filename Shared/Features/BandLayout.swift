/// How the bins of a real FFT map to the bands of a ``BandSpec``.
///
/// Band `i` spans `[edgesHz[i], edgesHz[i + 1])`, the last band also includes its upper edge. Edges are
/// `low + i·(high − low)/count` (linear) or `low·(high/low)^(i/count)` (log), with the last edge exactly `high`.
/// Bin `k` of a window of `N` samples at `fs` Hz sits at `k·fs/N` Hz, `k` in `0...N/2`, and belongs to the band
/// whose span holds that frequency; bins outside every band count nowhere. `scripts/reference/features_golden.py`
/// computes the same edges with the same formulas.
public struct BandLayout: Sendable, Hashable {
    /// `count + 1` band edges, Hz, increasing.
    public let edgesHz: [Double]
    /// The bins of each band, as ranges of bin indices (possibly empty).
    public let binRanges: [Range<Int>]

    /// The layout of `bands` for windows of `windowLength` samples at `sampleRateHz`.
    public init(bands: BandSpec, sampleRateHz: Double, windowLength: Int) {
        let count = bands.count
        var edges: [Double] = []
        edges.reserveCapacity(count + 1)
        for index in 0..<count {
            let fraction = Double(index) / Double(count)
            switch bands.spacing {
            case .linear: edges.append(bands.lowHz + Double(index) * (bands.highHz - bands.lowHz) / Double(count))
            case .log: edges.append(bands.lowHz * Math.power(bands.highHz / bands.lowHz, fraction))
            }
        }
        edges.append(bands.highHz)
        edgesHz = edges

        let binCount = windowLength / 2 + 1
        let frequency = { (bin: Int) in Double(bin) * sampleRateHz / Double(windowLength) }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        var bin = 0
        for index in 0..<count {
            let last = index == count - 1
            while bin < binCount, frequency(bin) < edges[index] { bin += 1 }
            let start = bin
            while bin < binCount, frequency(bin) < edges[index + 1] || (last && frequency(bin) == edges[index + 1]) {
                bin += 1
            }
            ranges.append(start..<bin)
        }
        binRanges = ranges
    }
}
