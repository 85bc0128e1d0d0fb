import EdgeCore
import TestSupport
import Testing
import WireProtocol

@Suite("Telemetry outbox store")
struct OutboxStoreTests {
    let directory: TemporaryDirectory
    let store: EdgeStateStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "outbox")
        store = try EdgeStateStore(directory: directory.file("state"))
    }

    private static let roomy = OutboxLimits(maxRecords: 1_000, maxAge: .seconds(3_600), overflow: .dropOldest)

    private static func metrics(_ values: Range<Int>) -> [TelemetryPayload] {
        values.map { .metric(name: "m", value: Double($0)) }
    }

    private func pendingValues() throws -> [Double] {
        try store.pendingTelemetry(limit: 10_000).map { record in
            guard case .metric(_, let value) = record.payload else { return .nan }
            return value
        }
    }

    @Test func recordsGetSequenceNumbersAfterEveryOtherMessage() throws {
        let statusSeq = try store.nextSequence()
        try store.appendTelemetry(Self.metrics(0..<3), at: 10, limits: Self.roomy)
        let records = try store.pendingTelemetry(limit: 10)
        #expect(records.map(\.seq) == [statusSeq + 1, statusSeq + 2, statusSeq + 3])
        #expect(records.allSatisfy { $0.ts == 10 })
        #expect(try store.nextSequence() == statusSeq + 4)
        #expect(try store.outboxDepth() == 3)
    }

    @Test func acknowledgedRecordsAreDeletedAndTheRestKept() throws {
        try store.appendTelemetry(Self.metrics(0..<5), at: 1, limits: Self.roomy)
        let records = try store.pendingTelemetry(limit: 2)
        #expect(try store.acknowledgeTelemetry(through: records[1].seq) == 2)
        #expect(try pendingValues() == [2, 3, 4])
        #expect(try store.outboxDepth() == 3)
    }

    @Test func recordsSurviveAReopen() throws {
        try store.appendTelemetry(Self.metrics(0..<4), at: 1, limits: Self.roomy)
        let reopened = try EdgeStateStore(directory: directory.file("state"))
        #expect(try reopened.pendingTelemetry(limit: 10).count == 4)
        #expect(try reopened.outboxDepth() == 4)
    }

    @Test func dropOldestKeepsTheNewestRecords() throws {
        let limits = OutboxLimits(maxRecords: 5, maxAge: .seconds(3_600), overflow: .dropOldest)
        #expect(try store.appendTelemetry(Self.metrics(0..<4), at: 1, limits: limits).droppedOldest == 0)
        let result = try store.appendTelemetry(Self.metrics(4..<7), at: 1, limits: limits)
        #expect(result == OutboxAppendResult(stored: 3, droppedOldest: 2, rejected: 0))
        #expect(try pendingValues() == [2, 3, 4, 5, 6])
        // More new records than fit at all: only the newest `maxRecords` of them are kept.
        let flood = try store.appendTelemetry(Self.metrics(10..<18), at: 1, limits: limits)
        #expect(flood == OutboxAppendResult(stored: 5, droppedOldest: 5, rejected: 3))
        #expect(try pendingValues() == [13, 14, 15, 16, 17])
        #expect(try store.outboxDepth() == 5)
    }

    @Test func rejectNewestKeepsTheOldestRecords() throws {
        let limits = OutboxLimits(maxRecords: 5, maxAge: .seconds(3_600), overflow: .rejectNewest)
        try store.appendTelemetry(Self.metrics(0..<4), at: 1, limits: limits)
        let result = try store.appendTelemetry(Self.metrics(4..<7), at: 1, limits: limits)
        #expect(result == OutboxAppendResult(stored: 1, droppedOldest: 0, rejected: 2))
        #expect(try pendingValues() == [0, 1, 2, 3, 4])
        #expect(try store.appendTelemetry(Self.metrics(7..<8), at: 1, limits: limits).rejected == 1)
    }

    @Test func expiryDeletesOnlyOldRecords() throws {
        try store.appendTelemetry(Self.metrics(0..<2), at: 1_000, limits: Self.roomy)
        try store.appendTelemetry(Self.metrics(2..<3), at: 5_000, limits: Self.roomy)
        #expect(try store.expireTelemetry(before: 5_000) == 2)
        #expect(try pendingValues() == [2])
        #expect(try store.outboxDepth() == 1)
    }
}
