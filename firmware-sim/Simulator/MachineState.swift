/// The condition of a simulated machine, published as the ground-truth label.
public enum MachineState: String, Sendable, Hashable, CaseIterable {
    /// Healthy: the 1× and 2× components at their per-device amplitudes.
    case normal
    /// Rotor imbalance: the 1× (shaft frequency) amplitude tripled.
    case imbalance
    /// Shaft misalignment: the 2× harmonic amplitude tripled.
    case misalignment

    /// Factor on the 1× amplitude.
    var firstHarmonicGain: Double { self == .imbalance ? 3 : 1 }
    /// Factor on the 2× amplitude.
    var secondHarmonicGain: Double { self == .misalignment ? 3 : 1 }

    /// Steady-state heating above the normal rise, °C.
    var extraHeating: Double {
        switch self {
        case .normal: return 0
        case .imbalance: return 6
        case .misalignment: return 10
        }
    }

    /// Factor on the RMS motor current: a faulty machine works harder.
    var currentGain: Double {
        switch self {
        case .normal: return 1
        case .imbalance: return 1.04
        case .misalignment: return 1.07
        }
    }
}
