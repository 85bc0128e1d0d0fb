import UpdateSigning
import WireProtocol

/// The global weights of one round being fetched chunk by chunk (pure: chunks in, next request or result out).
struct WeightsDownload: Sendable {
    /// What to do after a chunk.
    enum Step: Sendable, Equatable {
        /// Ask for the bytes from `offset`.
        case request(offset: UInt64)
        /// Every byte arrived and matches the round's digest.
        case complete([UInt8])
        /// The hub cannot serve the weights or they do not match the round.
        case failed(String)
        /// Not for this download, or a repeat: nothing to do.
        case ignore
    }

    let round: FederatedRound
    private(set) var bytes: [UInt8] = []

    init(round: FederatedRound) {
        self.round = round
    }

    /// Whether `chunk` belongs to this download.
    func matches(_ chunk: ArtifactChunk) -> Bool {
        chunk.name == round.weights && chunk.version == round.baseVersion
    }

    /// Takes a chunk.
    mutating func receive(_ chunk: ArtifactChunk) -> Step {
        guard matches(chunk) else { return .ignore }
        guard chunk.status == .ok else { return .failed("the hub answered \(chunk.status) for \(round.weights)") }
        guard chunk.totalLength == round.weightsSize else {
            return .failed("weights are \(chunk.totalLength) bytes, the round says \(round.weightsSize)")
        }
        guard chunk.offset == UInt64(bytes.count) else { return .ignore }
        bytes += chunk.data
        guard UInt64(bytes.count) >= round.weightsSize else { return .request(offset: UInt64(bytes.count)) }
        let digest = ArtifactDigest.sha256(bytes)
        guard digest == round.weightsSHA256 else {
            return .failed("weights sha256 \(digest), the round says \(round.weightsSHA256)")
        }
        return .complete(bytes)
    }
}
