/// The last `windowLength` samples of every axis of one stream, in ring buffers, handing out a window every `hop`
/// samples once the first `windowLength` have arrived (`hop < windowLength` overlaps windows, `hop ==
/// windowLength` tiles them).
///
/// Storage is allocated once by `init`; appending and handing out windows allocate nothing.
public struct SlidingWindow: Sendable {
    /// Axes per sample.
    public let axisCount: Int
    /// Samples per window per axis.
    public let windowLength: Int
    /// Samples between the starts of consecutive windows.
    public let hop: Int
    /// Samples appended since the start or the last ``reset()``, per axis.
    public private(set) var sampleCount: UInt64 = 0

    /// Axis after axis, `windowLength` slots each; slot `sampleCount % windowLength` is written next.
    private var ring: [Float]
    /// The window handed out, axis after axis, oldest sample first.
    private var window: [Float]
    /// Samples still to append before the next window is due.
    private var untilNextWindow: Int

    /// An empty window buffer; the parameters are assumed valid (`windowLength ≥ 1`, `1 ≤ hop ≤ windowLength`).
    public init(axisCount: Int, windowLength: Int, hop: Int) {
        self.axisCount = axisCount
        self.windowLength = windowLength
        self.hop = hop
        ring = Array(repeating: 0, count: axisCount * windowLength)
        window = Array(repeating: 0, count: axisCount * windowLength)
        untilNextWindow = windowLength
    }

    /// Forgets every sample: the next window starts with the next sample appended.
    public mutating func reset() {
        sampleCount = 0
        untilNextWindow = windowLength
    }

    /// Appends `block`, `count` samples of each axis, axis after axis (`block.count == axisCount × count`), and
    /// calls `body` with every window that completes, in order: the index of its first sample (counted since the
    /// last ``reset()``) and its samples, axis after axis, valid only during the call.
    public mutating func append(
        _ block: UnsafeBufferPointer<Float>,
        count: Int,
        _ body: (_ firstSample: UInt64, _ window: UnsafeBufferPointer<Float>) throws(FeatureError) -> Void
    ) throws(FeatureError) {
        var consumed = 0
        while consumed < count {
            let chunk = Swift.min(count - consumed, untilNextWindow)
            write(block, from: consumed, count: chunk, stride: count)
            consumed += chunk
            untilNextWindow -= chunk
            guard untilNextWindow == 0 else { continue }
            untilNextWindow = hop
            try handOut(body)
        }
    }

    /// Copies `count` samples per axis, starting at sample `start` of a block whose axes are `stride` apart, into the
    /// ring, wrapping around its end.
    private mutating func write(_ block: UnsafeBufferPointer<Float>, from start: Int, count: Int, stride: Int) {
        let length = windowLength
        var slot = Int(sampleCount % UInt64(length))
        var copied = 0
        ring.withUnsafeMutableBufferPointer { ring in
            while copied < count {
                let run = Swift.min(count - copied, length - slot)
                for axis in 0..<axisCount {
                    let source = block.baseAddress! + axis * stride + start + copied
                    (ring.baseAddress! + axis * length + slot).update(from: source, count: run)
                }
                copied += run
                slot = (slot + run) % length
            }
        }
        sampleCount += UInt64(count)
    }

    /// Unrolls the ring into ``window`` (oldest first) and calls `body` with it.
    private mutating func handOut(
        _ body: (_ firstSample: UInt64, _ window: UnsafeBufferPointer<Float>) throws(FeatureError) -> Void
    ) throws(FeatureError) {
        let length = windowLength
        let oldest = Int(sampleCount % UInt64(length))
        ring.withUnsafeBufferPointer { ring in
            window.withUnsafeMutableBufferPointer { window in
                for axis in 0..<axisCount {
                    let source = ring.baseAddress! + axis * length
                    let target = window.baseAddress! + axis * length
                    target.update(from: source + oldest, count: length - oldest)
                    (target + length - oldest).update(from: source, count: oldest)
                }
            }
        }
        let first = sampleCount - UInt64(length)
        try window.withUnsafeBufferPointer { (window) throws(FeatureError) in try body(first, window) }
    }
}
