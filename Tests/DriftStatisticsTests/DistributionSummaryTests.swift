import Testing

@testable import DriftStatistics

/// The mergeable summary: bins as documented, moments merged exactly, quantiles within the sketch's relative error,
/// merge order irrelevant, and a strict codec.
@Suite struct DistributionSummaryTests {
    static let edges: [Double] = [-1, 0, 0.5, 1, 2]

    static func summary(_ values: [Double]) throws -> DistributionSummary {
        var summary = try DistributionSummary(binEdges: edges)
        for value in values { summary.add(value) }
        return summary
    }

    @Test func valuesFallInHalfOpenBinsWithAClosedLastBinAndOverflows() throws {
        let summary = try Self.summary([-5, -1, -0.5, 0, 0.5, 0.99, 1, 2, 2.5, .nan, .infinity])
        #expect(summary.counts == [1, 2, 1, 2, 2, 1])
        #expect(summary.count == 9)
        #expect(summary.nonFinite == 2)
        #expect(summary.min == -5 && summary.max == 2.5)
    }

    @Test func mergeEqualsTheSummaryOfAllValues() throws {
        let values = SampleSpec(seed: 7, count: 5_000, offset: -1.5, scale: 4, power: 1.7, grid: 0).values
        let whole = try Self.summary(values)
        var merged = try Self.summary(Array(values[..<1_234]))
        try merged.merge(Self.summary(Array(values[1_234..<4_000])))
        try merged.merge(Self.summary(Array(values[4_000...])))
        #expect(merged.counts == whole.counts)
        #expect(merged.quantiles == whole.quantiles)
        #expect(abs(merged.mean - whole.mean) < 1e-12)
        #expect(abs(merged.variance - whole.variance) < 1e-12)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        #expect(abs(whole.mean - mean) < 1e-12 && abs(whole.variance - variance) < 1e-12)
    }

    @Test func mergeOrderDoesNotMatter() throws {
        let parts = (0..<4).map {
            SampleSpec(seed: UInt64(20 + $0), count: 700, offset: -3, scale: 9, power: 1, grid: 0)
        }
        var forward = try Self.summary([])
        for part in parts { try forward.merge(Self.summary(part.values)) }
        var backward = try Self.summary([])
        for part in parts.reversed() { try backward.merge(Self.summary(part.values)) }
        #expect(forward.counts == backward.counts && forward.quantiles == backward.quantiles)
    }

    @Test(arguments: [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])
    func quantilesAreWithinTheRelativeAccuracy(q: Double) throws {
        let values = SampleSpec(seed: 99, count: 10_000, offset: -0.5, scale: 30, power: 2, grid: 0).values
        let sketch = try Self.summary(values).quantiles
        let sorted = values.sorted()
        let exact = sorted[Int((q * Double(values.count - 1)).rounded(.down))]
        let estimate = try #require(sketch.quantile(q))
        #expect(abs(estimate - exact) <= QuantileSketch.relativeAccuracy * abs(exact) + 1e-12, "q \(q)")
    }

    @Test func codecRoundTrips() throws {
        let summary = try Self.summary(SampleSpec(seed: 5, count: 300, offset: -2, scale: 5, power: 1, grid: 0).values)
        #expect(try DistributionSummary.decode(summary.encode()) == summary)
        let empty = try Self.summary([])
        #expect(try DistributionSummary.decode(empty.encode()) == empty)
    }

    @Test func decoderRejectsEveryTruncationAndTrailingBytes() throws {
        let bytes = try Self.summary([0.1, 0.7, 3]).encode()
        for length in 0..<bytes.count {
            #expect(throws: DriftError.self) { try DistributionSummary.decode(Array(bytes[..<length])) }
        }
        #expect(throws: DriftError(.malformed, "summary: 1 bytes after the end")) {
            try DistributionSummary.decode(bytes + [0])
        }
    }

    @Test func decoderRejectsInconsistentContent() throws {
        let bytes = try Self.summary([0.1, 0.7, 3]).encode()
        var badVersion = bytes
        badVersion[0] = 9
        #expect(throws: DriftError(.malformed, "summary: version 9")) { try DistributionSummary.decode(badVersion) }
        var badCount = bytes
        // The first bin count (underflow) sits right after the version, the edge count and 5 edges.
        badCount[1 + 2 + 5 * 8] = 5
        #expect(throws: DriftError.self) { try DistributionSummary.decode(badCount) }
        var badEdges = bytes
        badEdges[3 + 8 + 7] = 0x7F
        badEdges[3 + 8 + 6] = 0xF8
        #expect(throws: DriftError.self) { try DistributionSummary.decode(badEdges) }
        var hugeLength = bytes
        hugeLength[1] = 0xFF
        hugeLength[2] = 0xFF
        #expect(throws: DriftError.self) { try DistributionSummary.decode(hugeLength) }
    }

    @Test func summaryRejectsBadEdgesAndMismatchedMerges() throws {
        #expect(throws: DriftError.self) { try DistributionSummary(binEdges: [1]) }
        #expect(throws: DriftError.self) { try DistributionSummary(binEdges: [0, 0]) }
        #expect(throws: DriftError.self) { try DistributionSummary(binEdges: [0, .nan]) }
        var summary = try Self.summary([0.2])
        #expect(throws: DriftError(.mismatch, "summary merge: bin edges differ")) {
            try summary.merge(DistributionSummary(binEdges: [0, 1]))
        }
    }
}
