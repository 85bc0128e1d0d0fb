import Crypto
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hub's Ed25519 update-signing key, kept as two files: `update-signing.key` (the 32-byte private key in base64,
/// mode 0600) and `update-signing.pub` (the public key in base64, for devices to trust).
public struct SigningKeyPair: Sendable {
    /// File name of the private key inside the key directory.
    public static let privateKeyFile = "update-signing.key"
    /// File name of the public key inside the key directory.
    public static let publicKeyFile = "update-signing.pub"

    /// The private key.
    public let privateKey: Curve25519.Signing.PrivateKey

    /// The public half.
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    /// A key pair from an existing private key.
    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// A short id of a public key: the first 8 bytes of its SHA-256, in hex. Manifests name their key by it.
    public static func keyID(of publicKey: Curve25519.Signing.PublicKey) -> String {
        String(SHA256.hexDigest(of: publicKey.rawRepresentation).prefix(16))
    }

    /// Creates a new key pair in `directory` (created with its parents, mode 0700, if missing).
    /// - Throws: `.badKeyFile` when a key already exists there (never overwritten) or a file cannot be written.
    public static func create(in directory: String) throws(UpdateVerificationError) -> SigningKeyPair {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/\(component)"
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw UpdateVerificationError(.badKeyFile, "cannot create key directory \(path) (errno \(errno))")
            }
        }
        let pair = SigningKeyPair(privateKey: Curve25519.Signing.PrivateKey())
        let privatePath = "\(directory)/\(privateKeyFile)"
        try write(base64(pair.privateKey.rawRepresentation), to: privatePath, mode: 0o600)
        try write(base64(pair.publicKey.rawRepresentation), to: "\(directory)/\(publicKeyFile)", mode: 0o644)
        return pair
    }

    /// Loads the private key from `directory`.
    /// - Throws: `.badKeyFile` when it is missing, malformed, or readable by group or others (a leaked key must not
    ///   go unnoticed).
    public static func load(from directory: String) throws(UpdateVerificationError) -> SigningKeyPair {
        let path = "\(directory)/\(privateKeyFile)"
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw UpdateVerificationError(.badKeyFile, "\(path): no such key (run `hub keys init`)")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw UpdateVerificationError(
                .badKeyFile,
                "\(path): mode \(String(info.st_mode & 0o777, radix: 8)) lets others read the private key; chmod 600 it"
            )
        }
        let raw = try decodeBase64(try read(path), path: path)
        do {
            return SigningKeyPair(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
        } catch {
            throw UpdateVerificationError(.badKeyFile, "\(path): not an Ed25519 private key")
        }
    }

    /// Loads a public key file (as written by ``create(in:)``).
    /// - Throws: `.badKeyFile` when it is missing or malformed.
    public static func loadPublicKey(path: String) throws(UpdateVerificationError) -> Curve25519.Signing.PublicKey {
        let raw = try decodeBase64(try read(path), path: path)
        do {
            return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw UpdateVerificationError(.badKeyFile, "\(path): not an Ed25519 public key")
        }
    }

    /// Signs `manifest`.
    public func sign(_ manifest: UpdateManifest) -> SignedUpdateManifest {
        // Signing with a valid in-memory key only fails if the system's random source does.
        let signature = (try? privateKey.signature(for: manifest.signedBytes)).map { Array($0) } ?? []
        return SignedUpdateManifest(manifest: manifest, keyID: Self.keyID(of: publicKey), signature: signature)
    }

    private static func base64(_ bytes: some DataProtocol) -> String {
        Data(bytes).base64EncodedString() + "\n"
    }

    private static func decodeBase64(_ text: String, path: String) throws(UpdateVerificationError) -> Data {
        let trimmed = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: trimmed), data.count == 32 else {
            throw UpdateVerificationError(.badKeyFile, "\(path): not 32 bytes of base64")
        }
        return data
    }

    private static func write(_ text: String, to path: String, mode: mode_t) throws(UpdateVerificationError) {
        // O_EXCL: an existing key is never replaced; the mode is set at creation, so the key is never readable.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite a key" : "errno \(errno)"
            throw UpdateVerificationError(.badKeyFile, "\(path): \(reason)")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw UpdateVerificationError(.badKeyFile, "\(path): write failed (errno \(errno))")
        }
    }

    private static func read(_ path: String) throws(UpdateVerificationError) -> String {
        guard let file = fopen(path, "r") else {
            throw UpdateVerificationError(.badKeyFile, "\(path): cannot open (errno \(errno))")
        }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = fread(&buffer, 1, buffer.count, file)
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
