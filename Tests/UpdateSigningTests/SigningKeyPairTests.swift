import Crypto
import TestSupport
import Testing
import UpdateSigning

#if canImport(Glibc)
import Glibc
#endif

@Suite("Signing key files")
struct SigningKeyPairTests {
    @Test func createdKeysLoadBackWithAPrivateFileMode() throws {
        let directory = try TemporaryDirectory(prefix: "keys")
        defer { directory.remove() }
        let keys = directory.file("keys")
        let created = try SigningKeyPair.create(in: keys)
        var info = stat()
        #expect(stat("\(keys)/\(SigningKeyPair.privateKeyFile)", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let loaded = try SigningKeyPair.load(from: keys)
        #expect(loaded.publicKey.rawRepresentation == created.publicKey.rawRepresentation)
        let published = try SigningKeyPair.loadPublicKey(path: "\(keys)/\(SigningKeyPair.publicKeyFile)")
        #expect(published.rawRepresentation == created.publicKey.rawRepresentation)
    }

    @Test func neverOverwritesAKey() throws {
        let directory = try TemporaryDirectory(prefix: "keys")
        defer { directory.remove() }
        let first = try SigningKeyPair.create(in: directory.path)
        #expect(throws: UpdateVerificationError.self) { try SigningKeyPair.create(in: directory.path) }
        #expect(
            try SigningKeyPair.load(from: directory.path).publicKey.rawRepresentation
                == first.publicKey.rawRepresentation
        )
    }

    @Test func refusesAPrivateKeyOthersCanRead() throws {
        let directory = try TemporaryDirectory(prefix: "keys")
        defer { directory.remove() }
        _ = try SigningKeyPair.create(in: directory.path)
        chmod(directory.file(SigningKeyPair.privateKeyFile), 0o644)
        let error = #expect(throws: UpdateVerificationError.self) { try SigningKeyPair.load(from: directory.path) }
        #expect(error?.code == .badKeyFile)
        #expect(error?.context.contains("chmod 600") == true)
    }

    @Test(arguments: ["", "not base64!", "AAAA"])
    func refusesMalformedKeyFiles(content: String) throws {
        let directory = try TemporaryDirectory(prefix: "keys")
        defer { directory.remove() }
        let path = try directory.write(SigningKeyPair.publicKeyFile, content)
        let error = #expect(throws: UpdateVerificationError.self) { try SigningKeyPair.loadPublicKey(path: path) }
        #expect(error?.code == .badKeyFile)
    }

    @Test func refusesAMissingKey() throws {
        let error = #expect(throws: UpdateVerificationError.self) { try SigningKeyPair.load(from: "/nonexistent/keys") }
        #expect(error?.context.contains("hub keys init") == true)
    }
}
