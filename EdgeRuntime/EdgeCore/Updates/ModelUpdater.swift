import Logging
import Synchronization
import UpdateSigning
import WireProtocol

/// Runs the over-the-air update loop of the edge: desired states and artifact chunks from the broker go in (see
/// ``deliver(desired:)`` and ``deliver(chunk:)``), the ``UpdateReconciler`` decides, the ``UpdateExecutor`` acts.
/// One event at a time, so the reconciler never sees two steps interleave.
public final class ModelUpdater: Sendable {
    private enum Input: Sendable {
        case desired(DesiredModel)
        case chunk(ArtifactChunk)
        case rollback
        case tick
    }

    private let inputs: AsyncStream<Input>
    private let continuation: AsyncStream<Input>.Continuation
    private let reconciler: Mutex<UpdateReconciler>
    private let chunkTimeout: Duration
    private let logger: Logger

    /// An updater trusting the key at `settings.trustedKeyPath`. A missing or bad key file is logged and every
    /// update is then refused with `noTrustedKey` (the daemon still runs its current model).
    public init(settings: UpdateSettings, logger: Logger) {
        var verifier: UpdateVerifier?
        if let path = settings.trustedKeyPath {
            do {
                verifier = UpdateVerifier(trusting: [try SigningKeyPair.loadPublicKey(path: path)])
            } catch {
                logger.error("cannot load the trusted update key; refusing updates", metadata: ["error": "\(error)"])
            }
        } else {
            logger.warning("no update.trusted_key configured; refusing updates")
        }
        (inputs, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
        reconciler = Mutex(
            UpdateReconciler(verifier: verifier, maxLatency: settings.maxLatency, chunkBytes: settings.chunkBytes)
        )
        chunkTimeout = settings.chunkTimeout
        self.logger = logger
    }

    /// Hands a desired model to the loop.
    public func deliver(desired model: DesiredModel) {
        continuation.yield(.desired(model))
    }

    /// Hands an artifact chunk to the loop.
    public func deliver(chunk: ArtifactChunk) {
        continuation.yield(.chunk(chunk))
    }

    /// Asks for a switch back to the previous model (the `model.rollback` command); see
    /// ``UpdateReconciler/Event/rollbackRequested(_:)``.
    public func requestRollback() {
        continuation.yield(.rollback)
    }

    /// Where the update stands.
    public var phase: UpdateReconciler.Phase { reconciler.withLock { $0.phase } }

    /// Runs until cancelled: first finishes an update a restart interrupted, then handles inputs.
    public func run(executor: UpdateExecutor) async {
        await withDiscardingTaskGroup { group in
            group.addTask { [continuation, chunkTimeout] in
                while (try? await Task.sleep(for: chunkTimeout)) != nil { continuation.yield(.tick) }
            }
            group.addTask { [self] in
                do {
                    await apply(try executor.started(), executor)
                } catch {
                    logger.error("cannot read the model slots", metadata: ["error": "\(error)"])
                }
                var progressed = false
                for await input in inputs {
                    switch input {
                    case .desired(let model):
                        do {
                            await apply(try executor.desired(model), executor)
                        } catch {
                            logger.error("cannot read the local update state", metadata: ["error": "\(error)"])
                        }
                    case .rollback:
                        do {
                            await apply(.rollbackRequested(try executor.slots()), executor)
                        } catch {
                            logger.error("cannot read the model slots", metadata: ["error": "\(error)"])
                        }
                    case .chunk(let chunk):
                        progressed = true
                        await apply(.chunk(chunk), executor)
                    case .tick:
                        if !progressed { await apply(.chunkTimedOut, executor) }
                        progressed = false
                    }
                }
            }
        }
    }

    /// Feeds `event` and every event its actions lead to.
    private func apply(_ event: UpdateReconciler.Event, _ executor: UpdateExecutor) async {
        var pending = [event]
        while !pending.isEmpty {
            let actions = reconciler.withLock { $0.handle(pending.removeFirst()) }
            for action in actions {
                if let next = await executor.perform(action) { pending.append(next) }
            }
        }
    }
}
