import EdgeModel

/// Installs an artifact given by hand (`edge models install`): the health check, then the idle slot, the switch, and
/// the trusted version raised to it. An update from the hub goes through signature checks first; this path trusts the
/// operator who ran it on the device.
public struct ModelInstaller: Sendable {
    let store: EdgeStateStore

    /// An installer writing to `store`.
    public init(store: EdgeStateStore) {
        self.store = store
    }

    /// Checks and installs `artifact`; the active model is untouched when anything fails.
    /// - Throws: `ModelLoadError` when the model cannot run here, `ModelInstallError` when its version is not above
    ///   the trusted one, `SQLiteError` or a file error when it cannot be stored.
    @discardableResult
    public func install(artifact: [UInt8], latencyBound: Duration, now: Int64) throws -> InstalledModel {
        _ = try ModelHealthCheck.run(artifact: artifact, latencyBound: latencyBound)
        let manifest = try ModelArtifact(bytes: artifact).manifest
        let version = UInt32(clamping: manifest.version)
        if let trusted = try store.trustedVersion(of: manifest.name), version <= trusted {
            throw ModelInstallError(
                context: "\(manifest.name)@\(version) is not above the trusted version \(trusted) (no rollback)"
            )
        }
        let staged = try store.stageModel(name: manifest.name, version: version, artifact: artifact, now: now)
        try store.activate(staged.slot)
        try store.trust(manifest.name, version: version)
        return staged
    }
}

/// An install refused because its version would roll the device back.
public struct ModelInstallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model and versions involved.
    public let context: String

    public var description: String { "rollback refused: \(context)" }
}
