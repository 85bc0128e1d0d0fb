import EdgeCore
import SignalFeatures
import Testing
import WireProtocol

/// The pure reassembly state machine: frames in, vectors and counted drops out, no broker.
@Suite("Sensor reassembly: frames to windows, drops and gaps")
struct SensorReassemblerTests {
    /// x, y, z at 100 Hz (10 ms per sample), windows of 8 every 4, mean and max only, so expected values are easy.
    static let config = FeaturePipelineConfig(
        sensor: "vibration",
        axes: ["x", "y", "z"],
        sampleRateHz: 100,
        windowLength: 8,
        hop: 4,
        timeFeatures: [.mean, .max],
        spectral: nil
    )
    static let device = DeviceID(validating: "dev-1")!
    static let start: Int64 = 1_700_000_000_000

    /// A frame of 4 samples per axis at `ts`: x holds `first..<first + 4`, y its negation, z the constant 1.
    static func frame(ts: Int64, first: Int, hz: Double = 100, axes: [String] = ["x", "y", "z"]) throws -> SensorFrame {
        let values = (first..<(first + 4)).map(Float.init)
        let columns: [String: [Float]] = ["x": values, "y": values.map { -$0 }, "z": [1, 1, 1, 1], "t": values]
        return try SensorFrame(
            ts: ts,
            hz: hz,
            axes: axes.map { SensorFrame.Axis(name: $0, samples: columns[$0]!) }
        )
    }

    /// Feeds `payloads` on sensor `vibration` and returns the outcomes and the vectors.
    static func run(
        _ payloads: [[UInt8]],
        into reassembler: inout SensorReassembler,
        sensor: String = "vibration"
    ) -> ([FrameOutcome], [FeatureVector]) {
        var vectors: [FeatureVector] = []
        let outcomes = payloads.map { payload in
            reassembler.accept(payload: payload, device: device, sensor: sensor) { vectors.append($0) }
        }
        return (outcomes, vectors)
    }

    /// Frames 0, 1, 2, … back to back (40 ms each), binary or JSON alternately.
    static func continuous(_ count: Int, from index: Int = 0) throws -> [[UInt8]] {
        try (index..<(index + count)).map { i in
            let frame = try frame(ts: start + Int64(i) * 40, first: 4 * i)
            return i.isMultiple(of: 2) ? frame.encode() : frame.encodeJSON()
        }
    }

