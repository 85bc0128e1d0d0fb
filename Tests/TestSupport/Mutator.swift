/// Damages valid payloads the ways a fuzzer would: bit flips, truncation, insertion, deletion, duplicated chunks
/// and extreme values written over what may be a length field.
public struct Mutator {
    /// The generator behind every choice.
    public var random: SplitMix64

    /// A mutator whose choices replay from `seed`.
    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// `bytes` with one to three random mutations.
    public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            result = mutateOnce(result)
        }
        return result
    }

    /// Random bytes of a random length up to `maxLength`.
    public mutating func garbage(maxLength: Int) -> [UInt8] {
        random.bytes(Int.random(in: 0...maxLength, using: &random))
    }

    /// Random JSON-looking text: tokens of the messages' own vocabulary in random order.
    public mutating func jsonSoup(maxTokens: Int) -> [UInt8] {
        let tokens = [
            "{", "}", "[", "]", ":", ",", " ", "\"", "\"v\"", "1", "2", "-1", "0.5", "1e39", "null", "true",
            "\"ts\"", "\"hz\"", "\"axes\"", "\"x\"", "\"device\"", "\"edge-01\"", "\"seq\"", "\"state\"", "\"online\"",
            "\"kind\"", "\"severity\"", "\"info\"", "\"message\"", "\"fields\"", "\"id\"", "\"name\"", "\"args\"",
            "\"revision\"", "\"model\"", "\"config\"", "\"runtimeVersion\"", "\\", "\"a/b\"", "18446744073709551616",
        ]
        var text = "{"
        for _ in 0..<Int.random(in: 0...maxTokens, using: &random) {
            text += tokens[Int.random(in: 0..<tokens.count, using: &random)]
        }
        return Array(text.utf8)
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        Int.random(in: 0...bytes.count, using: &random)
    }

    private mutating func mutateOnce(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        switch Int.random(in: 0..<6, using: &random) {
        case 0 where !bytes.isEmpty:
            let bit = Int.random(in: 0..<(bytes.count * 8), using: &random)
            result[bit / 8] ^= 1 << (bit % 8)
        case 1:
            result = Array(bytes.prefix(position(in: bytes)))
        case 2:
            result.insert(contentsOf: random.bytes(Int.random(in: 1...8, using: &random)), at: position(in: bytes))
        case 3:
            let start = position(in: bytes)
            let end = Int.random(in: start...min(bytes.count, start + 64), using: &random)
            result.insert(contentsOf: bytes[start..<end], at: position(in: bytes))
        case 4:
            let start = position(in: bytes)
            let end = Int.random(in: start...min(bytes.count, start + 16), using: &random)
            result.removeSubrange(start..<end)
        default:
            // An extreme little-endian value of 1, 2, 4 or 8 bytes, where a length or count may sit.
            let width = [1, 2, 4, 8][Int.random(in: 0..<4, using: &random)]
            guard bytes.count >= width else { return result }
            let start = Int.random(in: 0...(bytes.count - width), using: &random)
            let fill: [UInt8]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: fill = [UInt8](repeating: 0, count: width)
            case 1: fill = [UInt8](repeating: 0xFF, count: width)
            case 2: fill = [UInt8](repeating: 0, count: width - 1) + [0x7F]
            default: fill = random.bytes(width)
            }
            result.replaceSubrange(start..<start + width, with: fill)
        }
        return result
    }
}
