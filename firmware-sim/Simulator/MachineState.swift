/// The condition of a simulated machine, published as the ground-truth label.
public enum MachineState: String, Sendable, Hashable, CaseIterable {
    /// Healthy: the 1× and 2× components at their per-device amplitudes.
    case normal
    /// Rotor imbalance: the 1× (shaft frequency) amplitude tripled.
    case imbalance
    /// Shaft misalignment: the 2× harmonic amplitude tripled.
    case misalignment
    /// Outer-race defect: impacts at BPFO ringing the structural resonance, of constant strength (the defect
    /// stays in the load zone).
    case bearingOuter = "bearing_outer"
    /// Inner-race defect: impacts at BPFI ringing the resonance, their strength modulated at the shaft frequency
    /// as the defect turns through the load zone.
    case bearingInner = "bearing_inner"

    /// Factor on the 1× amplitude.
    var firstHarmonicGain: Double { self == .imbalance ? 3 : 1 }
    /// Factor on the 2× amplitude.
    var secondHarmonicGain: Double { self == .misalignment ? 3 : 1 }

    /// Steady-state heating above the healthy machine's, °C (bearing friction heats more than imbalance).
    var extraHeating: Double {
        switch self {
        case .normal: return 0
        case .imbalance: return 6
        case .misalignment: return 10
        case .bearingOuter: return 8
        case .bearingInner: return 12
        }
    }

    /// Factor on the RMS motor current: a faulty machine works harder.
    var currentGain: Double {
        switch self {
        case .normal: return 1
        case .imbalance: return 1.04
        case .misalignment: return 1.07
        case .bearingOuter: return 1.02
        case .bearingInner: return 1.03
        }
    }
}
