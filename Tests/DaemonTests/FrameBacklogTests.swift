import MQTTTransport
import Testing

@testable import EdgeCore

/// The sensor frames' own queue: bounded, shedding the oldest, so a flood never holds the control messages back.
@Suite("Frame backlog")
struct FrameBacklogTests {
    @Test func keepsTheNewestFramesAndCountsTheShedOnes() async {
        let backlog = FrameBacklog(logger: quietLogger)
        let offered = FrameBacklog.capacity + 44
        for index in 0..<offered {
            backlog.offer(MQTTMessage(topic: "sensors/d1/vibration", payload: [UInt8(index % 256)], qos: .atMostOnce))
        }
        backlog.finish()
        #expect(backlog.shed.load(ordering: .relaxed) == 44)
        var kept: [UInt8] = []
        for await frame in backlog.frames { kept += frame.payload }
        #expect(kept == (44..<offered).map { UInt8($0 % 256) })
    }
}
