import EdgeModel
import HubCore
import ModelTraining
import TestSupport
import Testing

/// `hub fl start|status|stop` against a database, through the built `hub` binary.
@Suite("Federated commands")
struct FederatedCommandTests {
    @Test(.enabled(if: BuiltExecutable.daemonsBuilt, "edge and hub executables are not built"))
    func startStatusAndStopThroughTheDatabase() async throws {
        let directory = try TemporaryDirectory(prefix: "hub-fl-cli")
        defer { directory.remove() }
        let database = directory.file("hub.sqlite")
        let store = try HubStore(path: database)
        func hub(_ arguments: [String]) async throws -> (status: Int32?, child: ChildProcess) {
            let child = try ChildProcess(
                try #require(BuiltExecutable.path("hub")),
                ["fl"] + arguments + ["--set", "storage.path=\(database)"]
            )
            return (try await child.exitStatus(), child)
        }

        let none = try await hub(["status"])
        #expect(none.status == 1)
        #expect(none.child.standardError.contains("noRun"))
        let unknown = try await hub(["start", "--model", "bearing"])
        #expect(unknown.status == 1)
        #expect(unknown.child.standardError.contains("unknownModel"))
        // A version registered without float weights (not by `hub train`) cannot start a run.
        var random = SplitMix64(seed: 1)
        let network = NetworkInitializer.perceptron(sizes: [4, 3], using: &random)
        let artifact = try network.artifact(ModelMetadata(name: "bearing", version: 1, labels: ["a", "b", "c"]))
        try store.register(artifact: artifact, actor: "test", now: 1, signer: nil)
        let noWeights = try await hub(["start", "--model", "bearing"])
        #expect(noWeights.status == 1)
        #expect(noWeights.child.standardError.contains("noWeights"))
        try store.saveFloatWeights(model: "bearing", version: 1, artifact: artifact.encoded())
        let badPlan = try await hub(["start", "--model", "bearing", "--strategy", "krum", "--malicious-clients=-1"])
        #expect(badPlan.status == 1)
        #expect(badPlan.child.standardError.contains("invalidPlan"), "\(badPlan.child.standardError)")
        let badStrategy = try await hub(["start", "--model", "bearing", "--strategy", "fedsgd"])
        #expect(badStrategy.status != 0 && badStrategy.status != nil)

        let started = try await hub(
            [
                "start", "--model", "bearing", "--rounds", "3", "--min-clients", "4", "--strategy", "fedtrimmedavg",
                "--quantization", "int8", "--top-k", "0.1",
            ]
        )
        #expect(started.status == 0, "\(started.child.standardError)")
        #expect(
            started.child.standardOutput
                == "federated run 1: bearing@1, 3 rounds of fedtrimmedavg, at least 4 clients each\n"
        )
        let plan = try #require(try store.currentFederatedRun()).machine.plan
        #expect(plan.rounds == 3 && plan.minClients == 4 && plan.strategy.kind == .fedtrimmedavg)
        #expect(plan.quantization == .int8 && plan.topK == 0.1)
        let again = try await hub(["start", "--model", "bearing"])
        #expect(again.child.standardError.contains("alreadyRunning"))
        let status = try await hub(["status"])
        #expect(status.status == 0)
        #expect(status.child.standardOutput == "federated run 1: bearing waiting(round: 1)\n")
        let json = try await hub(["status", "--json"])
        #expect(json.status == 0)
        #expect(json.child.standardOutput.contains("\"firstRoundID\" : 4294967297"), "\(json.child.standardOutput)")
        let stopped = try await hub(["stop", "--reason", "operator test"])
        #expect(stopped.status == 0)
        #expect(try store.currentFederatedRun()?.abortRequested == "operator test")
    }
}
