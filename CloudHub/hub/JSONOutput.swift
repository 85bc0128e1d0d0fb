import FoundationEssentials

/// The `--json` output of the inspection commands: pretty-printed, keys sorted, `[]` for an empty list.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // The pretty printer writes an empty array as "[", a blank line and "]".
        Swift.print(text.filter { !$0.isWhitespace } == "[]" ? "[]" : text)
    }
}
