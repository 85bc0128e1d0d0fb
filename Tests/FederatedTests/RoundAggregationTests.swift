import EdgeModel
import FederatedAggregation
import FederatedTraining
@testable import HubCore
import ModelTraining
import Testing
import WireProtocol

@Suite struct RoundAggregationTests {
    @Test func closesARoundIntoTheNextVersionOnceEvenWhenClosedAgain() throws {
        let fixture = try FleetFixture(seconds: 2)
        defer { fixture.close() }
        var config = TrainingConfig()
        config.hidden = [8]
        config.epochs = 3
        let base = try fixture.registerBase(config)
        let store = fixture.store
        let heldOut = try FederatedHeldOut.load(model: "bearing", version: 1, store: store)
        let global = try base.network.parameters()
        // Two clients: one trained on the first half of the training part, one on the second; a third sends garbage.
        let inputs = heldOut.split.train.inputs
        let labels = heldOut.split.train.labels
        let half = inputs.count / 2
        var updates: [FederatedUpdate] = []
        for (index, range) in [0..<half, half..<inputs.count].enumerated() {
            let trained = try LocalTraining(epochs: 2, batchSize: 8, learningRate: 0.05).train(
                base.network,
                inputs: Array(inputs[range]),
                labels: Array(labels[range])
            )
            let packed = try UpdatePacking.pack(trained: trained.parameters(), global: global, encoding: .float32)
            updates.append(
                try FederatedUpdate(
                    device: DeviceID("c\(index)"),
                    seq: 1,
                    round: 77,
                    baseVersion: 1,
                    examples: UInt32(range.count),
                    update: packed
                )
            )
        }
        updates.append(
            try FederatedUpdate(device: DeviceID("c2"), seq: 1, round: 77, baseVersion: 1, examples: 1, update: [1])
        )
        try store.recordFederatedUpdates(updates, receivedAt: 1)
        let plan = FederatedPlan(model: "bearing", minClients: 2)
        let aggregation = RoundAggregation(store: store, plan: plan, heldOut: heldOut, signer: nil)
        var strategy: any AggregationStrategy = FedAvg()
        let first = try aggregation.close(
            round: 1,
            id: 77,
            baseVersion: 1,
            participants: ["c0", "c1", "c2"],
            strategy: &strategy,
            now: 5
        )
        #expect(first.version == 2)
        #expect(Array(first.rejected.keys) == ["c2"])
        var reference = FedAvg()
        let expected = try reference.aggregate(
            updates.prefix(2).map { update in
                ClientUpdate(
                    clientID: update.device.rawValue,
                    parameters: try UpdatePacking.unpack(update.update, onto: global),
                    exampleCount: Int(update.examples)
                )
            },
            in: RoundContext(number: 1, global: global)
        )
        #expect(first.floatAccuracy == (try heldOut.accuracy(of: base.network.replacing(expected))))
        let registered = try store.model("bearing", version: 2)
        #expect(registered.lineage.parentVersion == 1 && registered.lineage.federatedRound == 1)
        #expect(registered.tags["fl.participants"] == "c0,c1")
        #expect(registered.metrics["fl_examples"] == Double(inputs.count))
        #expect(try store.floatWeights(model: "bearing", version: 2) != nil)
        // A hub that stopped before saving the run closes the round again: the same version, nothing new.
        let again = try aggregation.close(
            round: 1,
            id: 77,
            baseVersion: 1,
            participants: ["c0", "c1", "c2"],
            strategy: &strategy,
            now: 6
        )
        #expect(again.version == 2 && again.floatAccuracy == first.floatAccuracy)
        #expect(try store.latestVersion(of: "bearing") == 2)
    }
}
