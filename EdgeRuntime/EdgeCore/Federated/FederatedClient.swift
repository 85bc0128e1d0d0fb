import DaemonSupport
import EdgeModel
import FederatedAggregation
import FederatedTraining
import Logging
import Synchronization
import WireProtocol

/// The device's side of federated learning. Rounds from `{prefix}/fl/round` and weights chunks go in (see
/// ``deliver(round:)`` and ``deliver(chunk:)``); for a round that selects this device it fetches the round's float32
/// global weights over `artifact/get`, checks them against the round's digest, trains them on the local labelled
/// samples of the model's pipeline (``LocalTraining``), and sends the compressed delta with its example count on
/// `{prefix}/{device}/fl/update`, reporting each outcome as an `fl.*` event. One round at a time; a round is handled
/// once, and a round whose deadline passed is dropped.
public final class FederatedClient: Sendable {
    /// A message for the hub.
    public enum Outgoing: Sendable, Equatable {
        /// Ask for a weights chunk on `artifact/get`.
        case request(ArtifactRequest)
        /// The update, on `fl/update`.
        case update(FederatedUpdate)
        /// An outcome, on `events`.
        case event(DeviceEvent)
    }

    private enum Input: Sendable {
        case round(FederatedRound)
        case chunk(ArtifactChunk)
        case tick
    }

    private let settings: FederatedSettings
    private let device: DeviceID
    private let store: EdgeStateStore
    private let samples: any FederatedSampleSource
    private let logger: Logger
    private let clock: @Sendable () -> Int64
    private let inputs: AsyncStream<Input>
    private let continuation: AsyncStream<Input>.Continuation
    /// The weights being fetched, so that their chunks are routed here and not to the model updater.
    private let fetching = Mutex<(name: String, version: UInt32)?>(nil)

