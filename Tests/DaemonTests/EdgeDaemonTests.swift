import EdgeCore
import MQTTTransport
import TestSupport
import Testing
import WireProtocol

@Suite("Edge daemon against a real broker")
struct EdgeDaemonTests {
    @Test func announcesRetainedOnlineStatusAndAnswersPing() async throws {
        let broker = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: broker)
        try await whileRunning(try edge.daemon()) {
            let observer = try await edge.observe(on: broker)
            let online = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
            #expect(online.device == edge.settings.device)
            #expect(online.runtimeVersion == EdgeDaemon.runtimeVersion)
            #expect(online.uptimeSeconds != nil)

            let answer = try #require(try await edge.send("ping", id: "c-ping-1", through: observer))
            #expect(answer.device == edge.settings.device)
            #expect(answer.kind == "command.done")
            #expect(answer.severity == .info)
            #expect(answer.seq > online.seq)
            await observer.close()
        }
    }

    @Test func retainedStatusIsDeliveredToLateSubscribers() async throws {
        let broker = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: broker, heartbeat: "1h")
        try await whileRunning(try edge.daemon()) {
            // The answer to a ping proves the daemon is up; only then does the second observer subscribe.
            let first = try await edge.observe(on: broker)
            _ = try #require(await first.nextStatus(on: edge.topic(.status), state: .online))
            _ = try #require(try await edge.send("ping", id: "c-up", through: first))
            let late = try await Observer.connect(port: broker.port, filters: [edge.topic(.status)])
            let retained = try #require(await late.next { _ in true })
            #expect(retained.retain)
            #expect(try DeviceStatus.decode(retained.payload).state == .online)
            await first.close()
            await late.close()
        }
    }

    @Test func unknownCommandIsAnsweredWithSeverityError() async throws {
        let broker = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: broker)
        try await whileRunning(try edge.daemon()) {
            let observer = try await edge.observe(on: broker)
            _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
            let answer = try #require(try await edge.send("self.destruct", id: "c-unknown", through: observer))
            #expect(answer.severity == .error)
            #expect(answer.kind == "command.unknown")
            #expect(answer.message.contains("self.destruct"))
            await observer.close()
        }
    }

    @Test(arguments: [DeviceTopic.command, .desired])
    func badPayloadsDoNotStopTheDaemon(on kind: DeviceTopic) async throws {
        let broker = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: broker)
        try await whileRunning(try edge.daemon()) {
            let observer = try await edge.observe(on: broker)
            _ = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
            for payload in BadPayloads.all(device: edge.settings.device) {
                try await observer.publish(payload, on: edge.topic(kind))
            }
            let answer = try await edge.send("ping", id: "c-after-garbage", through: observer)
            #expect(answer?.severity == .info)
            await observer.close()
        }
    }

    @Test func gracefulShutdownLeavesRetainedStatusOffline() async throws {
        let broker = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: broker)
        let online = try await whileRunning(try edge.daemon()) {
            let observer = try await edge.observe(on: broker)
            let online = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
            await observer.close()
            return online
        }
        let after = try await Observer.connect(port: broker.port, filters: [edge.topic(.status)])
        let retained = try #require(await after.next { _ in true })
        let status = try DeviceStatus.decode(retained.payload)
        #expect(retained.retain)
        #expect(status.state == .offline)
        #expect(status.uptimeSeconds == nil)
        #expect(status.seq > online.seq)
        await after.close()
    }

    @Test func sequenceNumbersKeepIncreasingAcrossRestarts() async throws {
        let broker = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: broker)
        let observer = try await edge.observe(on: broker)
        var seen: [UInt64] = []
        for run in 0..<2 {
            try await whileRunning(try edge.daemon()) {
                let online = try #require(await observer.nextStatus(on: edge.topic(.status), state: .online))
                #expect(online.seq > (seen.max() ?? 0), "run \(run): online status reuses an old seq")
                seen.append(online.seq)
                // Only the command handler draws sequence numbers for events, one command at a time.
                for index in 0..<5 {
                    let answer = try #require(try await edge.send("ping", id: "c-\(run)-\(index)", through: observer))
                    #expect(answer.seq > (seen.max() ?? 0), "run \(run): event \(index) does not increase")
                    seen.append(answer.seq)
                }
            }
            let offline = try #require(await observer.nextStatus(on: edge.topic(.status), state: .offline))
            #expect(offline.seq > (seen.max() ?? 0), "run \(run): offline status is not the newest")
            seen.append(offline.seq)
        }
        let store = try EdgeStateStore(directory: edge.settings.stateDirectory)
        #expect(try store.lastSequence() >= (seen.max() ?? 0))
        await observer.close()
    }

    @Test func announcesOnlineAgainAfterBrokerRestart() async throws {
        let broker = try MosquittoBroker()
        // A heartbeat far beyond the test, so the new online status can only come from the reconnect.
        let edge = try EdgeUnderTest(broker: broker, heartbeat: "1h")
        try await whileRunning(try edge.daemon()) {
            let before = try await edge.observe(on: broker)
            let online = try #require(await before.nextStatus(on: edge.topic(.status), state: .online))
            await before.close()

            broker.kill()
            try broker.start()
            // The restarted broker keeps no retained messages, so an online status here is a new announcement.
            let after = try await edge.observe(on: broker)
            let again = try #require(await after.nextStatus(on: edge.topic(.status), state: .online))
            #expect(again.seq > online.seq)
            let answer = try await edge.send("ping", id: "c-after-restart", through: after)
            #expect(answer?.severity == .info)
            await after.close()
        }
    }

    @Test func waitsForABrokerThatStartsLater() async throws {
        let port = try MosquittoBroker.freePort()
        let placeholder = try MosquittoBroker(port: port)
        let edge = try EdgeUnderTest(broker: placeholder)
        placeholder.stop()
        try await whileRunning(try edge.daemon()) {
            try await Task.sleep(for: .milliseconds(300))
            try placeholder.start()
            let observer = try await edge.observe(on: placeholder)
            let online = await observer.nextStatus(on: edge.topic(.status), state: .online)
            #expect(online != nil)
            await observer.close()
        }
    }

    @Test func shutsDownCleanlyWhileStillWaitingForTheBroker() async throws {
        let placeholder = try MosquittoBroker()
        let edge = try EdgeUnderTest(broker: placeholder)
        placeholder.stop()
        try await whileRunning(try edge.daemon()) {
            try await Task.sleep(for: .milliseconds(300))
        }
    }
}
