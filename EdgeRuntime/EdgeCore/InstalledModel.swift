/// One of the two model slots (A/B, as Mender and RAUC keep root file systems): a new model is written to the slot
/// not in use, so the running one is never touched until the switch.
public enum ModelSlot: String, Sendable, Hashable, CaseIterable, Codable {
    case a
    case b

    /// The other slot.
    public var other: ModelSlot { self == .a ? .b : .a }
}

/// A model artifact installed in a slot.
public struct InstalledModel: Sendable, Hashable, Codable {
    /// Which slot holds it.
    public var slot: ModelSlot
    /// Registry name.
    public var name: String
    /// Version.
    public var version: UInt32
    /// SHA-256 of the artifact, hex.
    public var sha256: String
    /// Artifact size, bytes.
    public var size: Int
    /// When it was written, unix ms.
    public var installedMs: Int64

    /// A model as given.
    public init(slot: ModelSlot, name: String, version: UInt32, sha256: String, size: Int, installedMs: Int64) {
        self.slot = slot
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.size = size
        self.installedMs = installedMs
    }

    enum CodingKeys: String, CodingKey {
        case slot, name, version, sha256, size
        case installedMs = "installed_ms"
    }
}

/// The edge's slots: which one runs, which one it would roll back to.
public struct ModelSlots: Sendable, Hashable, Codable {
    /// The model in use, nil before the first install.
    public var active: InstalledModel?
    /// The model in the other slot: the previous one after a switch, or one staged but not yet switched to.
    public var standby: InstalledModel?

    /// Slots as given.
    public init(active: InstalledModel?, standby: InstalledModel?) {
        self.active = active
        self.standby = standby
    }
}
