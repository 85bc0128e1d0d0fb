import Foundation

/// A validated `.edgemodel` artifact: its manifest and the raw tensor data the manifest points into.
///
/// File layout (all integers little-endian):
/// ```
/// "EDGEMODL"  u32 format version (1)  u64 body length   zlib(body)
/// body = u32 manifest length, manifest JSON (UTF-8), tensor data
/// ```
/// A value of this type has passed every check of ``init(bytes:limits:)``: offsets in range, shapes consistent
/// with the layers, quantization parameters present and finite. Build one from parts with
/// ``init(manifest:data:limits:)``, which runs the same checks.
public struct ModelArtifact: Sendable, Hashable {
    /// The 8 bytes every artifact starts with.
    public static let magic: [UInt8] = Array("EDGEMODL".utf8)
    /// The format version this build reads and writes.
    public static let formatVersion: UInt32 = 1
    /// Bytes before the zlib body: magic, version, body length.
    static let headerBytes = 8 + 4 + 8

    /// What the model is and where its tensors are.
    public let manifest: ModelManifest
    /// The tensor data section that ``TensorInfo/offset`` values point into.
    public let data: [UInt8]
    /// The manifest as the file stores it; encoding it once here proves ``encoded()`` cannot fail.
    let manifestJSON: [UInt8]

    /// An artifact from a manifest and its data section, validated.
    ///
    /// - Throws: `ArtifactError` for any inconsistency (see ``ArtifactError/Code``).
    public init(manifest: ModelManifest, data: [UInt8], limits: ArtifactLimits = .standard) throws(ArtifactError) {
        try ArtifactValidator(manifest: manifest, data: data, limits: limits).validate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            manifestJSON = [UInt8](try encoder.encode(manifest))
        } catch {
            throw ArtifactError(.badManifest, "manifest", "not encodable: \(error)")
        }
        guard manifestJSON.count <= limits.maxManifestBytes else {
            throw ArtifactError(
                .limitExceeded,
                "manifest",
                "\(manifestJSON.count) bytes, limit \(limits.maxManifestBytes)"
            )
        }
        self.manifest = manifest
        self.data = data
    }
}
