import Synchronization

/// Incoming messages, delivered in batches: every wake-up of the consumer takes all messages that arrived since
/// the last one. Handing messages over one by one costs a task switch each and caps a consumer near 20 k msg/s on
/// this hardware; batches let a hub take far more.
///
/// Single consumer: iterate it from one task. The buffer is unbounded so that nothing acknowledged by the client
/// is ever dropped; ``pendingCount`` shows a consumer falling behind.
public final class MessageBatches: AsyncSequence, Sendable {
    public typealias Element = [MQTTMessage]

    private struct State {
        var buffer: [MQTTMessage] = []
        var waiter: CheckedContinuation<[MQTTMessage]?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    init() {}

    /// Messages received and not yet taken by the consumer.
    public var pendingCount: Int { state.withLock { $0.buffer.count } }

    /// Called on the network thread for every message.
    func deliver(_ message: MQTTMessage) {
        let resume: CheckedContinuation<[MQTTMessage]?, Never>? = state.withLock { state in
            guard !state.finished else { return nil }
            guard let waiter = state.waiter else {
                state.buffer.append(message)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        resume?.resume(returning: [message])
    }

    /// Ends the sequence once the buffered messages are taken.
    func finish() {
        let resume = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        resume?.resume(returning: nil)
    }

    /// Waits for the next batch; returns nil once finished or when the consuming task is cancelled.
    fileprivate func next() async -> [MQTTMessage]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: [MQTTMessage]?? = state.withLock { state in
                    if !state.buffer.isEmpty {
                        defer { state.buffer = [] }
                        return .some(state.buffer)
                    }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Iterates batches; ends after ``MQTTClient/disconnect()``.
    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let batches: MessageBatches

        public mutating func next() async -> [MQTTMessage]? {
            await batches.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(batches: self) }
}
