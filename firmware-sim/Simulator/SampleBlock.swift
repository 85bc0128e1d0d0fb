/// Preallocated buffers for one block of samples from every sensor of a machine, refilled by
/// ``VibrationModel/generate(into:)`` without allocating.
///
/// The accelerometer axes always hold ``count`` samples; the slower temperature and current sensors hold the
/// samples that fell due within the block's time span, possibly none.
public struct SampleBlock: Sendable {
    /// Acceleration on x, g.
    public internal(set) var x: [Float]
    /// Acceleration on y, g.
    public internal(set) var y: [Float]
    /// Acceleration on z, g.
    public internal(set) var z: [Float]
    /// Temperature readings, °C.
    public internal(set) var temperature: [Float] = []
    /// Motor current readings, A RMS.
    public internal(set) var current: [Float] = []
    /// Index, since the model started, of the first vibration sample in the block.
    public internal(set) var firstVibrationIndex = 0
    /// Index, since the model started, of the first temperature sample in the block.
    public internal(set) var firstTemperatureIndex = 0
    /// Index, since the model started, of the first current sample in the block.
    public internal(set) var firstCurrentIndex = 0

    /// Buffers of `count` vibration samples per axis (negative counts as 0), zero until generated.
    public init(count: Int) {
        let zeros = [Float](repeating: 0, count: max(0, count))
        x = zeros
        y = zeros
        z = zeros
    }

    /// Vibration samples per axis.
    public var count: Int { x.count }
}
