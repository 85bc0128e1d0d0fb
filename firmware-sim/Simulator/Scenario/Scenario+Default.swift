extension Scenario {
    /// The scenario `firmware-sim` runs without `--scenario`: 20 devices (the fleet size follows `--devices`), one
    /// in ten of which enters a fault drawn from all four at a random time within the first ten minutes.
    public static let defaultYAML = """
        # firmware-sim's built-in scenario (used when --scenario is not given).
        version: 1
        devices: 20
        rates: {vibration: 1000, temperature: 1, current: 10}
        groups:
          - name: healthy
            id_prefix: sim-
            fraction: 0.9
          - name: faulty
            id_prefix: sim-
            fraction: 0.1
            schedule:
              - at: [30, 600]
                state: [imbalance, misalignment, bearing_outer, bearing_inner]
        """

    /// ``defaultYAML``, parsed.
    public static var builtIn: Scenario {
        // The text above is part of the program and covered by a test; it always parses.
        try! Scenario(yaml: defaultYAML, source: "default scenario")
    }
}
