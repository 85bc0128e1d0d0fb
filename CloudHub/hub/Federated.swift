import ArgumentParser
import DaemonSupport
import HubCore
import WireProtocol

extension Hub {
    struct Federated: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fl",
            abstract: "Federated learning runs; `hub serve` runs them.",
            subcommands: [Start.self, Status.self, Stop.self]
        )
    }
}

extension FederatedStrategyConfig.Kind: ExpressibleByArgument {}
extension FederatedRound.Quantization: ExpressibleByArgument {}

extension Hub.Federated {
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start federated rounds of a model from its latest version (trained with `hub train`)."
        )

        @OptionGroup var options: ConfigOptions
        @Option(help: "Model name.") var model: String
        @Option(help: "Rounds to complete.") var rounds = 10
        @Option(help: "Fraction of the online devices selected per round, (0, 1].") var fraction = 1.0
        @Option(help: "Fewest updates a round closes with.") var minClients = 2
        @Option(help: "Seconds a round collects updates.") var deadline = 60.0
        @Option(help: "Times a round with too few updates is tried again.") var retries = 3
        @Option(help: "Aggregation strategy.") var strategy = FederatedStrategyConfig.Kind.fedavg
        @Option(help: "Local epochs per round.") var epochs = 1
        @Option(help: "Local mini-batch size.") var batchSize = 16
        @Option(help: "Local SGD learning rate.") var learningRate = 0.05
        @Option(help: "FedProx proximal term mu sent to clients (0: none).") var proximalMu = 0.0
        @Option(help: "Update values: float32 or int8.") var quantization = FederatedRound.Quantization.float32
        @Option(help: "Fraction of each tensor sent (top-k), (0, 1].") var topK: Double?
        @Option(help: "FedAvgM server learning rate.") var serverLearningRate = 1.0
        @Option(help: "FedAvgM server momentum.") var serverMomentum = 0.0
        @Option(help: "FedAdam/FedYogi/FedAdagrad server learning rate eta.") var eta: Double?
        @Option(help: "FedAdam/FedYogi/FedAdagrad adaptivity tau.") var tau: Double?
        @Option(help: "FedTrimmedAvg fraction cut at each end.") var beta = 0.2
        @Option(help: "Krum/Bulyan malicious clients tolerated.") var maliciousClients = 0
        @Option(help: "Multi-Krum clients kept (0: Krum).") var clientsToKeep = 0
        @Option(help: "Seed of the device selection.") var seed: UInt64 = 1
        @Flag(help: "Roll the last version out to the fleet when the run completes.") var rollout = false

        func run() async throws {
            var strategyConfig = FederatedStrategyConfig(kind: strategy)
            strategyConfig.serverLearningRate = serverLearningRate
            strategyConfig.serverMomentum = serverMomentum
            strategyConfig.eta = eta
            strategyConfig.tau = tau
            strategyConfig.beta = beta
            strategyConfig.maliciousClients = maliciousClients
            strategyConfig.clientsToKeep = clientsToKeep
            let plan = FederatedPlan(
                model: model,
                rounds: rounds,
                fraction: fraction,
                minClients: minClients,
                deadlineMs: Int64((deadline * 1_000).rounded()),
                maxRetries: retries,
                epochs: epochs,
                batchSize: batchSize,
                learningRate: learningRate,
                proximalMu: proximalMu,
                quantization: quantization,
                topK: topK,
                strategy: strategyConfig,
                rollout: rollout,
                seed: seed
            )
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                let run = try store.startFederatedRun(plan, now: unixMilliseconds())
                print(
                    "federated run \(run.id): \(model)@\(run.machine.baseVersion), \(rounds) rounds of "
                        + "\(strategy.rawValue), at least \(minClients) clients each"
                )
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest federated run: its rounds so far.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                guard let run = try store.currentFederatedRun() else {
                    throw FederatedRunError(.noRun, "no federated run yet")
                }
                let machine = run.machine
                if json { return try JSONOutput.print(FederatedStatusOutput(id: run.id, machine: machine)) }
                print("federated run \(run.id): \(machine.plan.model) \(machine.status)")
                for round in machine.history {
                    let accuracy = (round.accuracy * 1_000).rounded() / 10
                    print(
                        "  round \(round.round): \(machine.plan.model)@\(round.version), "
                            + "\(round.participants.count)/\(round.selected) clients, \(round.attempts) attempt(s), "
                            + "held-out accuracy \(accuracy) %"
                    )
                }
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the running federated run.")

        @OptionGroup var options: ConfigOptions
        @Option(help: "Why, for the record.") var reason = "stopped by operator"

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors { try store.requestFederatedAbort(reason: reason) }
        }
    }
}

/// `hub fl status --json`.
struct FederatedStatusOutput: Encodable {
    var id: Int64
    var machine: FederatedRunMachine
}
