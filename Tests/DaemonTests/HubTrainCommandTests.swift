import Foundation
import SignalFeatures
import TestSupport
import Testing

@Suite(
    "hub train and hub data",
    .enabled(
        if: BuiltExecutable.daemonsBuilt && BuiltExecutable.path("firmware-sim") != nil,
        "hub and firmware-sim are not built next to the test binary; run swift build"
    )
)
struct HubTrainCommandTests {
    @Test func aBadTrainingKeyIsOneLineAndExitStatusTwo() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-train-config")
        defer { directory.remove() }
        let config = try directory.write("train.yaml", "train:\n  epochs: many\n")
        let hub = try ChildProcess(
            try #require(BuiltExecutable.path("hub")),
            ["train", "--data", "missing", "--config", config]
        )
        #expect(try await hub.exitStatus() == 2)
        let lines = hub.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(hub.standardError)")
        #expect(lines.first?.contains("train.epochs") == true, "\(hub.standardError)")
    }

    /// `hub data collect` refuses what it cannot use with one line: exit 64 for arguments, 1 for an unknown model or
    /// nothing to collect, 2 for a pipeline file that is not one.
    @Test func dataCollectRefusesBadInputWithOneLine() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-data-collect")
        defer { directory.remove() }
        let hub = try #require(BuiltExecutable.path("hub"))
        let settings = try directory.write("hub.yaml", "storage:\n  path: \(directory.file("hub.sqlite"))\n")
        let notAPipeline = try directory.write("pipeline.json", "{\"v\":1}")
        let validPipeline = try directory.write(
            "vibration.json",
            String(decoding: try JSONEncoder().encode(FeaturePipelineConfig.vibrationDefault), as: UTF8.self)
        )
        let cases: [([String], Int32, String)] = [
            ([], 64, "exactly one of --model and --pipeline"),
            (["--model", "bearing@1", "--pipeline", validPipeline], 64, "exactly one"),
            (["--model", "bearing"], 64, "NAME@VERSION"),
            (["--pipeline", validPipeline, "--hours", "-3"], 64, "--hours"),
            (["--model", "bearing@1"], 1, "no model named bearing"),
            (["--pipeline", notAPipeline], 2, "not a usable feature pipeline"),
            (["--pipeline", validPipeline], 1, "emptyDataset"),
        ]
        for (arguments, status, message) in cases {
            let collect = try ChildProcess(hub, ["data", "collect", "--config", settings] + arguments)
            #expect(try await collect.exitStatus() == status, "\(arguments): \(collect.standardError)")
            #expect(collect.standardError.contains(message), "\(arguments): \(collect.standardError)")
        }
    }

    @Test func trainsASimulatorExportIntoASignedRegisteredModel() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-train")
        defer { directory.remove() }
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../firmware-sim/scenarios/training.yaml").path
        let export = try ChildProcess(
            try #require(BuiltExecutable.path("firmware-sim")),
            ["export", "--scenario", scenario, "--devices", "2", "--seconds", "300", "--out", directory.path]
        )
        #expect(try await export.exitStatus(within: .seconds(120)) == 0, "\(export.standardError)")
        let hub = try #require(BuiltExecutable.path("hub"))
        let settings = try directory.write(
            "hub.yaml",
            "storage:\n  path: \(directory.file("hub.sqlite"))\nkeys:\n  dir: \(directory.file("keys"))\n"
        )
        let keys = try ChildProcess(hub, ["keys", "init", "--config", settings])
        #expect(try await keys.exitStatus() == 0, "\(keys.standardError)")
        let train = try ChildProcess(
            hub,
            [
                "train", "--data", directory.file("dataset.efds"), "--hub-config", settings, "--set", "train.epochs=3",
                "--set", "train.learning_rate=0.01",
            ]
        )
        #expect(try await train.exitStatus(within: .seconds(300)) == 0, "\(train.standardError)")
        #expect(train.standardError.contains("epoch 3/3"))
        #expect(train.standardOutput.contains("confusion"))
        #expect(train.standardOutput.contains("registered bearing@1"), "\(train.standardOutput)")
        #expect(train.standardOutput.contains("signed"))
        let list = try ChildProcess(hub, ["models", "list", "--json", "--config", settings])
        #expect(try await list.exitStatus() == 0)
        #expect(list.standardOutput.contains("\"dataset_hash\""))
        let data = try ChildProcess(hub, ["data", "list", "--config", settings])
        #expect(try await data.exitStatus() == 0)
        #expect(data.standardOutput.contains("bearing_outer="))
    }
}
