/// Why a set of client updates, a strategy's settings or a server state was refused: a stable ``Code`` and a context
/// naming the client, layer or parameter concerned.
public struct AggregationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// No client update was given.
        case noClients
        /// An update has another number of layers, or a layer another name, than the global model.
        case layerMismatch
        /// A layer has another shape than the global model's, or a shape whose element count is not its values'.
        case shapeMismatch
        /// A parameter is NaN or infinite.
        case nonFiniteValue
        /// An update claims zero or a negative number of training examples.
        case zeroExamples
        /// Fewer clients than the strategy needs to tolerate its `numMaliciousClients` (Krum: 2f + 3, Bulyan: 4f + 3)
        /// or to keep `numClientsToKeep`.
        case tooFewClients
        /// A strategy setting is out of its range (for example `beta` outside [0, 0.5), a negative learning rate).
        case invalidSetting
        /// A server optimiser's state was built for another model layout than this round's.
        case stateMismatch
    }

    /// What went wrong.
    public let code: Code
    /// The client, layer or setting concerned, then what was wrong with it.
    public let context: String

    /// Creates an error with its code and context.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A one-line form for logs.
    public var description: String { "aggregation \(code.rawValue): \(context)" }
}
