/// The whole pipeline for one stream of samples (one device's sensor): the config's filter with its state carried
/// from block to block, a ``SlidingWindow`` per the config's window and hop, and a ``FeatureExtractor``.
///
/// Each block is checked in full before any of it is used, so a refused block leaves the stream as it was; the
/// refusal is thrown and counted in ``counters``. Vectors are handed to a closure while their window is current;
/// in steady state (blocks no longer than the longest seen) nothing is allocated.
///
/// A stream holds scratch memory, so one serves one thread at a time (it is not `Sendable`).
public final class FeatureStream {
    /// The pipeline; valid.
    public var config: FeaturePipelineConfig { extractor.config }
    /// Blocks taken and refused.
    public private(set) var counters = FeatureInputCounters()
    /// Samples per axis appended since the start or the last ``reset()``; the next block's first sample has this
    /// index.
    public var sampleCount: UInt64 { window.sampleCount }

    private let extractor: FeatureExtractor
    private var window: SlidingWindow
    private var filters: [BiquadFilter]
    /// The filtered copy of the current block.
    private var filtered: [Float] = []
    /// The vector being handed out.
    private let vector: UnsafeMutableBufferPointer<Float>

    /// A stream for `config`.
    /// - Throws: `.invalidConfig` as ``FeaturePipelineConfig/validate()`` does.
    public init(config: FeaturePipelineConfig) throws(FeatureError) {
        extractor = try FeatureExtractor(config: config)
        window = SlidingWindow(axisCount: config.axes.count, windowLength: config.windowLength, hop: config.hop)
        filters =
            config.filter.map { spec in
                Array(repeating: BiquadFilter(spec, sampleRateHz: config.sampleRateHz), count: config.axes.count)
            } ?? []
        vector = .allocate(capacity: config.featureCount)
        vector.initialize(repeating: 0)
    }

    deinit {
        vector.deallocate()
    }

    /// Forgets the samples and filter state of the past, as after a gap in the stream.
    public func reset() {
        window.reset()
        for index in filters.indices { filters[index].reset() }
    }

    /// Appends a block and calls `body` with the vector of every window it completes: the index of the window's
    /// first sample (see ``sampleCount``) and the vector in ``FeaturePipelineConfig/featureNames`` order, valid only
    /// during the call.
    ///
    /// - Parameters:
    ///   - block: `axisCount × samples` samples, axis after axis, in the config's axis order.
    ///   - axisCount: the axes in `block`.
    ///   - sampleRateHz: the block's sample rate.
    /// - Throws: `.badSampleRate` for a rate that is not finite or not in (0, 1 MHz] or differs from the config's by
    ///   more than 1 ppm, `.wrongAxisCount`, `.emptyInput` for a block with no samples, `.wrongLength` when
    ///   `block.count` is not a multiple of `axisCount`, `.nonFiniteSample` naming the axis and sample. All are
    ///   counted and leave the stream unchanged.
    public func append(
        _ block: UnsafeBufferPointer<Float>,
        axisCount: Int,
        sampleRateHz: Double,
        _ body: (_ firstSample: UInt64, _ vector: UnsafeBufferPointer<Float>) -> Void
    ) throws(FeatureError) {
        let samples: Int
        do {
            samples = try check(block, axisCount: axisCount, sampleRateHz: sampleRateHz)
        } catch {
            counters.count(error)
            throw error
        }
        counters.acceptedBlocks += 1
        guard !filters.isEmpty else {
            try feed(block, samples: samples, body)
            return
        }
        if filtered.count < block.count { filtered = Array(repeating: 0, count: block.count) }
        try filtered.withUnsafeMutableBufferPointer { (filtered) throws(FeatureError) in
            for axis in filters.indices {
                let range = (axis * samples)..<((axis + 1) * samples)
                let axisSamples = UnsafeMutableBufferPointer(rebasing: filtered[range])
                _ = axisSamples.update(fromContentsOf: UnsafeBufferPointer(rebasing: block[range]))
                filters[axis].process(axisSamples)
            }
            try feed(UnsafeBufferPointer(rebasing: filtered[0..<block.count]), samples: samples, body)
        }
    }

    /// Windows `block` (checked, filtered) and hands out the vectors.
    private func feed(
        _ block: UnsafeBufferPointer<Float>,
        samples: Int,
        _ body: (_ firstSample: UInt64, _ vector: UnsafeBufferPointer<Float>) -> Void
    ) throws(FeatureError) {
        try window.append(block, count: samples) { (first, samples) throws(FeatureError) in
            try extractor.extract(window: samples, into: vector)
            counters.windows += 1
            body(first, UnsafeBufferPointer(vector))
        }
    }

    /// The samples per axis in a valid block; throws the reason it is not valid.
    private func check(
        _ block: UnsafeBufferPointer<Float>,
        axisCount: Int,
        sampleRateHz: Double
    ) throws(FeatureError) -> Int {
        let config = config
        guard sampleRateHz.isFinite, sampleRateHz > 0, sampleRateHz <= FeaturePipelineConfig.maxSampleRateHz else {
            throw FeatureError(.badSampleRate, "block: \(sampleRateHz) Hz is not in (0, 1e6]")
        }
        guard abs(sampleRateHz - config.sampleRateHz) <= 1e-6 * config.sampleRateHz else {
            throw FeatureError(.badSampleRate, "block: \(sampleRateHz) Hz, the pipeline expects \(config.sampleRateHz)")
        }
        guard axisCount == config.axes.count else {
            throw FeatureError(.wrongAxisCount, "block: \(axisCount) axes, the pipeline reads \(config.axes.count)")
        }
        guard !block.isEmpty else { throw FeatureError(.emptyInput, "block: no samples") }
        guard block.count % axisCount == 0 else {
            throw FeatureError(.wrongLength, "block: \(block.count) samples do not split into \(axisCount) axes")
        }
        let samples = block.count / axisCount
        if let bad = block.firstIndex(where: { !$0.isFinite }) {
            throw FeatureError(
                .nonFiniteSample,
                "block.\(config.axes[bad / samples])[\(bad % samples)]: \(block[bad]) is not finite"
            )
        }
        return samples
    }
}
