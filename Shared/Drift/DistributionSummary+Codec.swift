/// The summary's byte form, for telemetry: version byte 1, `u16` edge count, the edges as float64, the `edges + 1`
/// bin counts, the count and the non-finite count as LEB128 varints, mean, squared deviations, min and max as float64,
/// then the sketch (zero count, then the negative and the positive store, each a zigzag offset, a `u16` length of at
/// most ``QuantileSketch/maxBuckets`` and that many varint counts). Little-endian throughout.
extension DistributionSummary {
    /// Version byte of the encoding.
    static let encodingVersion: UInt8 = 1

    /// The summary's bytes.
    public func encode() -> [UInt8] {
        var writer = SummaryWriter()
        encode(into: &writer)
        return writer.bytes
    }

    func encode(into writer: inout SummaryWriter) {
        writer.write(Self.encodingVersion)
        writer.write(UInt16(binEdges.count))
        for edge in binEdges { writer.write(edge) }
        for bin in counts { writer.writeVarint(bin) }
        writer.writeVarint(count)
        writer.writeVarint(nonFinite)
        writer.write(mean)
        writer.write(squaredDeviations)
        writer.write(min)
        writer.write(max)
        writer.writeVarint(quantiles.zeroCount)
        for store in [quantiles.negative, quantiles.positive] {
            writer.writeSigned(store.offset)
            writer.write(UInt16(store.counts.count))
            for bucket in store.counts { writer.writeVarint(bucket) }
        }
    }

    /// Reads and validates what ``encode()`` wrote.
    /// - Throws: `.truncated` when bytes are missing; `.malformed` for another version, bytes left over, or a length
    ///   above its limit; `.invalid`/`.notFinite` for edges that are not finite and increasing, counts that do not add
    ///   up (bins, sketch and count must agree), or moments that are not finite or out of order.
    public static func decode(_ bytes: [UInt8]) throws(DriftError) -> DistributionSummary {
        var reader = SummaryReader(bytes)
        let summary = try decode(from: &reader)
        try reader.requireEnd()
        return summary
    }

    static func decode(from reader: inout SummaryReader) throws(DriftError) -> DistributionSummary {
        let version = try reader.readByte("version")
        guard version == encodingVersion else { throw DriftError(.malformed, "summary: version \(version)") }
        let edgeCount = Int(try reader.readUInt16("edgeCount"))
        guard (2...maxEdges).contains(edgeCount) else {
            throw DriftError(.malformed, "summary: \(edgeCount) bin edges, not 2...\(maxEdges)")
        }
        guard reader.remaining >= 8 * edgeCount else {
            throw DriftError(.truncated, "summary.binEdges: needs \(8 * edgeCount) bytes")
        }
        var edges: [Double] = []
        edges.reserveCapacity(edgeCount)
        for _ in 0..<edgeCount { edges.append(try reader.readDouble("binEdges")) }
        try validate(edges: edges)
        var counts: [UInt64] = []
        counts.reserveCapacity(edgeCount + 1)
        for _ in 0...edgeCount { counts.append(try reader.readVarint("counts")) }
        let count = try reader.readVarint("count")
        let nonFinite = try reader.readVarint("nonFinite")
        let mean = try reader.readDouble("mean")
        let squaredDeviations = try reader.readDouble("squaredDeviations")
        let low = try reader.readDouble("min")
        let high = try reader.readDouble("max")
        let zeroCount = try reader.readVarint("sketch.zeroCount")
        let negative = try readStore(&reader, "sketch.negative")
        let positive = try readStore(&reader, "sketch.positive")
        let binTotal = checkedSum(counts)
        let sketchTotal = checkedSum([checkedSum(negative.counts), checkedSum(positive.counts), zeroCount])
        guard binTotal == count, sketchTotal == count else {
            throw DriftError(.invalid, "summary: bins and sketch do not add up to the count \(count)")
        }
        let sketch = QuantileSketch(positive: positive, negative: negative, zeroCount: zeroCount)
        if count == 0 {
            guard mean == 0, squaredDeviations == 0, low == .infinity, high == -.infinity else {
                throw DriftError(.invalid, "summary: an empty summary with moments")
            }
        } else {
            guard [mean, squaredDeviations, low, high].allSatisfy(\.isFinite) else {
                throw DriftError(.notFinite, "summary: a moment is not finite")
            }
            guard squaredDeviations >= 0, low <= high else {
                throw DriftError(.invalid, "summary: negative spread or min > max")
            }
        }
        return DistributionSummary(
            binEdges: edges,
            counts: counts,
            count: count,
            mean: mean,
            squaredDeviations: squaredDeviations,
            min: low,
            max: high,
            nonFinite: nonFinite,
            quantiles: sketch
        )
    }

    /// The sum, nil when it overflows 64 bits (or a part is nil).
    private static func checkedSum(_ values: [UInt64?]) -> UInt64? {
        var total: UInt64 = 0
        for value in values {
            guard let value else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(value)
            if overflow { return nil }
            total = sum
        }
        return total
    }

    private static func readStore(_ reader: inout SummaryReader, _ field: String) throws(DriftError) -> BucketStore {
        let offset = try reader.readSigned("\(field).offset")
        let length = Int(try reader.readUInt16("\(field).length"))
        guard length <= QuantileSketch.maxBuckets else {
            throw DriftError(.malformed, "summary.\(field): \(length) buckets, more than \(QuantileSketch.maxBuckets)")
        }
        var counts: [UInt64] = []
        counts.reserveCapacity(length)
        for _ in 0..<length { counts.append(try reader.readVarint("\(field).counts")) }
        return BucketStore(offset: offset, counts: counts)
    }
}
