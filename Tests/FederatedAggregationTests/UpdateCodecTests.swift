import FederatedAggregation
import TestSupport
import Testing

/// The update codec round-trips, quantizes within half a step, keeps the top-k magnitudes, and refuses hostile bytes
/// with typed errors.
@Suite("Update codec")
struct UpdateCodecTests {
    /// A delta of three layers (one empty) with values from `seed`.
    static func delta(seed: UInt64) throws -> ModelParameters {
        var random = SplitMix64(seed: seed)
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -0.3...0.3, using: &random) } }
        return try ModelParameters(layers: [
            ParameterTensor(name: "conv.kernel", shape: [4, 3, 5], values: values(60)),
            ParameterTensor(name: "conv.bias", shape: [0], values: []),
            ParameterTensor(name: "dense.kernel·ü", shape: [17], values: values(17)),
        ])
    }

    @Test func float32RoundTripsExactly() throws {
        let delta = try Self.delta(seed: 1)
        #expect(try UpdateCodec.decode(UpdateCodec.encode(delta, as: .float32)) == delta)
    }

    @Test func int8IsWithinHalfAStepAndUnderHalfTheSize() throws {
        let delta = try Self.delta(seed: 2)
        let bytes = try UpdateCodec.encode(delta, as: .int8)
        let decoded = try UpdateCodec.decode(bytes)
        for (original, restored) in zip(delta.layers, decoded.layers) {
            #expect(original.name == restored.name && original.shape == restored.shape)
            let step = original.values.map(abs).max().map { $0 / 127 } ?? 0
            for (a, b) in zip(original.values, restored.values) { #expect(abs(a - b) <= step / 2 * 1.0001) }
        }
        // 77 values: the headers weigh as much as the int8 payload here.
        #expect(bytes.count * 2 < (try UpdateCodec.encode(delta, as: .float32)).count)
    }

    @Test func int8RoundsHalfAwayFromZeroAndKeepsZeros() throws {
        // max 127 gives scale 1: 2.5 → 3, -2.5 → -3, 0 stays 0.
        let delta = try ModelParameters(layers: [ParameterTensor(name: "w", shape: [4], values: [127, 2.5, -2.5, 0])])
        #expect(try UpdateCodec.decode(UpdateCodec.encode(delta, as: .int8)).layers[0].values == [127, 3, -3, 0])
        let zeros = try ModelParameters(layers: [ParameterTensor(name: "z", shape: [3], values: [0, 0, 0])])
        #expect(try UpdateCodec.decode(UpdateCodec.encode(zeros, as: .int8)) == zeros)
    }

    @Test(arguments: [0.01, 0.1, 0.5, 1.0])
    func topKKeepsTheLargestMagnitudes(fraction: Double) throws {
        let delta = try Self.delta(seed: 3)
        for quantization in [UpdateEncoding.Quantization.float32, .int8] {
            let encoding = UpdateEncoding(quantization: quantization, topKFraction: fraction)
            let decoded = try UpdateCodec.decode(UpdateCodec.encode(delta, as: encoding))
            for (original, restored) in zip(delta.layers, decoded.layers) where !original.values.isEmpty {
                let kept = Int((fraction * Double(original.values.count)).rounded(.up))
                let threshold = original.values.map(abs).sorted(by: >)[kept - 1]
                let sent = original.values.indices.filter { abs(original.values[$0]) >= threshold }
                #expect(sent.count == kept)
                let step = quantization == .int8 ? sent.map { abs(original.values[$0]) }.max()! / 127 : 0
                for index in original.values.indices {
                    let expected = sent.contains(index) ? original.values[index] : 0
                    #expect(abs(restored.values[index] - expected) <= step / 2 * 1.0001)
                }
            }
        }
    }

    @Test func encoderRefusesWhatTheFormatCannotCarry() throws {
        let nan = try ModelParameters(layers: [ParameterTensor(name: "w", shape: [2], values: [1, .nan])])
        #expect(throws: UpdateCodecError(.badValue, "w[1] is nan")) { try UpdateCodec.encode(nan, as: .int8) }
        let delta = try Self.delta(seed: 4)
        for fraction in [0.0, -1, 1.5, .nan] {
            let error = #expect(throws: UpdateCodecError.self) {
                try UpdateCodec.encode(delta, as: UpdateEncoding(quantization: .float32, topKFraction: fraction))
            }
            #expect(error?.code == .badEncoding)
        }
        let deep = try ModelParameters(layers: [
            ParameterTensor(name: "w", shape: [1, 1, 1, 1, 1, 1, 1, 1, 1], values: [1])
        ])
        #expect(
            (#expect(throws: UpdateCodecError.self) { try UpdateCodec.encode(deep, as: .float32) })?.code == .badShape
        )
        let unnamed = try ModelParameters(layers: [ParameterTensor(name: "", shape: [1], values: [1])])
        #expect(
            (#expect(throws: UpdateCodecError.self) { try UpdateCodec.encode(unnamed, as: .float32) })?.code == .badName
        )
    }

    /// A valid encoding of one layer "w" of shape [2] with the given flags and body after the header.
    static func oneLayer(flags: UInt8, body: [UInt8], shape: [UInt8] = [1, 2, 0, 0, 0]) -> [UInt8] {
        Array("FLUD".utf8) + [1, flags, 1, 0] + [1, 0, UInt8(ascii: "w")] + shape + body
    }

    static func float(_ value: Float) -> [UInt8] {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let code: UpdateCodecError.Code
        var testDescription: String { name }
    }

    static let hostile: [Hostile] = [
        Hostile(name: "empty", bytes: [], code: .truncated),
        Hostile(name: "bad magic", bytes: Array("FLUX".utf8) + [1, 0, 0, 0], code: .badMagic),
        Hostile(name: "version 2", bytes: Array("FLUD".utf8) + [2, 0, 0, 0], code: .unsupportedVersion),
        Hostile(name: "unknown flag", bytes: Array("FLUD".utf8) + [1, 4, 0, 0], code: .badEncoding),
        Hostile(name: "too many layers", bytes: Array("FLUD".utf8) + [1, 0, 0xFF, 0xFF], code: .limitExceeded),
        Hostile(
            name: "trailing byte",
            bytes: oneLayer(flags: 0, body: float(1) + float(2) + [0]),
            code: .trailingBytes
        ),
        Hostile(name: "NaN value", bytes: oneLayer(flags: 0, body: float(1) + float(.nan)), code: .badValue),
        Hostile(name: "infinite value", bytes: oneLayer(flags: 0, body: float(.infinity) + float(1)), code: .badValue),
        Hostile(name: "int8 -128", bytes: oneLayer(flags: 1, body: float(0.5) + [0x80, 1]), code: .badValue),
        Hostile(name: "negative scale", bytes: oneLayer(flags: 1, body: float(-1) + [1, 1]), code: .badValue),
        Hostile(name: "NaN scale", bytes: oneLayer(flags: 1, body: float(.nan) + [1, 1]), code: .badValue),
        Hostile(name: "overflowing scale", bytes: oneLayer(flags: 1, body: float(3e38) + [1, 1]), code: .badValue),
        Hostile(name: "k above count", bytes: oneLayer(flags: 2, body: [3, 0, 0, 0]), code: .badIndex),
        Hostile(
            name: "index out of range",
            bytes: oneLayer(flags: 2, body: [1, 0, 0, 0] + [2, 0, 0, 0] + float(1)),
            code: .badIndex
        ),
        Hostile(
            name: "indices not increasing",
            bytes: oneLayer(flags: 2, body: [2, 0, 0, 0] + [1, 0, 0, 0] + [1, 0, 0, 0] + float(1) + float(2)),
            code: .badIndex
        ),
        Hostile(
            name: "huge shape",
            bytes: oneLayer(flags: 0, body: [], shape: [2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            code: .limitExceeded
        ),
        Hostile(name: "rank 9", bytes: oneLayer(flags: 0, body: [], shape: [9]), code: .badShape),
        Hostile(name: "empty name", bytes: Array("FLUD".utf8) + [1, 0, 1, 0, 0, 0], code: .badName),
        Hostile(name: "name not UTF-8", bytes: Array("FLUD".utf8) + [1, 0, 1, 0, 1, 0, 0xFF, 0], code: .badName),
        Hostile(
            name: "name repeated",
            bytes: Array("FLUD".utf8) + [1, 0, 2, 0] + [1, 0, UInt8(ascii: "w"), 0] + float(1)
                + [1, 0, UInt8(ascii: "w"), 0] + float(2),
            code: .badName
        ),
        Hostile(name: "values cut short", bytes: oneLayer(flags: 0, body: float(1) + [0, 0]), code: .truncated),
    ]

    @Test(arguments: hostile)
    func hostileBytesGiveTypedErrors(_ input: Hostile) {
        let error = #expect(throws: UpdateCodecError.self) { try UpdateCodec.decode(input.bytes) }
        #expect(error?.code == input.code, "\(String(describing: error))")
    }

    @Test func limitsBoundElementsAndNames() throws {
        let bytes = try UpdateCodec.encode(Self.delta(seed: 5), as: .float32)
        let tooMany = #expect(throws: UpdateCodecError.self) {
            try UpdateCodec.decode(bytes, limits: UpdateCodec.Limits(maxElements: 70))
        }
        #expect(tooMany?.code == .limitExceeded)
        let longName = #expect(throws: UpdateCodecError.self) {
            try UpdateCodec.decode(bytes, limits: UpdateCodec.Limits(maxNameBytes: 8))
        }
        #expect(longName?.code == .limitExceeded)
        #expect(try UpdateCodec.decode(bytes, limits: UpdateCodec.Limits(maxElements: 77)).parameterCount == 77)
    }

    @Test func everyTruncationAndRandomCorruptionIsATypedError() throws {
        let encodings: [UpdateEncoding] = [.float32, .int8, UpdateEncoding(quantization: .int8, topKFraction: 0.2)]
        var random = SplitMix64(seed: 9)
        for encoding in encodings {
            let bytes = try UpdateCodec.encode(Self.delta(seed: 6), as: encoding)
            for length in 0..<bytes.count {
                #expect(throws: UpdateCodecError.self) { try UpdateCodec.decode(Array(bytes.prefix(length))) }
            }
            for _ in 0..<2_000 {
                var corrupted = bytes
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    corrupted[Int.random(in: 0..<corrupted.count, using: &random)] = UInt8.random(
                        in: 0...255,
                        using: &random
                    )
                }
                do {
                    _ = try UpdateCodec.decode(corrupted)
                } catch {
                    #expect(UpdateCodecError.Code.allCases.contains(error.code))
                }
            }
        }
    }

    @Test func decodedDeltaAppliesToTheGlobalModel() throws {
        let global = try Self.delta(seed: 7)
        let delta = try Self.delta(seed: 8)
        let decoded = try UpdateCodec.decode(UpdateCodec.encode(delta, as: .float32))
        let applied = try global.adding(decoded)
        #expect(applied.layers[0].values[3] == global.layers[0].values[3] + delta.layers[0].values[3])
    }
}
