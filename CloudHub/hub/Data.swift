import ArgumentParser
import DaemonSupport
import HubCore
import SensorDataset

extension Hub {
    struct Data: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Labelled datasets kept in the hub's database as content-hashed snapshots.",
            subcommands: [Import.self, List.self]
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
