import Foundation
import ZlibCompression

extension ModelArtifact {
    /// Reads and validates an artifact file.
    ///
    /// Memory stays bounded by `limits.maxBodyBytes` whatever the header claims.
    /// - Throws: `ArtifactError`: `.badMagic`, `.unsupportedVersion`, `.truncated`, `.limitExceeded`,
    ///   `.corruptBody`, `.badManifest`, then the checks of ``init(manifest:data:limits:)``.
    public init(bytes: [UInt8], limits: ArtifactLimits = .standard) throws(ArtifactError) {
        guard bytes.count >= Self.headerBytes else {
            throw ArtifactError(
                .truncated,
                "header",
                "\(bytes.count) bytes, the header alone takes \(Self.headerBytes)"
            )
        }
        guard Array(bytes[0..<8]) == Self.magic else {
            throw ArtifactError(.badMagic, "header", "the file does not start with EDGEMODL")
        }
        let version = UInt32(littleEndianBytes: bytes[8..<12])
        guard version == Self.formatVersion else {
            throw ArtifactError(.unsupportedVersion, "header", "format version \(version), this build reads 1")
        }
        let declared = UInt64(littleEndianBytes: bytes[12..<20])
        guard declared <= UInt64(limits.maxBodyBytes) else {
            throw ArtifactError(.limitExceeded, "header", "body of \(declared) bytes, limit \(limits.maxBodyBytes)")
        }
        let body: [UInt8]
        do {
            body = try Zlib.decompress(bytes[Self.headerBytes...], maxOutputBytes: Int(declared))
        } catch {
            let code: ArtifactError.Code = error.code == .truncated ? .truncated : .corruptBody
            throw ArtifactError(code, "body", error.description)
        }
        guard body.count == Int(declared) else {
            throw ArtifactError(.corruptBody, "body", "\(body.count) bytes, the header declares \(declared)")
        }
        guard body.count >= 4 else { throw ArtifactError(.truncated, "body", "no manifest length") }
        let manifestCount = Int(UInt32(littleEndianBytes: body[0..<4]))
        guard manifestCount <= limits.maxManifestBytes else {
            throw ArtifactError(.limitExceeded, "manifest", "\(manifestCount) bytes, limit \(limits.maxManifestBytes)")
        }
        guard manifestCount <= body.count - 4 else {
            throw ArtifactError(.truncated, "manifest", "\(manifestCount) bytes declared, \(body.count - 4) present")
        }
        let manifest: ModelManifest
        do {
            manifest = try JSONDecoder().decode(ModelManifest.self, from: Data(body[4..<(4 + manifestCount)]))
        } catch {
            throw ArtifactError(.badManifest, "manifest", String(describing: error))
        }
        try self.init(manifest: manifest, data: Array(body[(4 + manifestCount)...]), limits: limits)
    }

    /// The artifact as file bytes, zlib level 9.
    public func encoded() -> [UInt8] {
        let json = manifestJSON
        var body = UInt32(json.count).littleEndianBytes
        body.reserveCapacity(4 + json.count + data.count)
        body += json
        body += data
        // Level 9 is valid and zlib's state is small, so compression does not fail short of memory exhaustion.
        let compressed = try! Zlib.compress(body, level: 9)
        var file = Self.magic
        file += Self.formatVersion.littleEndianBytes
        file += UInt64(body.count).littleEndianBytes
        file += compressed
        return file
    }
}

extension FixedWidthInteger {
    /// The value read from `bytes` (exactly `bitWidth / 8` of them), least significant first.
    init(littleEndianBytes bytes: ArraySlice<UInt8>) {
        self = bytes.reversed().reduce(0) { ($0 << 8) | Self($1) }
    }

    /// The value's bytes, least significant first.
    var littleEndianBytes: [UInt8] {
        (0..<(bitWidth / 8)).map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}
