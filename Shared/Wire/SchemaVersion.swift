/// Checks the schema version `v`, which every JSON message carries.
enum SchemaVersion {
    /// Reads `v` before any other field, so a message of another version is reported as such, not as malformed.
    ///
    /// Throws `.malformed` when `v` is missing or not an integer, `.unsupportedVersion` when it is not 1.
    static func check<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>,
        _ key: Key,
        message: String
    ) throws {
        let version: Int
        do {
            version = try container.decode(Int.self, forKey: key)
        } catch {
            throw WireError(.malformed, "\(message).v: missing or not an integer")
        }
        guard version == wireSchemaVersion else {
            throw WireError(
                .unsupportedVersion,
                "\(message).v: version \(version), this build reads \(wireSchemaVersion)"
            )
        }
    }
}
