import ArgumentParser
import HubCore
import TestSupport
import WireProtocol

/// `bench ingest`: telemetry records per second that the hub stores in SQLite with deduplication on
/// `(device, seq)`, through `HubStore` (WAL, synchronous=FULL, one transaction per batch), beside Python's sqlite3
/// doing the same inserts into the same schema in the same run (`scripts/bench/ingest_sqlite.py`).
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Hub telemetry ingest into SQLite with dedupe, beside Python sqlite3."
    )

    @Option(help: "Records ingested (split evenly over the devices).")
    var records = 200_000

    @Option(help: "Records per transaction (one telemetry batch).")
    var batch = 1_000

    @Option(help: "Devices the records come from.")
    var devices = 20

    func validate() throws {
        guard records >= devices, devices > 0 else { throw ValidationError("need --records ≥ --devices ≥ 1") }
        guard (1...TelemetryBatch.maxRecords).contains(batch) else {
            throw ValidationError("--batch must be 1...\(TelemetryBatch.maxRecords)")
        }
    }

    func run() throws {
        let batches = try makeBatches()
        let stored = batches.reduce(0) { $0 + $1.records.count }
        let payloadBytes = batches[0].records[0].payload.encode().count

        let directory = try TemporaryDirectory(prefix: "bench-ingest")
        defer { directory.remove() }
        let store = try HubStore(path: directory.file("hub.sqlite"))
        let fresh = try measure { try ingest(batches, into: store) }
        let repeated = try measure { try ingest(batches, into: store) }
        let wire = batches.map { $0.encode() }
        let second = try HubStore(path: directory.file("hub-wire.sqlite"))
        let decoded = try measure {
            for bytes in wire {
                try second.record(statuses: [], events: [], telemetry: [.decode(bytes)], receivedAt: 1)
            }
        }
        let peer = try PythonPeer(
            script: "scripts/bench/ingest_sqlite.py",
            arguments: [stored, batch, devices, payloadBytes].map(String.init)
        ).run()

        var line = JSONLine()
        line.add("bench", "ingest")
        line.add("records", stored)
        line.add("records_per_transaction", batch)
        line.add("payload_bytes", payloadBytes)
        line.add("rows_per_s", Double(stored) / fresh, decimals: 0)
        line.add("duplicate_rows_per_s", Double(stored) / repeated, decimals: 0)
        line.add("wire_decode_and_store_rows_per_s", Double(stored) / decoded, decimals: 0)
        line.add("python_sqlite3_rows_per_s", peer["rows_per_s"] ?? .nan, decimals: 0)
        line.add("python_sqlite3_duplicate_rows_per_s", peer["duplicate_rows_per_s"] ?? .nan, decimals: 0)
        line.add("rows_ratio_vs_python", Double(stored) / fresh / (peer["rows_per_s"] ?? .nan), decimals: 3)
        print(line.text)
    }

    /// Prediction records, as devices send most, `batch` per device and transaction.
    private func makeBatches() throws -> [TelemetryBatch] {
        let perDevice = records / devices
        return try (0..<devices).flatMap { index -> [TelemetryBatch] in
            let device = try DeviceID("device-\(String(index + 100_000).dropFirst())")
            return try stride(from: 0, to: perDevice, by: batch).map { start in
                try TelemetryBatch(
                    device: device,
                    records: (start..<min(start + batch, perDevice)).map { seq in
                        let prediction = TelemetryPayload.Prediction(
                            modelName: "bearing-faults",
                            modelVersion: 3,
                            label: seq % 7 == 0 ? "bearing_outer" : "normal",
                            score: 0.93,
                            latencyMicros: 12
                        )
                        return try TelemetryRecord(
                            seq: UInt64(seq + 1),
                            ts: 1_700_000_000_000 + Int64(seq),
                            payload: .prediction(prediction)
                        )
                    }
                )
            }
        }
    }

    private func ingest(_ batches: [TelemetryBatch], into store: HubStore) throws {
        for batch in batches { try store.record(statuses: [], events: [], telemetry: [batch], receivedAt: 1) }
    }

    private func measure(_ body: () throws -> Void) throws -> Double {
        let started = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
