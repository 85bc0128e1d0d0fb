/// The true condition of a machine from a moment on, published retained on `sensors/{device}/label` whenever it
/// changes, so that training and evaluation can tell what the edge should have predicted.
public struct GroundTruthLabel: Sendable, Hashable {
    /// Schema version written as `v`.
    public static let schemaVersion = 1

    /// The condition.
    public let state: MachineState
    /// Unix milliseconds of the first sample in this condition.
    public let ts: Int64

    /// A label for `state` from `ts` on.
    public init(state: MachineState, ts: Int64) {
        self.state = state
        self.ts = ts
    }

    /// `{"v":1,"state":"normal","ts":1700000000000}`.
    public func encodeJSON() -> [UInt8] {
        Array(#"{"v":\#(Self.schemaVersion),"state":"\#(state.rawValue)","ts":\#(ts)}"#.utf8)
    }
}
