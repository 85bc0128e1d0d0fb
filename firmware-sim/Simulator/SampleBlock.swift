/// Preallocated buffers for one block of samples from every sensor of a machine, refilled by
/// ``VibrationModel/generate(into:)`` without allocating.
public struct SampleBlock: Sendable {
    /// Acceleration on x, g.
    public internal(set) var x: [Float]
    /// Acceleration on y, g.
    public internal(set) var y: [Float]
    /// Acceleration on z, g.
    public internal(set) var z: [Float]
    /// Temperature readings, °C.
    public internal(set) var temperature: [Float]
    /// Motor current readings, A RMS.
    public internal(set) var current: [Float]

    /// Buffers of `count` samples each (negative counts as 0), zero until generated.
    public init(count: Int) {
        let zeros = [Float](repeating: 0, count: max(0, count))
        x = zeros
        y = zeros
        z = zeros
        temperature = zeros
        current = zeros
    }

    /// Samples per sensor axis.
    public var count: Int { x.count }
}
