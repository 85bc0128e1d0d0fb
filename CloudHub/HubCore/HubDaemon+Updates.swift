import DaemonSupport
import MQTTTransport
import WireProtocol

extension HubDaemon {
    /// How often desired states written to the database (by `hub desired set` or a rollout) are looked for.
    static let desiredPollInterval = Duration.milliseconds(250)

    /// Answers an artifact request with a chunk from the registry, on the device's `artifact/chunk` topic.
    func serve(_ request: ArtifactRequest, on client: MQTTClient) async {
        let chunk: ArtifactChunk
        do {
            // Registered artifacts first, then the float32 weights of federated rounds (`{model}.float`).
            let range =
                try store.artifactRange(
                    request.name,
                    version: request.version,
                    offset: request.offset,
                    length: request.length
                )
                ?? store.floatWeightsRange(
                    request.name,
                    version: request.version,
                    offset: request.offset,
                    length: request.length
                )
            let status: ArtifactChunk.Status =
                range.map { $0.bytes.isEmpty ? .badRange : .ok } ?? .unknownArtifact
            chunk = try ArtifactChunk(
                status: status,
                requestSeq: request.seq,
                name: request.name,
                version: request.version,
                totalLength: range?.total ?? 0,
                offset: request.offset,
                data: range?.bytes ?? []
            )
        } catch {
            logger.error("cannot serve artifact chunk", metadata: ["device": "\(request.device)", "error": "\(error)"])
            return
        }
        counters.chunksServed.add(1, ordering: .relaxed)
        do {
            try await client.publish(
                MQTTMessage(topic: settings.topics.topic(.artifactChunk, for: request.device), payload: chunk.encode())
            )
        } catch {
            // The device asks again after its chunk timeout.
            logger.warning("artifact chunk not sent", metadata: ["device": "\(request.device)", "error": "\(error)"])
        }
    }

    /// Publishes every desired state not yet published, retained, and marks it published once the broker has it.
    func publishDesiredStates(on client: MQTTClient) async {
        while (try? await Task.sleep(for: Self.desiredPollInterval)) != nil {
            let pending: [(device: String, revision: Int64, payload: [UInt8])]
            do {
                pending = try store.unpublishedDesired()
            } catch {
                logger.error("cannot read desired states", metadata: ["error": "\(error)"])
                continue
            }
            for state in pending {
                guard let device = DeviceID(validating: state.device) else { continue }
                do {
                    try await client.publish(
                        MQTTMessage(
                            topic: settings.topics.topic(.desired, for: device),
                            payload: state.payload,
                            retain: true
                        )
                    )
                    try store.markDesiredPublished(device: state.device, revision: state.revision)
                } catch {
                    logger.warning(
                        "desired state not published",
                        metadata: ["device": "\(device)", "error": "\(error)"]
                    )
                }
            }
        }
    }
}
