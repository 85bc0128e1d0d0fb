import SQLiteStorage
import UpdateSigning
import WireProtocol

/// Desired states: what each device should run. Written here (by `hub desired set` or a rollout), published retained
/// on `{prefix}/{device}/desired` by the running hub (see `HubDaemon`), so a command line and the daemon agree through
/// the database alone.
extension HubStore {
    /// Makes `name@version` the desired model of `device`, with the next revision, carrying the version's signed
    /// update manifest; the hub publishes it.
    /// - Throws: `RegistryError` `.unknownModel`/`.unknownVersion`, `.unsigned` when the version has no signed
    ///   manifest; `SQLiteError`.
    @discardableResult
    public func setDesired(device: DeviceID, name: String, version: UInt32, now: Int64) throws -> DesiredState {
        let (_, signedBytes) = try artifact(name, version: version)
        guard let signedBytes else {
            throw RegistryError(.unsigned, "\(name)@\(version) has no signed manifest (register it with a key)")
        }
        let signed = try SignedUpdateManifest.decode(signedBytes)
        let model = try DesiredModel(
            name: name,
            version: version,
            sha256: signed.manifest.sha256,
            size: signed.manifest.length,
            expires: signed.manifest.expires,
            keyID: signed.keyID,
            signature: signed.base64Signature
        )
        return try database.write { connection in
            let previous =
                try connection.scalar(
                    "SELECT revision FROM desired_states WHERE device = ?1",
                    .text(device.rawValue)
                )?.int64 ?? 0
            let state = try DesiredState(device: device, revision: UInt64(previous) + 1, ts: now, model: model)
            try connection.run(
                """
                INSERT INTO desired_states (device, revision, payload, published) VALUES (?1, ?2, ?3, 0)
                ON CONFLICT (device) DO UPDATE SET revision = excluded.revision, payload = excluded.payload,
                    published = 0
                """,
                .text(device.rawValue),
                .integer(previous + 1),
                .blob(state.encode())
            )
            return state
        }
    }

    /// ``setDesired(device:name:version:now:)`` for a device id given as text (the command line).
    /// - Throws: `RegistryError` `.invalidName` for an id that is not `[A-Za-z0-9._-]{1,64}`, then as above.
    @discardableResult
    public func setDesired(deviceNamed device: String, name: String, version: UInt32, now: Int64) throws -> DesiredState
    {
        guard let id = DeviceID(validating: device) else {
            throw RegistryError(.invalidName, "device id \(String(reflecting: device)) is not 1...64 of [A-Za-z0-9._-]")
        }
        return try setDesired(device: id, name: name, version: version, now: now)
    }

    /// The desired state of `device`, nil when none was set.
    /// - Throws: `SQLiteError`; `WireError` for a stored payload that no longer decodes.
    public func desired(device: DeviceID) throws -> DesiredState? {
        let payload = try database.read { connection in
            try connection.scalar("SELECT payload FROM desired_states WHERE device = ?1", .text(device.rawValue))?.blob
        }
        return try payload.map { try DesiredState.decode($0) }
    }

    /// Desired states not yet published, as (device, revision, payload).
    public func unpublishedDesired() throws -> [(device: String, revision: Int64, payload: [UInt8])] {
        try database.read { connection in
            try connection.query("SELECT device, revision, payload FROM desired_states WHERE published = 0").map {
                (try $0[0].string ?? "", try $0[1].int64 ?? 0, try $0[2].blob ?? [])
            }
        }
    }

    /// Marks `device`'s desired state at `revision` published (a newer revision stays unpublished).
    public func markDesiredPublished(device: String, revision: Int64) throws {
        try database.write { connection in
            try connection.run(
                "UPDATE desired_states SET published = 1 WHERE device = ?1 AND revision = ?2",
                .text(device),
                .integer(revision)
            )
        }
    }
}
