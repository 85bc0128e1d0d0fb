import FederatedAggregation
import ZlibCompression

/// A model delta as it travels in `FederatedUpdate.update`: the ``UpdateCodec`` form, zlib-compressed.
public enum UpdatePacking {
    /// The delta `trained − global`, encoded as `encoding` says and compressed.
    /// - Throws: `FederatedTrainingError` `.layoutMismatch` when the layouts differ, `.badUpdate` when encoding fails.
    public static func pack(
        trained: ModelParameters,
        global: ModelParameters,
        encoding: UpdateEncoding
    ) throws(FederatedTrainingError) -> [UInt8] {
        guard trained.layers.map(\.name) == global.layers.map(\.name),
            trained.layers.map(\.shape) == global.layers.map(\.shape)
        else {
            throw FederatedTrainingError(.layoutMismatch, "trained and global parameters have other layouts")
        }
        var delta = trained
        for index in delta.layers.indices {
            let base = global.layers[index].values
            for element in delta.layers[index].values.indices { delta.layers[index].values[element] -= base[element] }
        }
        do {
            return try Zlib.compress(try UpdateCodec.encode(delta, as: encoding))
        } catch {
            throw FederatedTrainingError(.badUpdate, "\(error)")
        }
    }

    /// The parameters a client trained to: `global` plus the delta in `packed`.
    /// - Parameter limits: bounds of the decoder; the inflated bytes are bounded by 4 bytes per element allowed plus
    ///   the per-layer overhead.
    /// - Throws: `FederatedTrainingError` `.badUpdate` for bad zlib, a bad encoding, another layout than `global` or
    ///   a non-finite sum.
    public static func unpack(
        _ packed: [UInt8],
        onto global: ModelParameters,
        limits: UpdateCodec.Limits = UpdateCodec.Limits()
    ) throws(FederatedTrainingError) -> ModelParameters {
        let maxBytes = 16 + limits.maxElements * 8 + limits.maxLayers * (8 + limits.maxNameBytes + 4 * 9)
        do {
            let delta = try UpdateCodec.decode(try Zlib.decompress(packed, maxOutputBytes: maxBytes), limits: limits)
            return try global.adding(delta)
        } catch {
            throw FederatedTrainingError(.badUpdate, "\(error)")
        }
    }
}
