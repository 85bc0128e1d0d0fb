import DaemonSupport
import FoundationEssentials
import MQTTTransport

extension DriftMonitor {
    /// Evaluates every `evaluate_interval` until cancelled, logging each flag change and publishing it as JSON on
    /// `topic` (QoS 1, not retained). A failed evaluation or publish is logged and the loop goes on.
    func run(on client: MQTTClient, topic: String) async {
        while (try? await Task.sleep(for: settings.evaluateInterval)) != nil {
            let evaluation: Evaluation
            do {
                evaluation = try evaluate(nowMs: unixMilliseconds())
            } catch {
                logger.error("drift evaluation failed", metadata: ["error": "\(error)"])
                continue
            }
            for event in evaluation.events {
                logger.notice(
                    "drift \(event.state)",
                    metadata: [
                        "scope": "\(event.scope)", "model": "\(event.model)@\(event.version)",
                        "drift.share": "\(event.share)", "drift.features": "\(event.features)",
                    ]
                )
                do {
                    _ = try await client.publish(MQTTMessage(topic: topic, payload: Self.json(event)))
                } catch {
                    logger.warning("drift event not published", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// The event's JSON bytes (`{"v":1,…}`); its numbers are finite shares, so encoding cannot fail.
    static func json(_ event: Event) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(event))) ?? []
    }
}
