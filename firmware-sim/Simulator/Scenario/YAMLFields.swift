import Yams

/// The keys of one YAML mapping of a scenario, read strictly: every value is checked for its type and range, and
/// ``finish()`` rejects any key that was not read, naming the keys that are allowed.
struct YAMLFields {
    /// The dotted path of this mapping, empty at the top level.
    let path: String
    let source: String
    private let node: Node
    private let entries: [(key: String, value: Node)]
    private var read: Set<String> = []

    /// The fields of `node`, which must be a mapping.
    init(_ node: Node, path: String, source: String) throws(ScenarioError) {
        self.node = node
        self.path = path
        self.source = source
        guard let mapping = node.mapping else {
            throw ScenarioError(
                .badValue,
                source: source,
                line: Self.line(node),
                key: path.isEmpty ? nil : path,
                "expected a mapping of keys to values"
            )
        }
        var entries: [(String, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw ScenarioError(.badValue, source: source, line: Self.line(key), key: path, "keys must be text")
            }
            entries.append((name, value))
        }
        self.entries = entries
    }

    /// The dotted path of `key` in this mapping.
    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The node of `key`, if present, marking it read.
    mutating func node(_ key: String) -> Node? {
        read.insert(key)
        return entries.first { $0.key == key }?.value
    }

    /// An error about the value of `key`.
    func bad(_ key: String, _ message: String) -> ScenarioError {
        let value = entries.first { $0.key == key }?.value
        return ScenarioError(
            .badValue,
            source: source,
            line: value.map(Self.line) ?? Self.line(node),
            key: keyPath(key),
            message
        )
    }

    /// A number, if the key is present.
    mutating func number(_ key: String, in range: ClosedRange<Double>? = nil) throws(ScenarioError) -> Double? {
        guard let value = node(key) else { return nil }
        guard let text = value.scalar?.string, let number = Double(text), number.isFinite else {
            throw bad(key, "expected a number, got \(Self.describe(value))")
        }
        if let range, !range.contains(number) {
            throw bad(key, "\(text) is not in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A whole number, if the key is present.
    mutating func integer<T: FixedWidthInteger>(_ key: String, in range: ClosedRange<T>) throws(ScenarioError) -> T? {
        guard let value = node(key) else { return nil }
        guard let text = value.scalar?.string, let number = T(text) else {
            throw bad(key, "expected a whole number, got \(Self.describe(value))")
        }
        guard range.contains(number) else {
            throw bad(key, "\(text) is not in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A text value, if the key is present.
    mutating func text(_ key: String) throws(ScenarioError) -> String? {
        guard let value = node(key) else { return nil }
        guard let text = value.scalar?.string else { throw bad(key, "expected text, got \(Self.describe(value))") }
        return text
    }

    /// A value of a string enumeration, if the key is present.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ScenarioError) -> T?
    where T.RawValue == String {
        guard let text = try text(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw bad(key, "\"\(text)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A range of numbers written `[low, high]`, or one number for a range of one value.
    mutating func range(
        _ key: String,
        within limits: ClosedRange<Double>
    ) throws(ScenarioError)
        -> ClosedRange<Double>?
    {
        guard let value = node(key) else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        let numbers = items.compactMap { $0.scalar?.string }.compactMap(Double.init).filter(\.isFinite)
        guard numbers.count == items.count, (1...2).contains(numbers.count) else {
            throw bad(key, "expected a number or [low, high], got \(Self.describe(value))")
        }
        let low = numbers[0]
        let high = numbers.last!
        guard low <= high, limits.contains(low), limits.contains(high) else {
            throw bad(
                key,
                "[\(low), \(high)] is not an increasing range within \(limits.lowerBound)...\(limits.upperBound)"
            )
        }
        return low...high
    }

    /// The mappings of a list, if the key is present.
    mutating func list(_ key: String) throws(ScenarioError) -> [YAMLFields]? {
        guard let value = node(key) else { return nil }
        guard let sequence = value.sequence else { throw bad(key, "expected a list, got \(Self.describe(value))") }
        var fields: [YAMLFields] = []
        for (index, item) in sequence.enumerated() {
            fields.append(try YAMLFields(item, path: "\(keyPath(key))[\(index)]", source: source))
        }
        return fields
    }

    /// A nested mapping, if the key is present.
    mutating func mapping(_ key: String) throws(ScenarioError) -> YAMLFields? {
        guard let value = node(key) else { return nil }
        return try YAMLFields(value, path: keyPath(key), source: source)
    }

    /// Rejects keys that were not read.
    func finish() throws(ScenarioError) {
        guard let unknown = entries.first(where: { !read.contains($0.key) }) else { return }
        throw ScenarioError(
            .unknownKey,
            source: source,
            line: Self.line(unknown.value),
            key: keyPath(unknown.key),
            "unknown key (allowed here: \(read.sorted().joined(separator: ", ")))"
        )
    }

    /// An error for a required key.
    func missing(_ key: String) -> ScenarioError {
        ScenarioError(.missingKey, source: source, line: Self.line(node), key: keyPath(key), "required")
    }

    static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
