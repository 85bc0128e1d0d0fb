import EdgeCore
import MQTTTransport
import TestSupport
import WireProtocol

/// An edge daemon set up against a test broker: its settings read from YAML plus `--set` flags, and a state
/// directory of its own that survives restarts of the daemon and is removed with this value.
final class EdgeUnderTest: Sendable {
    let settings: EdgeSettings
    let stateDirectory: TemporaryDirectory

    /// Settings for a fresh device on `broker`; `extraFlags` come last and so win.
    init(broker: MosquittoBroker, heartbeat: String = "1s", extraFlags: [String] = []) throws {
        stateDirectory = try TemporaryDirectory(prefix: "edge-state")
        settings = try readEdgeSettings(
            yaml: """
                device:
                  id: \(uniqueID("edge"))
                log:
                  level: error
                mqtt:
                  host: 127.0.0.1
                  keepalive: 30s
                """,
            flags: [
                "mqtt.port=\(broker.port)", "state.dir=\(stateDirectory.file("state"))",
                "status.heartbeat=\(heartbeat)", "mqtt.reconnect_max_delay=1s",
            ] + extraFlags
        )
    }

    deinit {
        stateDirectory.remove()
    }

    /// A new daemon on the same state directory, as after a process restart; `selfTest` replaces the update health
    /// check's model self-test.
    func daemon(selfTest: (@Sendable ([UInt8]) throws -> Duration)? = nil) throws -> EdgeDaemon {
        try EdgeDaemon(
            settings: settings,
            store: try EdgeStateStore(directory: settings.stateDirectory),
            logger: quietLogger,
            selfTest: selfTest
        )
    }

    /// `fleet/{device}/{kind}`.
    func topic(_ kind: DeviceTopic) -> String {
        settings.topics.topic(kind, for: settings.device)
    }

    /// An observer of this device's status and events.
    func observe(on broker: MosquittoBroker) async throws -> Observer {
        try await Observer.connect(port: broker.port, filters: [topic(.status), topic(.events)])
    }

    /// Sends command `name` with id `id` and returns the answer, nil when none came within 10 s.
    func send(_ name: String, id: String, through observer: Observer) async throws -> DeviceEvent? {
        let command = try Command(id: id, ts: 1_700_000_000_000, name: name)
        try await observer.publish(command.encode(), on: topic(.command))
        return await observer.nextAnswer(on: topic(.events), to: id)
    }
}
