import Testing
import WireProtocol

private let device = Fixtures.device

@Test(arguments: [
    (DeviceTopic.status, "fleet/edge-01/status"), (.telemetry, "fleet/edge-01/telemetry"),
    (.events, "fleet/edge-01/events"), (.desired, "fleet/edge-01/desired"), (.command, "fleet/edge-01/cmd"),
    (.artifactGet, "fleet/edge-01/artifact/get"), (.artifactChunk, "fleet/edge-01/artifact/chunk"),
    (.flUpdate, "fleet/edge-01/fl/update"),
])
func buildsAndParsesDeviceTopics(kind: DeviceTopic, expected: String) {
    let topics = Topics()
    #expect(topics.topic(kind, for: device) == expected)
    #expect(topics.parse(expected) == .device(device, kind))
}

@Test func buildsSensorRoundAndFilterTopics() throws {
    let topics = Topics()
    #expect(try topics.sensor("accel", of: device) == "sensors/edge-01/accel")
    #expect(topics.flRound == "fleet/fl/round")
    #expect(topics.sensorFilter(for: device) == "sensors/edge-01/+")
    #expect(topics.filter(.telemetry) == "fleet/+/telemetry")
    #expect(
        topics.hubFilters == [
            "fleet/+/status", "fleet/+/telemetry", "fleet/+/events", "fleet/+/artifact/get", "fleet/+/fl/update",
        ]
    )
    #expect(
        topics.deviceSubscriptions(for: device) == [
            "fleet/edge-01/telemetry/ack", "fleet/edge-01/desired", "fleet/edge-01/cmd", "fleet/edge-01/artifact/chunk",
            "fleet/fl/round",
        ]
    )
    #expect(topics.parse("fleet/edge-01/telemetry/ack") == .device(device, .telemetryAck))
}

@Test func parsesSensorAndRoundTopics() throws {
    let topics = Topics()
    #expect(topics.parse("sensors/edge-01/accel") == .sensor(device: device, sensor: "accel"))
    #expect(topics.parse("fleet/fl/round") == .flRound)
    #expect(topics.parse("fleet/fl/round")?.device == nil)
    // A device may be called "fl": only "round" is the fleet-wide topic.
    #expect(topics.parse("fleet/fl/status") == .device(try DeviceID("fl"), .status))
}

@Test(arguments: [
    "", "fleet", "fleet/", "fleet/edge-01", "fleet/edge-01/", "fleet/edge-01/unknown", "fleet/edge-01/artifact",
    "fleet/edge-01/artifact/put", "fleet/edge-01/status/extra", "fleet/+/status", "fleet/#", "fleet//status",
    "fleet/a b/status", "other/edge-01/status", "fleetx/edge-01/status", "sensors/edge-01", "sensors/edge-01/a/b",
    "sensors/+/accel", "sensors/edge-01/+", "sensors/edge-01/", "/fleet/edge-01/status",
    "fleet/\(String(repeating: "d", count: 65))/status",
])
func parseRejectsForeignOrInvalidTopics(topic: String) {
    #expect(Topics().parse(topic) == nil)
}

@Test func customPrefixesApplyToBuildersAndParser() throws {
    let topics = try Topics(prefix: "acme/prod", sensorsPrefix: "raw")
    #expect(topics.topic(.status, for: device) == "acme/prod/edge-01/status")
    #expect(topics.parse("acme/prod/edge-01/fl/update") == .device(device, .flUpdate))
    #expect(topics.parse("raw/edge-01/temp") == .sensor(device: device, sensor: "temp"))
    #expect(topics.parse("fleet/edge-01/status") == nil)
    #expect(topics.hubFilters.first == "acme/prod/+/status")
}

@Test(arguments: [
    ("", "sensors"), ("a/", "sensors"), ("/a", "sensors"), ("a//b", "sensors"), ("fl+", "sensors"), ("#", "sensors"),
    ("same", "same"), ("sensors/x", "sensors"), ("fleet", "fleet/raw"), ("fleet", ""),
])
func rejectsBadPrefixes(prefix: String, sensorsPrefix: String) {
    #expect(
        wireErrorCode { () throws(WireError) in try Topics(prefix: prefix, sensorsPrefix: sensorsPrefix) }
            == .invalidField
    )
}

@Test(arguments: ["", "a/b", "+", "#", String(repeating: "s", count: 65)])
func sensorBuilderRejectsBadSensorNames(sensor: String) {
    #expect(wireErrorCode { () throws(WireError) in try Topics().sensor(sensor, of: device) } == .invalidField)
}
