import ArgumentParser
import DaemonSupport
import HubCore

extension Hub {
    struct Rollout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Staged rollouts of a model version; `hub serve` runs them.",
            subcommands: [Start.self, Status.self, Abort.self]
        )
    }
}

extension Hub.Rollout {
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Roll a version out to every known device in waves, gated on update outcomes and health."
        )

        @OptionGroup var options: ConfigOptions
        @Option(help: "Model name.") var model: String
        @Option(help: "Version to roll out.") var version: UInt32
        @Option(help: "Cumulative wave sizes, counts or percentages.") var waves = "1,10%,50%,100%"
        @Option(help: "Largest share of failed devices, 0...1.") var maxFailureRate = 0.05
        @Option(help: "Minutes a finished wave must stay healthy.") var minHealthyMinutes = 10.0
        @Option(help: "Slowest p99 inference latency an updated device may report, ms.") var maxLatencyMs: Double?
        @Option(help: "Minutes a wave waits for a device to report before counting it failed.")
        var waveTimeoutMinutes = 60.0
        @Option(help: "Most errors per prediction a wave's updated devices may report since their update.")
        var maxErrorRate: Double?
        @Option(help: "Lowest accuracy, 0...1, on a wave's labelled predictions by the new version.")
        var minAccuracy: Double?
        @Option(help: "Largest accuracy drop, 0...1, from the previous version on the same devices.")
        var maxAccuracyDrop: Double?
        @Option(help: "Samples a quality gate needs before it may fail a wave ahead of the healthy time's end.")
        var minGateSamples = RolloutPlan.defaultMinGateSamples

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                let plan = try RolloutPlan(
                    model: model,
                    version: version,
                    waves: try waves.split(separator: ",").map { try RolloutPlan.WaveSize(parsing: String($0)) },
                    maxFailureRate: maxFailureRate,
                    minHealthyMs: Int64(minHealthyMinutes * 60_000),
                    maxLatencyMicros: maxLatencyMs.map { UInt32(clamping: Int64($0 * 1_000)) },
                    waveTimeoutMs: Int64(waveTimeoutMinutes * 60_000),
                    maxErrorRate: maxErrorRate,
                    minAccuracy: minAccuracy,
                    maxAccuracyDrop: maxAccuracyDrop,
                    minGateSamples: minGateSamples
                )
                let rollout = try store.startRollout(plan, now: unixMilliseconds())
                print(
                    "rollout \(rollout.id): \(model)@\(version) to \(rollout.controller.devices.count) devices in "
                        + "waves of \(rollout.controller.waves.map(\.count))"
                )
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The latest rollout: its status, device counts and each started wave's quality figures."
        )

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                guard let rollout = try store.currentRollout() else { throw RolloutError(.noRollout, "no rollout yet") }
                let controller = rollout.controller
                print("rollout \(rollout.id): \(controller.plan.model)@\(controller.plan.version) \(controller.status)")
                for (state, count) in controller.counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    print("  \(state.rawValue): \(count)")
                }
                for line in controller.gateLines() { print("  \(line)") }
            }
        }
    }

    struct Abort: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Abort the running rollout; `hub serve` rolls back the devices already updated."
        )

        @OptionGroup var options: ConfigOptions
        @Option(help: "Why, for the record.") var reason = "aborted by operator"

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors { try store.requestRolloutAbort(reason: reason) }
        }
    }
}

extension Hub {
    struct Desired: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Desired states of devices; `hub serve` publishes them.",
            subcommands: [Set.self]
        )
    }
}

extension Hub.Desired {
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a device's desired model version (signed manifest from the registry)."
        )

        @OptionGroup var options: ConfigOptions
        @Option(help: "Device id.") var device: String
        @Option(help: "Model name.") var model: String
        @Option(help: "Version.") var version: UInt32

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                let state = try store.setDesired(
                    deviceNamed: device,
                    name: model,
                    version: version,
                    now: unixMilliseconds()
                )
                print("\(device): \(model)@\(version), revision \(state.revision)")
            }
        }
    }
}
