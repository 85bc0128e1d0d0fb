import Foundation
import MQTTTransport
import TestSupport
import Testing

@Suite("MQTT security: ACL denials surface as errors, TLS with a private CA")
struct SecurityTests {
    @Test func aclDenialOfPublishSurfacesAsReason0x87AndKeepsTheConnection() async throws {
        let directory = try TemporaryDirectory(prefix: "acl")
        defer { directory.remove() }
        let acl = try directory.write(
            "acl",
            """
            user device-1
            topic readwrite fleet/device-1/#

            user hub
            topic readwrite #

            """
        )
        let broker = try MosquittoBroker(extraConfig: "acl_file \(acl)")
        var configuration = localClientConfiguration(port: broker.port, clientID: "device-1")
        configuration.username = "device-1"
        let client = try MQTTClient(configuration)
        try await client.connect()

        let allowed = try await client.publish(MQTTMessage(topic: "fleet/device-1/status", payload: [1]))
        #expect(allowed.reasonCode < 0x80)
        let publishError = await #expect(throws: MQTTError.self) {
            try await client.publish(MQTTMessage(topic: "fleet/device-2/status", payload: [1]))
        }
        #expect(publishError?.code == .publishRejected)
        #expect(publishError?.reasonCode == 0x87)
        // mosquitto 2.0 grants a subscription outside the ACL but delivers nothing on it.
        try await client.subscribe([Subscription("fleet/#")])
        var hubConfiguration = localClientConfiguration(port: broker.port, clientID: "hub")
        hubConfiguration.username = "hub"
        let other = try MQTTClient(hubConfiguration)
        try await other.connect()
        try await other.publish(MQTTMessage(topic: "fleet/device-2/status", payload: [2]))
        try await other.publish(MQTTMessage(topic: "fleet/device-1/status", payload: [1]))
        let received = await collectMessages(2, from: client, within: .seconds(1))
        #expect(received.map(\.topic) == ["fleet/device-1/status"])
        #expect(client.isConnected)
        await other.disconnect()
        await client.disconnect()
    }

    @Test func tlsConnectionWithPrivateCAWorksAndAWrongCAIsRefused() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let (broker, tlsPort) = try pki.broker()
        _ = broker
        var configuration = localClientConfiguration(port: tlsPort)
        configuration.host = "localhost"
        configuration.tls = .init(caFile: pki.caCertificate)
        let client = try MQTTClient(configuration)
        try await client.connect()
        try await client.subscribe([Subscription("secure/#")])
        try await client.publish(MQTTMessage(topic: "secure/hello", payload: [42]))
        #expect(await collectMessages(1, from: client).first?.payload == [42])
        await client.disconnect()

        var wrong = configuration
        wrong.tls = .init(caFile: pki.otherCACertificate)
        let refused = try MQTTClient(wrong)
        await #expect(throws: MQTTError.self) { try await refused.connect() }
    }

    @Test func mutualTLSAcceptsASignedClientCertificateAndRefusesNone() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let (broker, tlsPort) = try pki.broker(requireClientCertificate: true)
        _ = broker
        var configuration = localClientConfiguration(port: tlsPort)
        configuration.host = "localhost"
        configuration.tls = .init(
            caFile: pki.caCertificate,
            certificateFile: pki.clientCertificate,
            keyFile: pki.clientKey
        )
        let client = try MQTTClient(configuration)
        try await client.connect()
        #expect(client.isConnected)
        await client.disconnect()

        configuration.tls = .init(caFile: pki.caCertificate)
        let anonymous = try MQTTClient(configuration)
        await #expect(throws: MQTTError.self) { try await anonymous.connect() }
    }
}

/// A throwaway CA, a server certificate for localhost and a client certificate signed by it, and an unrelated second
/// CA, made with openssl.
private struct TestPKI {
    let directory: TemporaryDirectory
    var caCertificate: String { directory.file("ca.crt") }
    var otherCACertificate: String { directory.file("other-ca.crt") }
    var serverCertificate: String { directory.file("server.crt") }
    var serverKey: String { directory.file("server.key") }
    var clientCertificate: String { directory.file("client.crt") }
    var clientKey: String { directory.file("client.key") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "pki")
        let d = directory.path
        try Self.run(
            "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca -keyout \(d)/ca.key -out \(d)/ca.crt",
            "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=other-ca -keyout \(d)/other-ca.key -out \(d)/other-ca.crt",
            "openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout \(d)/server.key -out \(d)/server.csr",
            "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1' > \(d)/san.ext",
            "openssl x509 -req -in \(d)/server.csr -CA \(d)/ca.crt -CAkey \(d)/ca.key -CAcreateserial -days 1 -extfile \(d)/san.ext -out \(d)/server.crt",
            "openssl req -newkey rsa:2048 -nodes -subj /CN=device-1 -keyout \(d)/client.key -out \(d)/client.csr",
            "openssl x509 -req -in \(d)/client.csr -CA \(d)/ca.crt -CAkey \(d)/ca.key -CAcreateserial -days 1 -out \(d)/client.crt",
            // mosquitto drops root privileges; let its user read the key.
            "chmod 644 \(d)/server.key"
        )
    }

    /// A broker with a TLS listener using the server certificate; returns it and the TLS port.
    func broker(requireClientCertificate: Bool = false) throws -> (MosquittoBroker, Int) {
        let tlsPort = try MosquittoBroker.freePort()
        let broker = try MosquittoBroker(
            extraConfig: """
                listener \(tlsPort) 127.0.0.1
                cafile \(caCertificate)
                certfile \(serverCertificate)
                keyfile \(serverKey)
                require_certificate \(requireClientCertificate)
                """
        )
        return (broker, tlsPort)
    }

    private static func run(_ commands: String...) throws {
        for command in commands {
            let status = system("\(command) >/dev/null 2>&1")
            guard status == 0 else { throw BrokerError(message: "failed: \(command)") }
        }
    }
}
