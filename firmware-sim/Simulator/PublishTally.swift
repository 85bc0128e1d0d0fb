import MQTTTransport
import Synchronization

/// Counts the messages a run hands to the MQTT client and their outcomes, which arrive on libmosquitto's network
/// thread, and lets the run wait until none is outstanding.
final class PublishTally: Sendable {
    private struct State {
        var report = SimulationReport()
        var outstanding = 0
        var drainWaiters: [CheckedContinuation<Void, Never>] = []

        /// The drain waiters to resume once nothing is outstanding.
        mutating func takeWaitersIfIdle() -> [CheckedContinuation<Void, Never>] {
            guard outstanding == 0 else { return [] }
            defer { drainWaiters = [] }
            return drainWaiters
        }
    }

    private let state = Mutex(State())

    /// Called before handing a message to the client, so that a completion that beats the call still finds it.
    func submitting() {
        state.withLock { $0.outstanding += 1 }
    }

    /// The client refused the message `submitting()` announced; a frame refused while offline counts as dropped.
    func refused(droppedFrame: Bool) {
        let waiters = state.withLock { state in
            state.outstanding -= 1
            if droppedFrame { state.report.dropped += 1 }
            return state.takeWaitersIfIdle()
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Records the client's answer for a message; runs on the network thread.
    func completed(_ result: Result<PublishAck, MQTTError>, isLabel: Bool) {
        let waiters = state.withLock { state in
            state.outstanding -= 1
            switch (result, isLabel) {
            case (.success, false): state.report.framesPublished += 1
            case (.success, true): state.report.labelsPublished += 1
            case (.failure, _): state.report.failed += 1
            }
            return state.takeWaitersIfIdle()
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The counts so far.
    var report: SimulationReport { state.withLock { $0.report } }

    /// Returns once every submitted message has an outcome.
    func drain() async {
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state in
                guard state.outstanding > 0 else { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }
}
