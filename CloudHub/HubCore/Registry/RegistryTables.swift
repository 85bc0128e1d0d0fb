/// `hub models list`: one line per version.
public struct ModelTable {
    private let table: TextTable

    /// Lays out `models` in the order given.
    public init(_ models: [RegisteredModel]) {
        table = TextTable(
            header: ["NAME", "VERSION", "ALIASES", "ACCURACY", "SIZE", "SIGNED", "CREATED BY"],
            rows: models.map { model in
                [
                    model.name, "\(model.version)", model.aliases.isEmpty ? "-" : model.aliases.joined(separator: ","),
                    model.metrics["accuracy"].map { "\(($0 * 1_000).rounded() / 10)%" } ?? "-", "\(model.size)B",
                    model.signed ? "yes" : "no", model.createdBy,
                ]
            },
            emptyText: "no models registered yet"
        )
    }

    /// The table.
    public func render() -> String { table.render() }
}

/// `hub models show`: one version, its metrics, lineage, tags and the devices running it.
public struct ModelDetails: Codable, Sendable {
    /// The version.
    public var model: RegisteredModel
    /// Devices whose latest status reports this version.
    public var devices: [String]

    /// Details of `model`.
    public init(model: RegisteredModel, devices: [String]) {
        self.model = model
        self.devices = devices
    }

    /// Readable key: value lines.
    public func render() -> String {
        var lines = [
            "\(model.name)@\(model.version)",
            "  sha256:   \(model.sha256)",
            "  size:     \(model.size) bytes\(model.signed ? ", signed" : ", unsigned")",
            "  created:  \(model.createdMs) by \(model.createdBy)",
            "  aliases:  \(model.aliases.isEmpty ? "-" : model.aliases.joined(separator: ", "))",
        ]
        lines += model.metrics.sorted { $0.key < $1.key }.map { "  metric:   \($0.key) = \($0.value)" }
        lines += model.tags.sorted { $0.key < $1.key }.map { "  tag:      \($0.key) = \($0.value)" }
        let lineage = model.lineage
        lines.append("  dataset:  \(lineage.datasetHash ?? "-")")
        lines.append("  parent:   \(lineage.parentVersion.map(String.init) ?? "-")")
        if let round = lineage.federatedRound { lines.append("  round:    \(round)") }
        lines.append("  devices:  \(devices.isEmpty ? "none" : "\(devices.count): \(devices.joined(separator: ", "))")")
        return lines.joined(separator: "\n")
    }
}

/// `hub models audit`: the log, one line per change.
public struct AuditTable {
    private let table: TextTable

    /// Lays out `entries` in the order given.
    public init(_ entries: [RegistryAuditEntry]) {
        table = TextTable(
            header: ["TS", "ACTOR", "ACTION", "MODEL", "DETAIL"],
            rows: entries.map { entry in
                [
                    "\(entry.ts)", entry.actor, entry.action, "\(entry.name)@\(entry.version.map(String.init) ?? "-")",
                    entry.detail,
                ]
            },
            emptyText: "no registry changes yet"
        )
    }

    /// The table.
    public func render() -> String { table.render() }
}
