import ArgumentParser
import DaemonSupport
import FoundationEssentials
import Glibc
import HubCore

extension Hub {
    struct Models: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect and manage the model registry.",
            subcommands: [List.self, Show.self, Promote.self, Tag.self, Audit.self, Import.self, Export.self]
        )
    }
}

/// Options of the registry commands that change something: who does it, recorded in the audit log.
struct ActorOption: ParsableArguments {
    @Option(help: "Who makes the change, for the audit log (default: $USER).")
    var actor: String = getenv("USER").map { String(cString: $0) } ?? "hub-cli"
}

extension Hub.Models {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every model version, newest first.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let models = try options.store().models()
            if json { return try JSONOutput.print(models) }
            print(ModelTable(models).render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One version with its metrics, lineage and devices.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "Model name.") var name: String
        @Argument(help: "Version number or alias (default: the latest version).") var reference: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                let version = try reference.map { try store.resolve(name, $0) } ?? store.latestVersion(of: name)
                guard let version else { throw RegistryError(.unknownModel, "no model named \(name)") }
                let model = try store.model(name, version: version)
                let devices = try store.devicesRunning(name).filter { $0.value == version }.keys.sorted()
                if json { return try JSONOutput.print(ModelDetails(model: model, devices: devices)) }
                print(ModelDetails(model: model, devices: devices).render())
            }
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an alias (production, staging, canary, …) at a version; moving it back is a rollback."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "Model name.") var name: String
        @Argument(help: "Version number.") var version: UInt32
        @Option(help: "Alias to set.") var alias = "production"
        @Option(help: "Why, for the audit log.") var reason = ""

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                try store.promote(
                    name,
                    version: version,
                    to: alias,
                    actor: actor.actor,
                    reason: reason,
                    now: unixMilliseconds()
                )
                print("\(name) \(alias) -> \(version)")
            }
        }
    }

    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a tag on a version: KEY=VALUE.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var actor: ActorOption
        @Argument(help: "Model name.") var name: String
        @Argument(help: "Version number.") var version: UInt32
        @Argument(help: "KEY=VALUE.") var tag: String

        func validate() throws {
            guard tag.contains("=") else { throw ValidationError("the tag must be KEY=VALUE") }
        }

        func run() async throws {
            let store = try options.store()
            let parts = tag.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            try HubCommand.reportingRegistryErrors {
                try store.tag(
                    name,
                    version: version,
                    key: String(parts[0]),
                    value: String(parts[1]),
                    actor: actor.actor,
                    now: unixMilliseconds()
                )
            }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The registry's audit log, oldest first.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "Only this model.") var name: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let log = try options.store().auditLog(of: name)
            if json { return try JSONOutput.print(log) }
            print(AuditTable(log).render())
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a version's artifact (and its signed update manifest, if any) to files."
        )

        @OptionGroup var options: ConfigOptions
        @Argument(help: "Model name.") var name: String
        @Argument(help: "Version number or alias.") var reference: String
        @Option(help: "Artifact file to write; the signed manifest goes beside it as FILE.manifest.json.")
        var out: String

        func run() async throws {
            let store = try options.store()
            try HubCommand.reportingRegistryErrors {
                let version = try store.resolve(name, reference)
                let (bytes, manifest) = try store.artifact(name, version: version)
                try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
                if let manifest {
                    try Data(manifest).write(to: URL(fileURLWithPath: out + ".manifest.json"), options: .atomic)
                }
                print(
                    "wrote \(name)@\(version) to \(out)\(manifest == nil ? " (unsigned)" : " and its signed manifest")"
                )
            }
        }
    }
}
