/// The hub's answer to an ``ArtifactRequest``, on `{prefix}/{device}/artifact/chunk`: a byte range of an artifact,
/// or why there is none.
///
/// Binary, little-endian: magic `AC1`, version `u8`, status `u8`, request seq `u64`, name (`u8` length + UTF-8),
/// version `u32`, total length `u64`, offset `u64`, data length `u32`, data. A status other than ``Status/ok``
/// carries no data.
public struct ArtifactChunk: WireMessage {
    /// Whether the range could be served.
    public enum Status: UInt8, Sendable, Hashable {
        /// `data` holds the bytes from `offset`.
        case ok = 0
        /// The hub has no such model or version.
        case unknownArtifact = 1
        /// The range starts at or past the end of the artifact.
        case badRange = 2
    }

    /// Whether data follows.
    public let status: Status
    /// The ``ArtifactRequest/seq`` this answers.
    public let requestSeq: UInt64
    /// Registry name of the model.
    public let name: String
    /// Version of the model.
    public let version: UInt32
    /// Length of the whole artifact, bytes (0 when unknown).
    public let totalLength: UInt64
    /// Where `data` starts in the artifact.
    public let offset: UInt64
    /// The bytes, at most ``ArtifactRequest/maxLength``; empty unless `status` is ``Status/ok``.
    public let data: [UInt8]

    static let magic: [UInt8] = Array("AC1".utf8)

    /// The header fields around a longest name, plus the largest data.
    public static let maxEncodedBytes = 3 + 1 + 1 + 8 + 1 + 64 + 4 + 8 + 8 + 4 + Int(ArtifactRequest.maxLength)

    /// Validates every field.
    ///
    /// - Throws: `.invalidField` for a bad name, data over 256 KiB, data with a status other than `ok`, or data that
    ///   reaches past `totalLength`.
    public init(
        status: Status,
        requestSeq: UInt64,
        name: String,
        version: UInt32,
        totalLength: UInt64,
        offset: UInt64,
        data: [UInt8]
    ) throws(WireError) {
        try FieldRules.identifier(name, "ArtifactChunk.name")
        guard data.count <= Int(ArtifactRequest.maxLength) else {
            throw WireError(.invalidField, "ArtifactChunk.data: \(data.count) bytes, more than 256 KiB")
        }
        guard status == .ok || data.isEmpty else {
            throw WireError(.invalidField, "ArtifactChunk.data: \(data.count) bytes with status \(status)")
        }
        let (end, overflow) = offset.addingReportingOverflow(UInt64(data.count))
        guard !overflow, end <= totalLength || data.isEmpty else {
            throw WireError(.invalidField, "ArtifactChunk.data: ends past the total length \(totalLength)")
        }
        self.status = status
        self.requestSeq = requestSeq
        self.name = name
        self.version = version
        self.totalLength = totalLength
        self.offset = offset
        self.data = data
    }

    /// The binary form.
    public func encode() -> [UInt8] {
        var writer = WireWriter(magic: Self.magic, capacity: 48 + name.utf8.count + data.count)
        writer.write(status.rawValue)
        writer.write(requestSeq)
        writer.writeString(name, lengthAs: UInt8.self)
        writer.write(version)
        writer.write(totalLength)
        writer.write(offset)
        writer.write(UInt32(data.count))
        writer.write(bytes: data)
        return writer.bytes
    }

    /// Decodes and validates a chunk.
    ///
    /// - Throws: `.oversized`, `.badMagic`, `.unsupportedVersion`, `.truncated`, `.malformed` for bytes left over,
    ///   `.invalidField` for an unknown status or a field against the initialiser's rules.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> ArtifactChunk {
        var reader = try WireReader(bytes, magic: magic, maxBytes: maxEncodedBytes, message: "ArtifactChunk")
        let rawStatus = try reader.read(UInt8.self, "status")
        guard let status = Status(rawValue: rawStatus) else {
            throw WireError(.invalidField, "ArtifactChunk.status: unknown status \(rawStatus)")
        }
        let requestSeq = try reader.read(UInt64.self, "requestSeq")
        let name = try reader.readString(lengthAs: UInt8.self, maxBytes: FieldRules.maxIdentifierBytes, "name")
        let modelVersion = try reader.read(UInt32.self, "version")
        let totalLength = try reader.read(UInt64.self, "totalLength")
        let offset = try reader.read(UInt64.self, "offset")
        let count = Int(try reader.read(UInt32.self, "data length"))
        guard count <= Int(ArtifactRequest.maxLength) else {
            throw WireError(.invalidField, "ArtifactChunk.data: \(count) bytes, more than 256 KiB")
        }
        let data = Array(try reader.readBytes(count, "data"))
        try reader.requireEnd()
        return try ArtifactChunk(
            status: status,
            requestSeq: requestSeq,
            name: name,
            version: modelVersion,
            totalLength: totalLength,
            offset: offset,
            data: data
        )
    }
}
