import WireProtocol

/// Valid messages used across the tests, edge cases included.
enum Fixtures {
    static let device = try! DeviceID("edge-01")
    static let sha = String(repeating: "0123456789abcdef", count: 4)

    static let frames: [SensorFrame] = [
        try! SensorFrame(
            ts: 1_700_000_000_000,
            hz: 100,
            axes: [
                .init(name: "x", samples: [1, 2, 3]), .init(name: "y", samples: [0.5, -0.5, 0]),
                .init(name: "z", samples: [-.leastNonzeroMagnitude, .greatestFiniteMagnitude, -0.0]),
            ]
        ),
        try! SensorFrame(ts: 0, hz: 1_000_000, axes: [.init(name: "v", samples: [21.5])]),
        try! SensorFrame(ts: 1, hz: 0.001, axes: [.init(name: "v", samples: [Float](repeating: 1.25, count: 65_536))]),
        try! SensorFrame(
            ts: .max,
            hz: 3.3,
            axes: (0..<16).map { .init(name: String(repeating: "a", count: 64 - $0), samples: [Float($0), 1e-7]) }
        ),
    ]

    static let statuses: [DeviceStatus] = [
        try! DeviceStatus(device: device, seq: 0, ts: 0, state: .offline, runtimeVersion: "1"),
        try! DeviceStatus(
            device: device,
            seq: .max,
            ts: 1_700_000_000_000,
            state: .online,
            runtimeVersion: "0.3.0-dev+ünïcode",
            activeModel: try! ModelReference(name: "bearing-mlp", version: .max),
            activeSlot: .b,
            uptimeSeconds: 42
        ),
    ]

    static let events: [DeviceEvent] = [
        try! DeviceEvent(device: device, seq: 1, ts: 5, kind: "rollout.step", severity: .info, message: ""),
        try! DeviceEvent(
            device: device,
            seq: 2,
            ts: 6,
            kind: "command.result",
            severity: .error,
            message: "quotes \" backslash \\ newline \n tab \t nul \u{0} emoji 🚀 slash /",
            fields: ["a": "1", "empty": "", "ключ": "значение"],
            commandID: "c-17"
        ),
    ]

    static let desiredStates: [DesiredState] = [
        try! DesiredState(device: device, revision: 0, ts: 0, model: nil),
        try! DesiredState(
            device: device,
            revision: 9,
            ts: 1_700_000_000_000,
            model: try! DesiredModel(name: "bearing-mlp", version: 4, sha256: sha, size: .max),
            config: ["window": "256", "hop": "128"]
        ),
        try! DesiredState(
            device: device,
            revision: 10,
            ts: 1_700_000_000_001,
            model: try! DesiredModel(
                name: "bearing-mlp",
                version: 5,
                sha256: sha,
                size: 4_096,
                expires: 1_800_000_000_000,
                keyID: "0123456789abcdef",
                signature: String(repeating: "A", count: 86) + "=="
            )
        ),
    ]

    static let artifactRequests: [ArtifactRequest] = [
        try! ArtifactRequest(device: device, seq: 0, name: "m", version: 0, offset: 0, length: 1),
        try! ArtifactRequest(
            device: device,
            seq: .max,
            name: "bearing-mlp",
            version: .max,
            offset: .max,
            length: ArtifactRequest.maxLength
        ),
    ]

    static let artifactChunks: [ArtifactChunk] = [
        try! ArtifactChunk(
            status: .ok,
            requestSeq: 7,
            name: "bearing-mlp",
            version: 3,
            totalLength: 100,
            offset: 40,
            data: (0..<60).map { UInt8($0) }
        ),
        try! ArtifactChunk(
            status: .unknownArtifact,
            requestSeq: 8,
            name: "m",
            version: 9,
            totalLength: 0,
            offset: 0,
            data: []
        ),
        try! ArtifactChunk(
            status: .badRange,
            requestSeq: .max,
            name: "m",
            version: 1,
            totalLength: 5,
            offset: 5,
            data: []
        ),
    ]

    static let commands: [Command] = [
        try! Command(id: "c", ts: 0, name: "reboot"),
        try! Command(
            id: String(repeating: "é", count: 32),
            ts: 1_700_000_000_000,
            name: "model.activate",
            args: ["slot": "B", "reason": "rollout 7 \"canary\""]
        ),
    ]

    static let batches: [TelemetryBatch] = [
        try! TelemetryBatch(
            device: device,
            records: [try! TelemetryRecord(seq: 0, ts: 0, payload: .metric(name: "m", value: 0))]
        ),
        try! TelemetryBatch(
            device: try! DeviceID(String(repeating: "d", count: 64)),
            records: mixedRecords(count: 400)
        ),
        try! TelemetryBatch(
            device: device,
            records: [
                try! TelemetryRecord(
                    seq: .max - 1,
                    ts: .max,
                    payload: .featureSummary([Float](repeating: -1, count: 65_535))
                ),
                try! TelemetryRecord(
                    seq: .max,
                    ts: .max,
                    payload: .prediction(
                        .init(
                            modelName: "m",
                            modelVersion: .max,
                            label: String(repeating: "ü", count: 512),
                            score: -3.4028235e38,
                            latencyMicros: .max
                        )
                    )
                ),
            ]
        ),
    ]

    /// `count` records cycling through every payload kind, seq increasing with gaps.
    static func mixedRecords(count: Int) -> [TelemetryRecord] {
        (0..<count).map { index in
            let payload: TelemetryPayload
            switch index % 4 {
            case 0:
                payload = .prediction(
                    .init(
                        modelName: "bearing-mlp",
                        modelVersion: 3,
                        label: "outer-race",
                        score: 0.93,
                        latencyMicros: 850
                    )
                )
            case 1:
                payload = .health(
                    .init(
                        cpuFraction: 0.37,
                        memoryBytes: 48 << 20,
                        inferenceLatencyP50Micros: 700,
                        inferenceLatencyP99Micros: 2_100,
                        errorCount: 1,
                        outboxDepth: 12
                    )
                )
            case 2: payload = .featureSummary((0..<24).map { Float($0) * 0.125 })
            default: payload = .metric(name: "temperature.c", value: 41.25 + Double(index))
            }
            return try! TelemetryRecord(
                seq: UInt64(index * 3 + 10),
                ts: 1_700_000_000_000 + Int64(index),
                payload: payload
            )
        }
    }
}
