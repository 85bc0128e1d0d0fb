import ArgumentParser
import DaemonSupport
import HubCore
import FoundationEssentials
import SensorDataset
import SignalFeatures

extension Hub {
    struct Data: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Labelled datasets kept in the hub's database as content-hashed snapshots.",
            subcommands: [Import.self, Collect.self, List.self]
        )
    }
}

extension Hub.Data {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a `firmware-sim export` file (.efds) as a snapshot (importing it again changes nothing)."
        )

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The .efds file.") var file: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let snapshot = try DatasetImport.snapshot(of: file, into: options.store())
            if json { return try JSONOutput.print(snapshot) }
            print("snapshot \(snapshot.hash): \(snapshot.windows) windows")
        }
    }

    struct Collect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gather the labelled feature vectors devices sent (edge telemetry.features: labelled) into a "
                + "snapshot `hub train --data` accepts.",
            discussion: "Only vectors of the pipeline's length are taken: the pipeline of --model (the model the "
                + "devices ran), or of --pipeline (JSON as stored in an artifact)."
        )

        @OptionGroup var options: ConfigOptions
        @Option(help: "Take the feature pipeline of this registered model: NAME@VERSION or NAME@ALIAS.")
        var model: String?
        @Option(help: "Take the feature pipeline from this JSON file instead.") var pipeline: String?
        @Option(help: "Only these devices (repeatable); all devices when absent.") var device: [String] = []
        @Option(help: "Only telemetry of the last this many hours.") var hours: Double = 24 * 7
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard hours.isFinite, hours > 0 else { throw ValidationError("--hours: \(hours) is not a positive number") }
        }

        func run() async throws {
            let store = try options.store()
            let config = try HubCommand.reportingRegistryErrors { try pipelineConfig(store) }
            let since = unixMilliseconds() - Int64(hours * 3_600_000)
            do {
                let snapshot = try store.collectFeatureDataset(
                    pipeline: config,
                    devices: device,
                    sinceMs: since,
                    now: unixMilliseconds()
                )
                if json { return try JSONOutput.print(snapshot) }
                print("snapshot \(snapshot.hash): \(snapshot.windows) labelled vectors")
            } catch let error as DatasetStoreError {
                DaemonLauncher.report("\(error)", program: "hub")
                throw ExitCode(1)
            }
        }

        private func pipelineConfig(_ store: HubStore) throws -> FeaturePipelineConfig {
            switch (model, pipeline) {
            case (let reference?, nil):
                let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("--model: NAME@VERSION or NAME@ALIAS") }
                let version = try store.resolve(parts[0], parts[1])
                guard let config = try store.featurePipeline(parts[0], version: version) else {
                    throw ValidationError("\(parts[0])@\(version) reads raw input, not a feature pipeline")
                }
                return config
            case (nil, let file?):
                do {
                    let config = try JSONDecoder().decode(
                        FeaturePipelineConfig.self,
                        from: try Data(contentsOf: URL(fileURLWithPath: file))
                    )
                    try config.validate()
                    return config
                } catch {
                    DaemonLauncher.report("\(file): not a usable feature pipeline: \(error)", program: "hub")
                    throw ExitCode(2)
                }
            default:
                throw ValidationError("give exactly one of --model and --pipeline")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every snapshot, oldest first.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let snapshots = try options.store().datasets()
            if json { return try JSONOutput.print(snapshots) }
            print(DatasetTable(snapshots).render())
        }
    }
}

/// Reading an `.efds` file into the store, shared by `hub data import` and `hub train --data FILE`.
enum DatasetImport {
    /// Imports `file` (or finds the snapshot that holds the same content); a file that cannot be read is reported
    /// on one line with exit status 1.
    static func snapshot(of file: String, into store: HubStore) throws -> DatasetSnapshot {
        do {
            let windows = try DatasetReader.readAll(path: file)
            return try store.importDataset(windows, source: file, now: unixMilliseconds())
        } catch let error as DatasetError {
            DaemonLauncher.report("\(error)", program: "hub")
            throw ExitCode(1)
        } catch let error as DatasetStoreError {
            DaemonLauncher.report("\(file): \(error)", program: "hub")
            throw ExitCode(1)
        }
    }
}
