import Crypto

extension SHA256 {
    /// The digest of `bytes` as 64 lowercase hex characters, the form manifests and desired states carry.
    public static func hexDigest(of bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hasher.finalize().hexString
    }
}

extension Sequence<UInt8> {
    /// Lowercase hex, two characters per byte.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