    @Test func continuousFramesGiveAWindowEveryHopWithItsStartTime() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        let (outcomes, vectors) = Self.run(try Self.continuous(5), into: &reassembler)
        // 20 samples: windows start at samples 0, 4, 8, 12 (the first completes with the second frame).
        #expect(
            outcomes == [.accepted(windows: 0, gap: false)]
                + Array(repeating: .accepted(windows: 1, gap: false), count: 4)
        )
        #expect(vectors.map(\.windowStartMs) == [0, 40, 80, 120].map { Self.start + $0 })
        for (index, vector) in vectors.enumerated() {
            let first = Float(4 * index)
            // x mean, x max, y mean, y max, z mean, z max of samples first..<first + 8.
            #expect(vector.values == [first + 3.5, first + 7, -(first + 3.5), -first, 1, 1])
            #expect(vector.device == Self.device)
            #expect(vector.sensor == "vibration")
            #expect(vector.pipelineGeneration == 0)
        }
        #expect(reassembler.counters.framesAccepted == 5)
        #expect(reassembler.counters.vectors == 4)
    }

    @Test func jitterWithinTheToleranceIsContinuous() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        let payloads = try [0, 41, 79, 121].enumerated().map { index, offset in
            try Self.frame(ts: Self.start + Int64(offset), first: 4 * index).encode()
        }
        let (outcomes, vectors) = Self.run(payloads, into: &reassembler)
        #expect(outcomes.allSatisfy { if case .accepted(_, gap: false) = $0 { true } else { false } })
        #expect(vectors.count == 3)
        #expect(reassembler.counters.gaps == 0)
    }

    @Test func duplicateAndOutOfOrderFramesAreDroppedAndCounted() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        let frames = try Self.continuous(4)
        // 0, 1, 1 again, 0 again (older), a frame overlapping the end of 1 by 20 ms, then 2 and 3 as normal.
        let overlapping = try Self.frame(ts: Self.start + 60, first: 100).encode()
        let (outcomes, vectors) = Self.run(
            [frames[0], frames[1], frames[1], frames[0], overlapping, frames[2], frames[3]],
            into: &reassembler
        )
        #expect(outcomes[2] == .dropped(.duplicate))
        #expect(outcomes[3] == .dropped(.outOfOrder))
        #expect(outcomes[4] == .dropped(.outOfOrder))
        #expect(vectors.map(\.windowStartMs) == [0, 40, 80].map { Self.start + $0 })
        #expect(vectors.map { $0.values[0] } == [3.5, 7.5, 11.5])
        #expect(reassembler.counters.framesDuplicate == 1)
        #expect(reassembler.counters.framesOutOfOrder == 2)
        #expect(reassembler.counters.framesAccepted == 4)
    }

    @Test func aGapRestartsTheWindowSoNoneSpansMissingSamples() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        // Frames 0, 1, then 3, 4, 5 (frame 2 lost).
        let frames = try Self.continuous(2) + Self.continuous(3, from: 3)
        let (outcomes, vectors) = Self.run(frames, into: &reassembler)
        #expect(outcomes[2] == .accepted(windows: 0, gap: true))
        #expect(reassembler.counters.gaps == 1)
        // One window before the gap; after it, windows start at frame 3's ts and 4 samples later.
        #expect(vectors.map(\.windowStartMs) == [0, 120, 160].map { Self.start + $0 })
        #expect(vectors.map { $0.values[0] } == [3.5, 15.5, 19.5])
    }

    @Test func aClockGoingBackRestartsTheStreamInsteadOfDroppingEverythingAfter() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        // Two frames, one from an hour ahead, then the stream carries on where it was.
        let future = try Self.frame(ts: Self.start + 3_600_000, first: 0).encode()
        let (outcomes, vectors) = Self.run(
            try Self.continuous(2) + [future] + Self.continuous(2, from: 2),
            into: &reassembler
        )
        #expect(outcomes[2] == .accepted(windows: 0, gap: true))
        #expect(outcomes[3] == .accepted(windows: 0, gap: true))
        #expect(outcomes[4] == .accepted(windows: 1, gap: false))
        #expect(reassembler.counters.rewinds == 1)
        #expect(reassembler.counters.gaps == 2)
        #expect(vectors.map(\.windowStartMs) == [Self.start, Self.start + 80])
    }

    @Test func framesThatDoNotFitThePipelineAreDroppedByReason() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        let nanFrame: [UInt8] = {
            var bytes = try! Self.frame(ts: Self.start, first: 0).encode()
            // The last sample of z, little endian float32 NaN.
            bytes.replaceSubrange((bytes.count - 4)..., with: [0x00, 0x00, 0xC0, 0x7F])
            return bytes
        }()
        let cases: [([UInt8], String, FrameDropReason)] = [
            (try Self.frame(ts: Self.start, first: 0, hz: 200).encode(), "vibration", .sampleRateMismatch),
            (try Self.frame(ts: Self.start, first: 0, axes: ["x", "y"]).encode(), "vibration", .wrongAxes),
            (Array(#"{"v":1,"ts":1,"hz":100,"axes":{}}"#.utf8), "vibration", .undecodable),
            (Array("not a frame".utf8), "vibration", .undecodable),
            ([], "vibration", .undecodable),
            (Array("SF1".utf8) + [1, 2, 3], "vibration", .undecodable),
            (nanFrame, "vibration", .undecodable),
            (try Self.frame(ts: Self.start, first: 0).encode(), "temperature", .otherSensor),
        ]
        for (payload, sensor, reason) in cases {
            let (outcomes, vectors) = Self.run([payload], into: &reassembler, sensor: sensor)
            #expect(outcomes == [.dropped(reason)], "\(reason)")
            #expect(vectors.isEmpty)
        }
        let counters = reassembler.counters
        #expect(counters.framesSampleRateMismatch == 1)
        #expect(counters.framesWrongAxes == 1)
        #expect(counters.framesUndecodable == 5)
        #expect(counters.framesOtherSensor == 1)
        #expect(counters.framesAccepted == 0)
        // None of them started a stream: the next frames run as if they were the first.
        let (_, vectors) = Self.run(try Self.continuous(2, from: 7), into: &reassembler)
        #expect(vectors.map(\.windowStartMs) == [Self.start + 280])
    }

    @Test func extraAxesAreIgnored() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        let payloads = try (0..<2).map {
            try Self.frame(ts: Self.start + Int64($0) * 40, first: 4 * $0, axes: ["x", "y", "z", "t"]).encode()
        }
        let (_, vectors) = Self.run(payloads, into: &reassembler)
        #expect(vectors.map(\.values) == [[3.5, 7, -3.5, 0, 1, 1]])
    }

    @Test func streamsOfDifferentDevicesAreReassembledApart() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        let other = DeviceID(validating: "dev-2")!
        var vectors: [FeatureVector] = []
        for (index, payload) in try Self.continuous(3).enumerated() {
            for device in [Self.device, other] {
                let outcome = reassembler.accept(payload: payload, device: device, sensor: "vibration") {
                    vectors.append($0)
                }
                #expect(outcome == .accepted(windows: index == 0 ? 0 : 1, gap: false))
            }
        }
        #expect(vectors.map(\.device) == [Self.device, other, Self.device, other])
    }

    @Test func replacingThePipelineRestartsStreamsWithTheNextGeneration() throws {
        var reassembler = try SensorReassembler(config: Self.config, gapTolerance: .milliseconds(2))
        _ = Self.run(try Self.continuous(3), into: &reassembler)
        var next = Self.config
        next.timeFeatures = [.min]
        next.hop = 8
        try reassembler.replace(config: next)
        #expect(reassembler.generation == 1)
        #expect(reassembler.counters.pipelineReplacements == 1)
        let (outcomes, vectors) = Self.run(try Self.continuous(2, from: 3), into: &reassembler)
        #expect(outcomes == [.accepted(windows: 0, gap: false), .accepted(windows: 1, gap: false)])
        #expect(vectors.map(\.values) == [[12, -19, 1]])
        #expect(vectors.map(\.pipelineGeneration) == [1])

        var invalid = next
        invalid.hop = 0
        #expect(throws: FeatureError.self) { try reassembler.replace(config: invalid) }
        #expect(reassembler.config == next)
        #expect(reassembler.generation == 1)
    }

    @Test func dropLogLimiterAdmitsOneLinePerKindPerInterval() {
        var limiter = DropLogLimiter(interval: .seconds(10))
        let t0 = ContinuousClock.now
        #expect(limiter.admit("duplicate", at: t0) == 0)
        #expect(limiter.admit("duplicate", at: t0 + .seconds(1)) == nil)
        #expect(limiter.admit("gap", at: t0 + .seconds(1)) == 0)
        #expect(limiter.admit("duplicate", at: t0 + .seconds(9)) == nil)
        #expect(limiter.admit("duplicate", at: t0 + .seconds(10)) == 2)
        #expect(limiter.admit("duplicate", at: t0 + .seconds(11)) == nil)
    }
}
