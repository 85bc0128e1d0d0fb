/// Why a federated run could not start or go on: a stable ``Code`` and a context.
public struct FederatedRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A plan setting is out of its range.
        case invalidPlan
        /// A run is already going on.
        case alreadyRunning
        /// No run was started, or none is going on (to stop).
        case noRun
        /// The model has no float32 weights at the hub (train it with `hub train` first).
        case noWeights
        /// The held-out data of the model cannot be rebuilt (no dataset snapshot in its lineage).
        case noHeldOutData
        /// Aggregating, evaluating, quantizing or registering a round's model failed.
        case aggregationFailed
    }

    /// What went wrong.
    public let code: Code
    /// Details for logs.
    public let context: String

    /// An error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A one-line form for logs.
    public var description: String { "federated run \(code.rawValue): \(context)" }
}
