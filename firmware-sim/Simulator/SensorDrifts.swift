/// Applies a device's sensor drifts (gain, offset, noise, stuck; ``DriftSpec``) to the samples it reports, and
/// tells when a sensor is dead. Pure and deterministic for a seed; its noise has its own stream, so adding a drift
/// never changes the underlying signal.
struct SensorDrifts: Sendable {
    private let drifts: [DriftSpec]
    private var noise: GaussianNoise
    /// Per sensor and axis: the value a stuck sensor repeats, and the last value reported.
    private var held: [String: Float] = [:]
    private var last: [String: Float] = [:]

    init(_ drifts: [DriftSpec], seed: UInt64) {
        self.drifts = drifts.filter { $0.kind != .speed }
        noise = GaussianNoise(seed: seed)
    }

    /// Whether `sensor` sends nothing at simulated second `time`.
    func isDead(_ sensor: SimulatedSensor, at time: Double) -> Bool {
        drifts.contains { $0.kind == .dead && $0.sensor == sensor && $0.window.contains(time) }
    }

    /// Applies the drifts of `axis` of `sensor` to `samples`, the first taken at sample index `first` at `rate`.
    mutating func apply(
        to samples: inout [Float],
        sensor: SimulatedSensor,
        axis: String,
        first: Int,
        rate: Double
    ) {
        let active = drifts.filter { $0.kind != .dead && $0.applies(to: sensor, axis: axis) }
        guard !active.isEmpty else { return }
        // The drifts of this axis are listed from the first frame on, so `last` is kept before a stuck one starts.
        let key = sensor.rawValue + "." + axis
        var previous = last[key]
        for index in samples.indices {
            let time = Double(first + index) / rate
            var value = Double(samples[index])
            var stuck = false
            for drift in active {
                let progress = drift.progress(at: time)
                switch drift.kind {
                case .gain: value *= 1 + (drift.magnitude - 1) * progress
                case .offset: value += drift.magnitude * progress
                case .noise where progress > 0: value += drift.magnitude * progress * noise.next()
                case .stuck where progress > 0: stuck = true
                case .noise, .stuck, .dead, .speed: break
                }
            }
            if stuck {
                let frozen = held[key] ?? previous ?? Float(value)
                held[key] = frozen
                samples[index] = frozen
            } else {
                held[key] = nil
                samples[index] = Float(value)
            }
            previous = samples[index]
        }
        last[key] = previous
    }
}
