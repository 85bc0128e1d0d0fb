import FoundationEssentials
import SignalFeatures

/// A stable 64-bit identity of a feature pipeline: FNV-1a of its JSON with sorted keys. Local samples are stored
/// under the fingerprint of the pipeline that computed them, so training only ever mixes vectors of one pipeline.
public struct PipelineFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The hash.
    public let value: UInt64

    /// The fingerprint of `config`.
    public init(_ config: FeaturePipelineConfig) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A FeaturePipelineConfig holds only strings, numbers and arrays: encoding cannot fail.
        let bytes = (try? encoder.encode(config)).map(Array.init) ?? []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        value = hash
    }

    /// A fingerprint read back from storage.
    init(value: UInt64) {
        self.value = value
    }

    /// Sixteen hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
