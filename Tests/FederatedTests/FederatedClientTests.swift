import EdgeCore
import EdgeModel
import FederatedAggregation
import FederatedTraining
import ModelTraining
import SignalFeatures
import Synchronization
import TestSupport
import Testing
import UpdateSigning
import WireProtocol

/// The edge's federated client without a broker: the test plays the hub, answering its chunk requests.
@Suite struct FederatedClientTests {
    /// Local samples handed out as given.
    struct FixedSamples: FederatedSampleSource {
        let samples: [(label: String, values: [Float])]
        func federatedSamples(
            for pipeline: FeaturePipelineConfig,
            limit: Int
        ) throws -> [(label: String, values: [Float])] {
            pipeline == .vibrationDefault ? Array(samples.prefix(limit)) : []
        }
    }

    static let labels = ["a", "b", "c"]
    static let device = try! DeviceID("fl-client")

    /// A float32 artifact over the default pipeline and the network in it.
    static func weights() throws -> (bytes: [UInt8], network: FloatNetwork) {
        var random = SplitMix64(seed: 9)
        let network = NetworkInitializer.perceptron(
            sizes: [FeaturePipelineConfig.vibrationDefault.featureCount, 8, 3],
            using: &random
        )
        let metadata = ModelMetadata(name: "m", version: 3, labels: labels, featurePipeline: .vibrationDefault)
        return (try network.artifact(metadata).encoded(), network)
    }

    static func samples(count: Int) -> [(label: String, values: [Float])] {
        var random = SplitMix64(seed: 10)
        let width = FeaturePipelineConfig.vibrationDefault.featureCount
        return (0..<count).map { index in
            (labels[index % 3], (0..<width).map { _ in Float(index % 3) + NetworkInitializer.gaussian(using: &random) })
        }
    }

    static func round(
        _ weights: [UInt8],
        id: UInt64 = 1,
        devices: [DeviceID] = [device],
        deadline: Int64 = .max,
        digest: String? = nil,
        quantization: FederatedRound.Quantization = .int8
    ) throws -> FederatedRound {
        try FederatedRound(
            round: id,
            model: "m",
            baseVersion: 3,
            weights: "m.float",
            weightsSHA256: digest ?? ArtifactDigest.sha256(weights),
            weightsSize: UInt64(weights.count),
            devices: devices,
            deadlineMs: deadline,
            epochs: 2,
            batchSize: 4,
            learningRate: 0.05,
            proximalMu: 0.1,
            quantization: quantization,
            topK: 0.5
        )
    }

