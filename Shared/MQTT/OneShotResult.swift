import Synchronization

/// Hands one value to one waiter, whichever comes first: the value or the waiter. Used where an answer can come from
/// two places (the broker's acknowledgement, or the waiting task's cancellation) and only the first may count.
final class OneShotResult<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case ready(Value)
        case done
    }

    private let state = Mutex(State.empty)

    /// Waits for the value; returns at once if it already arrived.
    func wait() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = state.withLock { state in
                guard case .ready(let value) = state else {
                    state = .waiting(continuation)
                    return nil
                }
                state = .done
                return value
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Delivers `value` if nothing was delivered yet; later calls are ignored.
    func deliver(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .ready(value)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .ready, .done:
                return nil
            }
        }
        waiter?.resume(returning: value)
    }
}
