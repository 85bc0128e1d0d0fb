import ArgumentParser
import ConfigLoading
import DaemonSupport
import Glibc
import HubCore

extension Hub {
    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a model on a dataset, quantize it to int8, evaluate it and register it (signed when "
                + "keys.dir has a key)."
        )

        @Option(
            help: ArgumentHelp(
                "An .efds file (imported as a snapshot first) or the hash of a snapshot (raw windows, or labelled "
                    + "feature vectors from `hub data collect`)."
            )
        )
        var data: String

        @Option(help: "Training config (YAML; keys documented in the README). Defaults apply without it.")
        var config: String?

        @Option(name: .customLong("set"), help: "Override a training key: --set train.epochs=50 (repeatable).")
        var overrides: [String] = []

        @Option(name: .customLong("hub-config"), help: "The hub's config (storage.path, keys.dir).")
        var hubConfig: String?

        @Option(help: "Registry name of the model.") var name = "bearing"
        @OptionGroup var actor: ActorOption
        @Flag(help: "Print JSON (evaluation and registered version) instead of text.") var json = false
        @Flag(help: "No progress lines on stderr.") var quiet = false

        func run() async throws {
            let trainingConfig: TrainingConfig
            do {
                var reader = try ConfigReader(configFile: config, environmentPrefix: "TRAIN", flags: overrides)
                trainingConfig = try TrainingConfig.read(from: &reader)
            } catch {
                DaemonLauncher.report(error, program: "hub")
                throw ExitCode(2)
            }
            let settings = try ConfigOptions.settings(configFile: hubConfig, overrides: [])
            let signer = try UpdateSigner.load(settings)
            let store = try HubStore(path: settings.storagePath)
            let snapshot =
                access(data, F_OK) == 0
                ? try DatasetImport.snapshot(of: data, into: store)
                : try reportingStoreErrors { try store.dataset(data) }
            let version = Int(try store.latestVersion(of: name) ?? 0) + 1
            let quiet = quiet
            let progress: (String) -> Void = { line in
                if !quiet { DaemonLauncher.report(line, program: "hub train") }
            }
            let trained: TrainedModel
            do {
                if snapshot.pipeline == nil {
                    trained = try WindowTraining.train(
                        try reportingStoreErrors { try store.datasetWindows(snapshot.hash) },
                        datasetHash: snapshot.hash,
                        name: name,
                        version: version,
                        config: trainingConfig,
                        progress: progress
                    )
                } else {
                    let (pipeline, vectors) = try reportingStoreErrors { try store.datasetVectors(snapshot.hash) }
                    trained = try FeatureTraining.train(
                        vectors,
                        pipeline: pipeline,
                        datasetHash: snapshot.hash,
                        name: name,
                        version: version,
                        config: trainingConfig,
                        progress: progress
                    )
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                DaemonLauncher.report("\(error)", program: "hub")
                throw ExitCode(1)
            }
            try HubCommand.reportingRegistryErrors {
                let model = try store.register(
                    trained: trained,
                    actor: actor.actor,
                    now: unixMilliseconds(),
                    signer: signer
                )
                if json { return try JSONOutput.print(TrainingOutput(model: model, evaluation: trained.evaluation)) }
                print(trained.evaluation.render())
                print("")
                print(
                    "registered \(model.name)@\(model.version): sha256 \(model.sha256), \(model.size) bytes, "
                        + "\(model.signed ? "signed" : "unsigned"), dataset \(snapshot.hash.prefix(16))"
                )
            }
        }

        private func reportingStoreErrors<T>(_ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as DatasetStoreError {
                DaemonLauncher.report("\(error)", program: "hub")
                throw ExitCode(1)
            }
        }
    }
}

/// `hub train --json`: the registered version and its evaluation.
struct TrainingOutput: Encodable {
    var model: RegisteredModel
    var evaluation: TrainingEvaluation
}
