extension SensorFrame {
    /// The JSON form, keys in this order and axes in canonical order:
    /// `{"v":1,"ts":1700000000000,"hz":100.0,"axes":{"x":[0.5,1.0],"y":[...],"z":[...]}}`.
    ///
    /// Numbers are written in Swift's shortest form that reads back to the same value.
    public func encodeJSON() -> [UInt8] {
        var bytes: [UInt8] = []
        // About 12 bytes per sample for typical values; growth handles longer ones.
        bytes.reserveCapacity(64 + axes.reduce(0) { $0 + $1.name.utf8.count + 8 + 12 * $1.samples.count })
        bytes.append(contentsOf: #"{"v":\#(wireSchemaVersion),"ts":\#(ts),"hz":\#(hz),"axes":{"#.utf8)
        for (axisIndex, axis) in axes.enumerated() {
            if axisIndex > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #""\#(axis.name)":["#.utf8)
            for (sampleIndex, sample) in axis.samples.enumerated() {
                if sampleIndex > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: sample.description.utf8)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(contentsOf: "}}".utf8)
        return bytes
    }

    /// Decodes the JSON form as a person would type it: any key order, whitespace, integers for floats.
    ///
    /// - Throws: `.oversized` beyond ``maxEncodedBytes``, `.truncated` for text that ends early, `.malformed` for
    ///   bad JSON, missing keys, wrong types and numbers beyond their type's range (JSONDecoder does not say which
    ///   field), `.unsupportedVersion`, `.invalidField` as ``init(ts:hz:axes:)`` does.
    public static func decodeJSON(_ bytes: [UInt8]) throws(WireError) -> SensorFrame {
        try JSONWire.decode(SensorFrameJSON.self, from: bytes, maxBytes: maxEncodedBytes, message: "SensorFrame").frame
    }
}

/// The JSON shape of a sensor frame; axes arrive as an unordered object.
private struct SensorFrameJSON: Decodable {
    let frame: SensorFrame

    private enum CodingKeys: String, CodingKey {
        case v
        case ts
        case hz
        case axes
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try SchemaVersion.check(container, .v, message: "SensorFrame")
        let axes = try container.decode([String: [Float]].self, forKey: .axes)
        frame = try SensorFrame(
            ts: try container.decode(Int64.self, forKey: .ts),
            hz: try container.decode(Double.self, forKey: .hz),
            axes: axes.map { SensorFrame.Axis(name: $0.key, samples: $0.value) }
        )
    }
}
