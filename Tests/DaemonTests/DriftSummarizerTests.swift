import DriftStatistics
import EdgeModel
import Testing
import WireProtocol

@testable import EdgeCore

/// The edge's drift summarizer: aligned intervals, one record per interval and model, no raw values; and the record's
/// wire form (telemetry kind 6).
@Suite struct DriftSummarizerTests {
    static let reference = DriftReference(features: [
        FeatureDistribution(
            name: "a",
            binEdges: [0, 1, 2],
            counts: [5, 5],
            count: 10,
            mean: 1,
            std: 0.5,
            skewness: 0,
            kurtosis: 0,
            min: 0,
            max: 2
        ),
        FeatureDistribution(
            name: "b",
            binEdges: [-1, 0, 1],
            counts: [5, 5],
            count: 10,
            mean: 0,
            std: 0.5,
            skewness: 0,
            kurtosis: 0,
            min: -1,
            max: 1
        ),
    ])

    static func add(
        _ summarizer: inout DriftSummarizer,
        _ values: [Float],
        at ms: Int64,
        version: UInt32 = 1,
        reference: DriftReference? = reference
    ) throws -> DriftSummaryRecord? {
        summarizer.add(
            values,
            predictedClass: values[0] > 1 ? 1 : 0,
            model: try ModelReference(name: "m", version: version),
            reference: reference,
            labelCount: 2,
            at: ms
        )
    }

    @Test func anIntervalIsEmittedWhenTheNextOneStarts() throws {
        var summarizer = DriftSummarizer(interval: .seconds(60))
        #expect(try Self.add(&summarizer, [0.5, -0.5], at: 120_001) == nil)
        #expect(try Self.add(&summarizer, [1.5, 5], at: 179_999) == nil)
        let record = try #require(try Self.add(&summarizer, [0.5, 0], at: 180_000))
        #expect(record.intervalStartMs == 120_000 && record.intervalEndMs == 180_000)
        #expect(record.features.map(\.counts) == [[0, 1, 1, 0], [0, 1, 0, 1]])
        #expect(record.classCounts == [1, 1])
        let flushed = summarizer.flush()
        let rest = try #require(flushed)
        #expect(rest.intervalStartMs == 180_000 && rest.features[0].count == 1)
        let empty = summarizer.flush()
        #expect(empty == nil)
    }

    @Test func aModelChangeClosesTheInterval() throws {
        var summarizer = DriftSummarizer(interval: .seconds(60))
        _ = try Self.add(&summarizer, [0.5, 0], at: 1_000)
        let record = try #require(try Self.add(&summarizer, [0.5, 0], at: 2_000, version: 2))
        #expect(record.model.version == 1 && record.features[0].count == 1)
    }

    @Test func aModelWithoutReferenceIsNotSummarised() throws {
        var summarizer = DriftSummarizer(interval: .seconds(60))
        #expect(try Self.add(&summarizer, [0.5, 0], at: 1_000, reference: nil) == nil)
        #expect(try Self.add(&summarizer, [0.5, 0], at: 90_000, reference: nil) == nil)
        let flushed = summarizer.flush()
        #expect(flushed == nil)
    }

    @Test func theRecordRoundTripsThroughATelemetryBatch() throws {
        var summarizer = DriftSummarizer(interval: .seconds(60))
        for index in 0..<50 { _ = try Self.add(&summarizer, [Float(index) / 25, Float(index % 7) / 7 - 0.5], at: 10) }
        let flushed = summarizer.flush()
        let record = try #require(flushed)
        let batch = try TelemetryBatch(
            device: DeviceID("d1"),
            records: [TelemetryRecord(seq: 1, ts: 10, payload: .driftSummary(record))]
        )
        #expect(try TelemetryBatch.decode(batch.encode()) == batch)
    }

    @Test func theWireFormRejectsBadRecords() throws {
        var summarizer = DriftSummarizer(interval: .seconds(60))
        _ = try Self.add(&summarizer, [0.5, 0], at: 10)
        let flushed = summarizer.flush()
        var record = try #require(flushed)
        let bytes = TelemetryPayload.driftSummary(record).encode()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: WireError.self) { try TelemetryPayload.decode(Array(bytes[..<length])) }
        }
        var corrupt = bytes
        // The first summary's version byte: kind, name (2 + 1), version 4, start 8, end 8, count 2, length 4.
        corrupt[1 + 3 + 4 + 8 + 8 + 2 + 4] = 7
        #expect(throws: WireError.self) { try TelemetryPayload.decode(corrupt) }
        record.intervalEndMs = record.intervalStartMs - 1
        #expect(throws: WireError.self) { try TelemetryRecord(seq: 1, ts: 1, payload: .driftSummary(record)) }
        record.intervalEndMs = record.intervalStartMs
        record.features = []
        #expect(throws: WireError.self) { try TelemetryRecord(seq: 1, ts: 1, payload: .driftSummary(record)) }
    }
}