    /// Runs a client on `samples`, delivers `rounds`, serves chunks of `weights` (`chunk` bytes each, or the
    /// `status` given) and returns what the client sent once `until` holds (or after 60 s).
    static func exchange(
        _ rounds: [FederatedRound],
        weights: [UInt8],
        samples: [(label: String, values: [Float])],
        status: ArtifactChunk.Status = .ok,
        chunk: Int = 1_000,
        until done: @escaping @Sendable ([FederatedClient.Outgoing]) -> Bool
    ) async throws -> [FederatedClient.Outgoing] {
        let directory = try TemporaryDirectory(prefix: "fl-client")
        defer { directory.remove() }
        let client = FederatedClient(
            settings: FederatedSettings(chunkTimeout: .milliseconds(200)),
            device: device,
            store: try EdgeStateStore(directory: directory.file("state")),
            samples: FixedSamples(samples: samples),
            logger: quietLogger,
            clock: { 1_700_000_000_000 }
        )
        let sent = Mutex<[FederatedClient.Outgoing]>([])
        let (stream, continuation) = AsyncStream.makeStream(of: FederatedClient.Outgoing.self)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                await client.run { outgoing in continuation.yield(outgoing) }
            }
            for round in rounds { client.deliver(round: round) }
            tasks.addTask {
                try await Task.sleep(for: .seconds(60))
                continuation.finish()
            }
            for await outgoing in stream {
                sent.withLock { $0.append(outgoing) }
                if case .request(let request) = outgoing {
                    let start = Int(request.offset)
                    let end = min(weights.count, start + min(chunk, Int(request.length)))
                    let answer = try ArtifactChunk(
                        status: status,
                        requestSeq: request.seq,
                        name: request.name,
                        version: request.version,
                        totalLength: UInt64(weights.count),
                        offset: request.offset,
                        data: status == .ok ? Array(weights[start..<end]) : []
                    )
                    #expect(client.deliver(chunk: answer))
                }
                if done(sent.withLock { $0 }) { break }
            }
            tasks.cancelAll()
            return sent.withLock { $0 }
        }
    }

    static func events(_ sent: [FederatedClient.Outgoing]) -> [String] {
        sent.compactMap { if case .event(let event) = $0 { event.kind } else { nil } }
    }

    @Test func fetchesTheWeightsInChunksTrainsAndSendsItsDelta() async throws {
        let (weights, network) = try Self.weights()
        let samples = Self.samples(count: 30)
        let sent = try await Self.exchange([Self.round(weights)], weights: weights, samples: samples) {
            Self.events($0).contains("fl.update_sent")
        }
        let requests = sent.compactMap { if case .request(let request) = $0 { request } else { nil } }
        // Every chunk in order; a chunk slower than the timeout is asked for again.
        #expect(Set(requests.map(\.offset)) == Set(stride(from: 0, to: weights.count, by: 1_000).map(UInt64.init)))
        #expect(requests.map(\.offset) == requests.map(\.offset).sorted())
        #expect(requests.allSatisfy { $0.name == "m.float" && $0.version == 3 })
        let update = try #require(sent.compactMap { if case .update(let update) = $0 { update } else { nil } }.first)
        #expect(update.round == 1 && update.baseVersion == 3 && update.examples == 30 && update.device == Self.device)
        // The same training done here gives the same parameters, up to int8 and top-k.
        let trained = try LocalTraining(
            epochs: 2,
            batchSize: 4,
            learningRate: 0.05,
            proximalMu: 0.1,
            seed: 1 ^ fnv1a(Self.device.rawValue)
        ).train(network, inputs: samples.map(\.values), labels: samples.map { Self.labels.firstIndex(of: $0.label)! })
        let received = try UpdatePacking.unpack(update.update, onto: network.parameters())
        let expected = try trained.parameters()
        var close = 0
        for (got, want) in zip(received.layers, expected.layers) {
            close += zip(got.values, want.values).count { abs($0 - $1) <= 0.05 }
        }
        #expect(close >= expected.parameterCount / 2)
    }

    @Test func ignoresRoundsThatDoNotSelectItAndRoundsSeenBefore() async throws {
        let (weights, _) = try Self.weights()
        let other = try Self.round(weights, id: 5, devices: [DeviceID("someone-else")])
        let first = try Self.round(weights, id: 4)
        let sent = try await Self.exchange([other, first, first], weights: weights, samples: Self.samples(count: 6)) {
            Self.events($0).contains("fl.update_sent")
        }
        let updates = sent.compactMap { if case .update(let update) = $0 { update.round } else { nil } }
        #expect(updates == [4])
    }

    @Test(arguments: [
        ("digest", ArtifactChunk.Status.ok, 0, "fl.failed"),
        ("unknown", .unknownArtifact, 30, "fl.failed"),
        ("no samples", .ok, 0, "fl.failed"),
        ("deadline", .ok, 30, "fl.skipped"),
    ])
    func reportsARoundItCannotTrain(
        name: String,
        status: ArtifactChunk.Status,
        samples: Int,
        expected: String
    ) async throws {
        let (weights, _) = try Self.weights()
        let round = try Self.round(
            weights,
            deadline: name == "deadline" ? 1 : .max,
            digest: name == "digest" ? String(repeating: "0", count: 64) : nil
        )
        let count = name == "digest" ? 30 : samples
        let sent = try await Self.exchange(
            [round],
            weights: weights,
            samples: Self.samples(count: count),
            status: status
        ) {
            !Self.events($0).isEmpty
        }
        #expect(Self.events(sent) == [expected])
        #expect(!sent.contains { if case .update = $0 { true } else { false } })
    }

    @Test func chunksOfOtherArtifactsAreLeftToTheUpdater() throws {
        let directory = try TemporaryDirectory(prefix: "fl-client")
        defer { directory.remove() }
        let client = FederatedClient(
            settings: FederatedSettings(),
            device: Self.device,
            store: try EdgeStateStore(directory: directory.file("state")),
            samples: FixedSamples(samples: []),
            logger: quietLogger
        )
        let chunk = try ArtifactChunk(
            status: .ok,
            requestSeq: 1,
            name: "m",
            version: 3,
            totalLength: 1,
            offset: 0,
            data: [1]
        )
        #expect(!client.deliver(chunk: chunk))
    }
}

/// FNV-1a, the per-device seed of local training.
func fnv1a(_ text: String) -> UInt64 {
    text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
}
