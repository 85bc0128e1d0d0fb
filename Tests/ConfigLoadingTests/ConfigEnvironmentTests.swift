import ConfigLoading
import Testing

@Suite struct ConfigEnvironmentTests {
    @Test(arguments: [
        (key: "mqtt.session_expiry", variable: "EDGE_MQTT_SESSION_EXPIRY"),
        (key: "mqtt.session-expiry", variable: "EDGE_MQTT_SESSION_EXPIRY"),
        (key: "device", variable: "EDGE_DEVICE"),
        (key: "model.slotA.path", variable: "EDGE_MODEL_SLOTA_PATH"),
    ])
    func namesTheVariableForAKey(key: String, variable: String) {
        #expect(ConfigEnvironment(prefix: "EDGE", variables: [:]).variableName(for: key) == variable)
    }

    @Test func keepsOnlyVariablesWithThePrefixAndAnUnderscore() {
        let environment = ConfigEnvironment(
            prefix: "EDGE",
            variables: ["EDGE_MQTT_HOST": "a", "EDGEWISE": "b", "HOME": "/root", "edge_mqtt_port": "1", "HUB_X": "c"]
        )
        #expect(environment.variables == ["EDGE_MQTT_HOST": "a"])
    }
}
