import WireProtocol

/// One raw window of one sensor of one device and the ground truth at that time: the unit a dataset file holds.
///
/// The samples stay raw (a ``SensorFrame``: timestamp, rate, named axes of float32 samples), so whoever trains on
/// the dataset computes features with the same code the device runs.
public struct LabelledWindow: Sendable, Equatable {
    /// Longest sensor name and label, bytes.
    public static let maxNameBytes = 64

    /// The device the window came from.
    public let device: DeviceID
    /// The sensor, as in `sensors/{device}/{sensor}` (for example `vibration`).
    public let sensor: String
    /// The machine state during the whole window (for example `normal`, `bearing_outer`).
    public let label: String
    /// The samples: Unix milliseconds of the first one, rate in Hz, axes in canonical order.
    public let frame: SensorFrame

    /// A window; `sensor` and `label` must be 1...64 bytes of `[A-Za-z0-9._-]`.
    ///
    /// - Throws: `WireError` `.invalidField` naming the field that breaks the rule.
    public init(device: DeviceID, sensor: String, label: String, frame: SensorFrame) throws(WireError) {
        try Self.checkName(sensor, "LabelledWindow.sensor")
        try Self.checkName(label, "LabelledWindow.label")
        self.device = device
        self.sensor = sensor
        self.label = label
        self.frame = frame
    }

    /// Sensor names and labels follow the rule of device ids, `[A-Za-z0-9._-]{1,64}`, so they are safe as topic
    /// levels and file names.
    private static func checkName(_ name: String, _ field: String) throws(WireError) {
        guard DeviceID(validating: name) != nil else {
            throw WireError(.invalidField, "\(field): \"\(name)\" is not 1...\(maxNameBytes) of [A-Za-z0-9._-]")
        }
    }
}
