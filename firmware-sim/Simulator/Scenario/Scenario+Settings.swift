extension Scenario {
    /// The run settings: the scenario's defaults, each replaced by the option given on the command line.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` as ``SimulationSettings`` validates, and for `--devices`
    ///   when the groups have only fixed counts that add up to another number, or to more than the fleet (a
    ///   count below 1 is left to ``SimulationSettings`` to explain).
    public func settings(
        devices: Int? = nil,
        rate: Double? = nil,
        frameSeconds: Double? = nil,
        duration: Double? = nil,
        seed: UInt64? = nil,
        format: FrameFormat? = nil
    ) throws(SimulationError) -> SimulationSettings {
        let fixed = groups.reduce(0) { total, group in
            if case .count(let count) = group.size { return total + count }
            return total
        }
        let hasFractions = groups.contains { if case .fraction = $0.size { true } else { false } }
        let deviceCount: Int
        if hasFractions {
            deviceCount = devices ?? self.devices
            guard deviceCount >= fixed || deviceCount < 1 else {
                throw SimulationError(
                    .invalidSetting,
                    setting: "devices",
                    "\(deviceCount) is fewer than the \(fixed) devices the scenario's groups fix by count"
                )
            }
        } else {
            deviceCount = devices ?? fixed
            guard deviceCount == fixed || deviceCount < 1 else {
                throw SimulationError(
                    .invalidSetting,
                    setting: "devices",
                    "\(deviceCount), but the scenario's groups have fixed counts adding up to \(fixed)"
                )
            }
        }
        var rates = self.rates
        if let rate { rates.vibration = rate }
        return try SimulationSettings(
            deviceCount: deviceCount,
            rates: rates,
            frameSeconds: frameSeconds ?? self.frameSeconds,
            durationSeconds: duration ?? self.duration,
            seed: seed ?? self.seed,
            format: format ?? self.format
        )
    }

    /// Devices per group for a fleet of `deviceCount`: fixed counts as given, the rest split by fraction with the
    /// largest-remainder method (ties to the earlier group), so the sizes always add up to the fleet.
    public func groupSizes(deviceCount: Int) -> [Int] {
        let fixed = groups.reduce(0) { total, group in
            if case .count(let count) = group.size { return total + count }
            return total
        }
        let rest = max(0, deviceCount - fixed)
        var sizes: [Int] = []
        var remainders: [(index: Int, remainder: Double)] = []
        for (index, group) in groups.enumerated() {
            switch group.size {
            case .count(let count):
                sizes.append(count)
            case .fraction(let share):
                let exact = share * Double(rest)
                sizes.append(Int(exact.rounded(.down)))
                remainders.append((index, exact - exact.rounded(.down)))
            }
        }
        var leftover = deviceCount - sizes.reduce(0, +)
        for entry in remainders.sorted(by: { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) })
        where leftover > 0 {
            sizes[entry.index] += 1
            leftover -= 1
        }
        return sizes
    }

    /// Checks that a vibration rate keeps the 2× harmonic of every group's fastest shaft, at its highest drifted
    /// speed, below Nyquist.
    ///
    /// - Throws: `SimulationError` `.invalidSetting` for `rate`, naming the group.
    public func checkRate(_ rate: Double) throws(SimulationError) {
        for group in groups {
            let speedUp = group.drift.filter { $0.kind == .speed }.reduce(1.0) { $0 * max(1, $1.magnitude) }
            let fastest = group.machine.shaftFrequency.upperBound * speedUp
            guard rate > 4 * fastest else {
                throw SimulationError(
                    .invalidSetting,
                    setting: "rate",
                    "\(rate) Hz is too low for group \(group.name): the 2× harmonic of its fastest shaft, "
                        + "\(fastest) Hz, needs more than \(4 * fastest) Hz"
                )
            }
        }
    }
}