    /// A client for `device`, drawing sequence numbers from `store` and samples from `samples`.
    public init(
        settings: FederatedSettings,
        device: DeviceID,
        store: EdgeStateStore,
        samples: any FederatedSampleSource,
        logger: Logger,
        clock: @escaping @Sendable () -> Int64 = unixMilliseconds
    ) {
        self.settings = settings
        self.device = device
        self.store = store
        self.samples = samples
        self.logger = logger
        self.clock = clock
        (inputs, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    /// Hands a round announcement to the loop.
    public func deliver(round: FederatedRound) {
        continuation.yield(.round(round))
    }

    /// Takes `chunk` when it belongs to the weights being fetched; returns false (not taken) otherwise.
    public func deliver(chunk: ArtifactChunk) -> Bool {
        let wanted = fetching.withLock { $0 }
        guard let wanted, wanted.name == chunk.name, wanted.version == chunk.version else { return false }
        continuation.yield(.chunk(chunk))
        return true
    }

    /// Runs until cancelled, sending through `send`.
    public func run(send: @escaping @Sendable (Outgoing) async -> Void) async {
        await withDiscardingTaskGroup { group in
            group.addTask { [continuation, settings] in
                while (try? await Task.sleep(for: settings.chunkTimeout)) != nil { continuation.yield(.tick) }
            }
            group.addTask { [self] in
                var session = Session()
                for await input in inputs { await handle(input, &session, send) }
            }
        }
    }

    /// The loop's own state.
    private struct Session {
        var download: WeightsDownload?
        var lastRound: UInt64 = 0
        var progressed = false
    }

    private func handle(
        _ input: Input,
        _ session: inout Session,
        _ send: @Sendable (Outgoing) async -> Void
    ) async {
        switch input {
        case .round(let round):
            guard settings.enabled, round.round > session.lastRound, round.selects(device) else { return }
            session.lastRound = round.round
            guard clock() < round.deadlineMs else {
                return await report(round, "fl.skipped", "deadline already passed", send)
            }
            guard round.weightsSize <= UInt64(settings.maxWeightsBytes) else {
                return await report(
                    round,
                    "fl.failed",
                    "weights of \(round.weightsSize) bytes exceed fl.max_weights_bytes",
                    send
                )
            }
            session.download = WeightsDownload(round: round)
            fetching.withLock { $0 = (round.weights, round.baseVersion) }
            logger.info("federated round", metadata: ["fl.round": "\(round.round)", "fl.model": "\(round.model)"])
            await request(round, offset: 0, send)
        case .chunk(let chunk):
            guard var download = session.download else { return }
            session.progressed = true
            let step = download.receive(chunk)
            session.download = download
            switch step {
            case .ignore: break
            case .request(let offset): await request(download.round, offset: offset, send)
            case .failed(let reason):
                finish(&session)
                await report(download.round, "fl.failed", reason, send)
            case .complete(let bytes):
                finish(&session)
                await train(download.round, weights: bytes, send)
            }
        case .tick:
            guard let download = session.download else { return }
            if clock() >= download.round.deadlineMs {
                finish(&session)
                await report(download.round, "fl.failed", "deadline passed while fetching weights", send)
            } else if !session.progressed {
                await request(download.round, offset: UInt64(download.bytes.count), send)
            }
            session.progressed = false
        }
    }

    private func finish(_ session: inout Session) {
        session.download = nil
        fetching.withLock { $0 = nil }
    }

    private func request(_ round: FederatedRound, offset: UInt64, _ send: @Sendable (Outgoing) async -> Void) async {
        do {
            let left = round.weightsSize - offset
            let request = try ArtifactRequest(
                device: device,
                seq: try store.nextSequence(),
                name: round.weights,
                version: round.baseVersion,
                offset: offset,
                length: UInt32(min(UInt64(ArtifactRequest.maxLength), left))
            )
            await send(.request(request))
        } catch {
            logger.error("cannot ask for federated weights", metadata: ["error": "\(error)"])
        }
    }

    /// Trains on the fetched weights and sends the update.
    private func train(_ round: FederatedRound, weights: [UInt8], _ send: @Sendable (Outgoing) async -> Void) async {
        let started = ContinuousClock.now
        let result: (update: [UInt8], examples: Int)
        do {
            result = try LocalRound(round: round, device: device, maxSamples: settings.maxSamples)
                .run(weights: weights, samples: samples)
        } catch {
            return await report(round, "fl.failed", "\(error)", send)
        }
        guard clock() < round.deadlineMs else {
            return await report(round, "fl.skipped", "deadline passed during local training", send)
        }
        do {
            let update = try FederatedUpdate(
                device: device,
                seq: try store.nextSequence(),
                round: round.round,
                baseVersion: round.baseVersion,
                examples: UInt32(clamping: result.examples),
                update: result.update
            )
            await send(.update(update))
        } catch {
            return await report(round, "fl.failed", "cannot send the update: \(error)", send)
        }
        let elapsed = (ContinuousClock.now - started).components
        let milliseconds = elapsed.seconds * 1_000 + elapsed.attoseconds / 1_000_000_000_000_000
        await report(
            round,
            "fl.update_sent",
            "\(result.examples) examples, \(result.update.count) bytes, trained in \(milliseconds) ms",
            send,
            fields: ["examples": "\(result.examples)", "bytes": "\(result.update.count)"]
        )
    }

    private func report(
        _ round: FederatedRound,
        _ kind: String,
        _ message: String,
        _ send: @Sendable (Outgoing) async -> Void,
        fields: [String: String] = [:]
    ) async {
        let failed = kind == "fl.failed"
        logger.log(
            level: failed ? .error : .info,
            "\(kind)",
            metadata: ["fl.round": "\(round.round)", "fl.message": "\(message)"]
        )
        do {
            let event = try DeviceEvent(
                device: device,
                seq: try store.nextSequence(),
                ts: clock(),
                kind: kind,
                severity: failed ? .error : .info,
                message: String(message.prefix(1_000)),
                fields: fields.merging(["round": "\(round.round)", "model": round.model]) { mine, _ in mine }
            )
            await send(.event(event))
        } catch {
            logger.error("cannot report a federated outcome", metadata: ["error": "\(error)"])
        }
    }
}
