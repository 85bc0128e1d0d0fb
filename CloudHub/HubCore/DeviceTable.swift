/// `hub devices` as a plain-text table with aligned columns.
public struct DeviceTable {
    private let table: TextTable

    /// Lays out `devices`; "last seen" is shown relative to `now` (unix ms).
    public init(_ devices: [DeviceRecord], now: Int64) {
        table = TextTable(
            header: [
                "DEVICE", "STATE", "LAST SEEN", "RUNTIME", "MODEL", "CPU", "MEM", "P99", "ERRORS", "OUTBOX", "SEQ",
            ],
            rows: devices.map { device in
                [
                    device.device, device.state, Self.ago(milliseconds: now - device.lastSeenMs), device.runtimeVersion,
                    device.model ?? "-",
                ] + Self.healthCells(device.health) + ["\(device.lastSeq)"]
            },
            emptyText: "no devices yet"
        )
    }

    /// The table, one line per device under a header; "no devices yet" when empty.
    public func render() -> String { table.render() }

    /// CPU as a percentage of one core, memory in MiB, p99 latency in µs, errors, outbox depth; dashes before the
    /// first health record.
    static func healthCells(_ health: DeviceHealth?) -> [String] {
        guard let health else { return ["-", "-", "-", "-", "-"] }
        let cpu = (health.cpuCores * 1_000).rounded() / 10
        return [
            "\(cpu)%", "\(health.memoryBytes / (1 << 20))MiB", "\(health.latencyP99Micros)µs", "\(health.errors)",
            "\(health.outboxDepth)",
        ]
    }

    static func ago(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds / 1_000)
        switch seconds {
        case ..<60: return "\(seconds)s ago"
        case ..<3_600: return "\(seconds / 60)m ago"
        case ..<86_400: return "\(seconds / 3_600)h ago"
        default: return "\(seconds / 86_400)d ago"
        }
    }
}
