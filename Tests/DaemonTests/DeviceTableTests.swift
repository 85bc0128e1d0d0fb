import HubCore
import Testing

@Suite("hub devices table")
struct DeviceTableTests {
    static let healthy = DeviceRecord(
        device: "pump-7",
        state: "online",
        lastSeq: 42,
        lastSeenMs: 1_000_000,
        runtimeVersion: "0.1.0",
        model: "bearing@3",
        health: DeviceHealth(
            ts: 999_000,
            cpuCores: 0.0234,
            memoryBytes: 12 << 20,
            latencyP50Micros: 9,
            latencyP99Micros: 31,
            errors: 2,
            outboxDepth: 17
        )
    )

    @Test func showsPresenceModelAndLatestHealth() {
        let silent = DeviceRecord(
            device: "fan-1",
            state: "offline",
            lastSeq: 5,
            lastSeenMs: 1_000_000 - 7_200_000,
            runtimeVersion: "0.1.0",
            model: nil,
            health: nil
        )
        let lines = DeviceTable([silent, Self.healthy], now: 1_000_000).render().split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("DEVICE"))
        #expect(
            lines[1].split(separator: " ", omittingEmptySubsequences: true) == [
                "fan-1", "offline", "2h", "ago", "0.1.0", "-", "-", "-", "-", "-", "-", "5",
            ]
        )
        #expect(
            lines[2].split(separator: " ", omittingEmptySubsequences: true) == [
                "pump-7", "online", "0s", "ago", "0.1.0", "bearing@3", "2.3%", "12MiB", "31µs", "2", "17", "42",
            ]
        )
    }

    @Test func saysSoWhenThereAreNoDevices() {
        #expect(DeviceTable([], now: 0).render() == "no devices yet")
    }
}
