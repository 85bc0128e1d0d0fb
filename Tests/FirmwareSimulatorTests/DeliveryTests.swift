import FirmwareSimulator
import Testing
import WireProtocol

@Suite struct DeliveryTests {
    /// What one device of a group with `faults` publishes over `seconds` one-second frames at 100 Hz, flushed at
    /// the end, tick by tick, with the injector's counts.
    static func deliver(
        faults: String,
        seconds: Int,
        format: FrameFormat = .binary
    ) throws -> (ticks: [[OutgoingFrame]], counts: DeliveryCounts) {
        let scenario = try ScenarioFixture.group("faults: \(faults)", rate: 100)
        var fleet = try FleetSimulation(
            scenario: scenario,
            settings: scenario.settings(seed: 2, format: format),
            startTimestamp: 1_700_000_000_000
        )
        var ticks: [[OutgoingFrame]] = []
        for _ in 0..<seconds {
            ticks.append(try fleet.delivery[0].deliver(fleet.devices[0].nextFrames()))
        }
        ticks.append(fleet.delivery[0].flush())
        return (ticks, fleet.delivery[0].counts)
    }

    /// The timestamp of each decodable frame of `sensor`, in publishing order.
    static func timestamps(_ ticks: [[OutgoingFrame]], of sensor: SimulatedSensor) -> [Int64] {
        ticks.joined().filter { $0.sensor == sensor }.compactMap { try? SensorFrame.decode($0.payload).ts }
    }

    @Test(arguments: [(0.05, FrameFormat.binary), (0.2, .json), (0.5, .binary)])
    func malformedPayloadsComeAtTheConfiguredRate(rate: Double, format: FrameFormat) throws {
        let seconds = format == .json ? 300 : 1_000
        let (ticks, counts) = try Self.deliver(faults: "{malformed: {rate: \(rate)}}", seconds: seconds, format: format)
        let payloads = ticks.joined()
        let bad = payloads.filter { (try? SensorFrame.decode($0.payload)) == nil }.count
        #expect(payloads.count == 3 * seconds)
        #expect(bad == counts.malformed)
        // Binomial: within 4 standard deviations.
        let tolerance = 4 * (rate * (1 - rate) / Double(payloads.count)).squareRoot()
        #expect(abs(Double(bad) / Double(payloads.count) - rate) < tolerance, "\(bad) of \(payloads.count)")
    }

    @Test func duplicatesAreSentTwiceInARow() throws {
        let (ticks, counts) = try Self.deliver(faults: "{duplicate: {rate: 0.1}}", seconds: 1_000)
        let payloads = Array(ticks.joined())
        let repeats = zip(payloads, payloads.dropFirst()).filter { $0 == $1 }.count
        #expect(repeats == counts.duplicated)
        #expect(payloads.count == 3_000 + counts.duplicated)
        #expect(abs(Double(counts.duplicated) / 3_000 - 0.1) < 4 * (0.09 / 3_000).squareRoot())
    }

    @Test func outOfOrderFramesComeRightAfterTheirSuccessor() throws {
        let (ticks, counts) = try Self.deliver(faults: "{out_of_order: {rate: 0.1}}", seconds: 1_000)
        var inversions = 0
        for sensor in SimulatedSensor.allCases {
            let stamps = Self.timestamps(ticks, of: sensor)
            // Every frame arrives exactly once; a late one comes right after the next, so no gap exceeds 3 frames.
            #expect(stamps.sorted() == (0..<1_000).map { 1_700_000_000_000 + Int64($0) * 1_000 })
            inversions += zip(stamps, stamps.dropFirst()).filter { $0 > $1 }.count
            #expect(zip(stamps, stamps.dropFirst()).allSatisfy { abs($0 - $1) <= 3_000 })
        }
        // A frame held back at the last tick has no successor: the final flush sends it in order.
        #expect(inversions == counts.reordered - ticks.last!.count)
        #expect(abs(Double(counts.reordered) / 3_000 - 0.09) < 0.025)
    }

    @Test func clockSkewShiftsTimestampsByOffsetAndDrift() throws {
        let (ticks, counts) = try Self.deliver(
            faults: "{clock_skew: {start: 10, offset_ms: 2500, ppm: 1000}}",
            seconds: 20
        )
        let stamps = Self.timestamps(ticks, of: .vibration)
        for (second, ts) in stamps.enumerated() {
            let truth = 1_700_000_000_000 + Int64(second) * 1_000
            // 1000 ppm: one more millisecond per second since the start of the skew.
            let shift: Int64 = second < 10 ? 0 : 2_500 + Int64(second - 10)
            #expect(ts == truth + shift, "second \(second)")
        }
        #expect(counts.skewed == 30)
    }

    @Test func aDisconnectLosesTheFramesOfItsPeriod() throws {
        let (ticks, counts) = try Self.deliver(faults: "{disconnect: [{start: 5, duration: 3}]}", seconds: 10)
        #expect(ticks.map(\.count) == [3, 3, 3, 3, 3, 0, 0, 0, 3, 3, 0])
        #expect(counts.dropped == 9)
        #expect(Self.timestamps(ticks, of: .current).count == 7)
    }

    @Test func aBurstHoldsFramesAndSendsThemTogether() throws {
        let (ticks, counts) = try Self.deliver(faults: "{burst: [{start: 5, duration: 3}]}", seconds: 10)
        #expect(ticks.map(\.count) == [3, 3, 3, 3, 3, 0, 0, 0, 12, 3, 0])
        #expect(counts.burst == 9)
        // Nothing is lost and the order is kept.
        let stamps = Self.timestamps(ticks, of: .vibration)
        #expect(stamps == (0..<10).map { 1_700_000_000_000 + Int64($0) * 1_000 })
    }

    @Test func withoutFaultsEveryFrameIsSentOnceAsEncoded() throws {
        let (ticks, counts) = try Self.deliver(faults: "{}", seconds: 5)
        #expect(ticks.map(\.count) == [3, 3, 3, 3, 3, 0])
        #expect(
            counts
                == {
                    var expected = DeliveryCounts()
                    expected.frames = 15
                    return expected
                }()
        )
    }
}
