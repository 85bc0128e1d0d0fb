import WireProtocol

/// A payload ready to publish on `sensors/{device}/{sensor}`.
public struct OutgoingFrame: Sendable, Hashable {
    /// The sensor, which names the topic.
    public let sensor: SimulatedSensor
    /// The encoded frame (or a deliberately malformed one).
    public let payload: [UInt8]
}

/// What a device's delivery faults did so far.
public struct DeliveryCounts: Sendable, Hashable {
    /// Frames handed to the injector.
    public var frames = 0
    /// Frames lost while disconnected.
    public var dropped = 0
    /// Extra copies sent.
    public var duplicated = 0
    /// Frames sent after the next frame of their sensor.
    public var reordered = 0
    /// Frames whose payload was cut short.
    public var malformed = 0
    /// Frames held back in a burst.
    public var burst = 0
    /// Frames whose timestamp was shifted.
    public var skewed = 0

    /// No faults yet.
    public init() {}
}

/// Turns a device's frames into the payloads it publishes, applying its ``DeliveryFaults``: clock skew,
/// disconnects, bursts, malformed payloads, duplicates and out-of-order frames. Pure and deterministic for a seed.
public struct DeliveryInjector: Sendable {
    /// The faults applied.
    public let faults: DeliveryFaults
    /// The payload encoding.
    public let format: FrameFormat
    /// What the faults did so far.
    public private(set) var counts = DeliveryCounts()
    private var random: Xoshiro256
    private var heldBack: [SimulatedSensor: OutgoingFrame] = [:]
    private var burstQueue: [OutgoingFrame] = []

    /// An injector of `faults`, drawing its random choices from `seed`.
    public init(faults: DeliveryFaults, format: FrameFormat, seed: UInt64) {
        self.faults = faults
        self.format = format
        random = Xoshiro256(seed: seed)
    }

    /// The payloads to publish now for `frames`, in order.
    ///
    /// - Throws: `WireError` only if a skewed timestamp breaks the wire rules (beyond year 9999).
    public mutating func deliver(_ frames: DeviceFrames) throws(WireError) -> [OutgoingFrame] {
        let time = frames.time
        var output: [OutgoingFrame] = []
        let inBurst = faults.bursts.contains { $0.contains(time) }
        if !inBurst, !burstQueue.isEmpty {
            output += burstQueue
            burstQueue.removeAll()
        }
        let offline = faults.disconnects.contains { $0.contains(time) }
        for sensor in SimulatedSensor.allCases {
            guard var frame = frames.frame(of: sensor) else { continue }
            counts.frames += 1
            guard !offline else {
                counts.dropped += 1
                continue
            }
            if let skew = faults.clockSkew, skew.window.contains(time) {
                let ts = max(0, frame.ts + Int64(skew.shift(at: time).rounded()))
                frame = try SensorFrame(ts: ts, hz: frame.hz, axes: frame.axes)
                counts.skewed += 1
            }
            var payload = format.encode(frame)
            if hits(faults.malformed, at: time) {
                // Any proper prefix of either form fails to decode: JSON loses its closing braces, binary its
                // samples or header.
                payload.removeLast(Int.random(in: 1..<payload.count, using: &random))
                counts.malformed += 1
            }
            var copies = [OutgoingFrame(sensor: sensor, payload: payload)]
            if hits(faults.duplicate, at: time) {
                copies.append(copies[0])
                counts.duplicated += 1
            }
            if inBurst {
                burstQueue += copies
                counts.burst += 1
                continue
            }
            let late = heldBack.removeValue(forKey: sensor)
            if late == nil, hits(faults.outOfOrder, at: time) {
                heldBack[sensor] = copies.removeFirst()
                counts.reordered += 1
            }
            output += copies
            if let late { output.append(late) }
        }
        return output
    }

    /// Frames still held back (in a burst or waiting to be sent out of order), to publish at the end of a run.
    public mutating func flush() -> [OutgoingFrame] {
        defer {
            burstQueue.removeAll()
            heldBack.removeAll()
        }
        return burstQueue + SimulatedSensor.allCases.compactMap { heldBack[$0] }
    }

    private mutating func hits(_ fault: DeliveryFaults.RandomFault?, at time: Double) -> Bool {
        guard let fault, fault.rate > 0, fault.window.contains(time) else { return false }
        return random.unitInterval() < fault.rate
    }
}
