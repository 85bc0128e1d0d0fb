/// When and how a simulated machine breaks: from frame ``frame`` on it is in ``state``.
public struct FaultOnset: Sendable, Hashable {
    /// The fault, never `.normal`.
    public let state: MachineState
    /// Index of the first frame generated in the fault state (0 is the first frame of the run).
    public let frame: Int

    /// A fault of `state` starting at frame `frame`.
    public init(state: MachineState, frame: Int) {
        self.state = state
        self.frame = frame
    }
}
