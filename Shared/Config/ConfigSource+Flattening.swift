import Yams

extension ConfigSource {
    /// Turns the document's root into entries, rejecting a root that is not a mapping and duplicate dotted keys.
    static func flatten(root: Node?, document: String) throws(ConfigError) -> [ConfigEntry] {
        guard let root, !root.isNull else { return [] }
        guard case .mapping(let mapping) = root else {
            throw ConfigError(
                code: .syntax,
                key: nil,
                origin: .document(name: document, line: root.mark?.line),
                message: "the top level must be a mapping of keys to values, got \(root.kindDescription)"
            )
        }
        var entries: [ConfigEntry] = []
        try collect(mapping, prefix: nil, document: document, into: &entries)
        try rejectDuplicates(entries, document: document)
        return entries
    }

    private static func collect(
        _ mapping: Node.Mapping,
        prefix: String?,
        document: String,
        into entries: inout [ConfigEntry]
    ) throws(ConfigError) {
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigError(
                    code: .syntax,
                    key: prefix,
                    origin: .document(name: document, line: keyNode.mark?.line),
                    message: "keys must be plain text, got \(keyNode.kindDescription)"
                )
            }
            guard !keyScalar.string.isEmpty else {
                throw ConfigError(
                    code: .syntax,
                    key: prefix,
                    origin: .document(name: document, line: keyNode.mark?.line),
                    message: "empty key"
                )
            }
            let key = prefix.map { "\($0).\(keyScalar.string)" } ?? keyScalar.string
            let origin = ConfigOrigin.document(name: document, line: keyNode.mark?.line)
            switch valueNode {
            case .mapping(let nested):
                try collect(nested, prefix: key, document: document, into: &entries)
            case .sequence(let sequence):
                entries.append(
                    ConfigEntry(key: key, value: .list(try items(of: sequence, key: key, document)), origin: origin)
                )
            case .scalar where valueNode.isNull:
                entries.append(ConfigEntry(key: key, value: .null, origin: origin))
            case .scalar(let scalar):
                entries.append(ConfigEntry(key: key, value: .scalar(scalar.string), origin: origin))
            case .alias:
                throw ConfigError(
                    code: .syntax,
                    key: key,
                    origin: origin,
                    message: "\(key): unresolved YAML alias"
                )
            }
        }
    }

    private static func items(
        of sequence: Node.Sequence,
        key: String,
        _ document: String
    ) throws(ConfigError) -> [String] {
        var items: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                throw ConfigError(
                    code: .badValue,
                    key: key,
                    origin: .document(name: document, line: item.mark?.line),
                    message: "\(key): a list may hold only plain values, got \(item.kindDescription)"
                )
            }
            items.append(scalar.string)
        }
        return items
    }

    /// Catches keys that YAML sees as distinct but flatten alike, such as `mqtt.host` and `mqtt: {host: …}`.
    private static func rejectDuplicates(_ entries: [ConfigEntry], document: String) throws(ConfigError) {
        var firstOrigins: [String: ConfigOrigin] = [:]
        for entry in entries {
            if let first = firstOrigins[entry.key] {
                throw ConfigError(
                    code: .duplicateKey,
                    key: entry.key,
                    origin: entry.origin,
                    message: "duplicate key \"\(entry.key)\" (first set at \(first))"
                )
            }
            firstOrigins[entry.key] = entry.origin
        }
    }
}

extension Node {
    fileprivate var isNull: Bool {
        guard case .scalar = self else { return false }
        return tag.rawValue == Tag.Name.null.rawValue
    }

    fileprivate var kindDescription: String {
        switch self {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
