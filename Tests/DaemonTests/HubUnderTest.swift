import DaemonSupport
import HubCore
import UpdateSigning
import Synchronization
import TestSupport
import WireProtocol

/// A hub daemon set up against a test broker, with its settings read from YAML plus `--set` flags and its
/// SQLite database in a temporary directory, removed with this value.
final class HubUnderTest: Sendable {
    let settings: HubSettings
    let directory: TemporaryDirectory
    let store: HubStore
    let daemon: HubDaemon

    /// A fresh hub with an empty database on `broker`; `extraFlags` come last and so win.
    init(broker: MosquittoBroker, extraFlags: [String] = []) throws {
        directory = try TemporaryDirectory(prefix: "hub")
        settings = try readHubSettings(
            yaml: """
                hub:
                  id: \(uniqueID("hub"))
                log:
                  level: error
                """,
            flags: ["mqtt.port=\(broker.port)", "storage.path=\(directory.file("hub.sqlite"))", "status.heartbeat=1s"]
                + extraFlags
        )
        store = try HubStore(path: settings.storagePath)
        daemon = HubDaemon(settings: settings, store: store, logger: quietLogger)
    }

    deinit {
        directory.remove()
    }

    /// The stored record of `device`, if any.
    func record(_ device: String) throws -> DeviceRecord? {
        try store.devices().first { $0.device == device }
    }

    /// How many payloads the hub has rejected so far.
    var rejected: Int { daemon.counters.rejected.load(ordering: .relaxed) }

    /// Registers `artifact` as `bearing@version`, its update manifest signed by `key`.
    func register(_ version: UInt32, _ artifact: [UInt8], signedBy key: SigningKeyPair) throws {
        try store.register(
            ModelCandidate(
                name: "bearing",
                version: version,
                artifact: artifact,
                metrics: [:],
                lineage: ModelLineage()
            ),
            actor: "test",
            now: unixMilliseconds(),
            signer: key
        )
    }
}
