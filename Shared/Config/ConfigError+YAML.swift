import Yams

extension ConfigError {
    /// Converts an error thrown by Yams while composing `text` into a one-line `.syntax` or `.duplicateKey` error.
    init(parsing error: any Error, document: String, text: String) {
        guard let yamlError = error as? YamlError else {
            self.init(code: .syntax, key: nil, origin: .document(name: document, line: nil), message: "\(error)")
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            self.init(
                code: .syntax,
                key: nil,
                origin: .document(name: document, line: mark.line),
                message: "YAML syntax error: \(problem.trimmingPrefix("but "))\(during)"
            )
        case .reader(let problem, let offset, _, _):
            self.init(
                code: .syntax,
                key: nil,
                origin: .document(name: document, line: offset.map { Self.line(ofCharacterOffset: $0, in: text) }),
                message: "unreadable YAML text: \(problem)"
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            self.init(
                code: .duplicateKey,
                key: duplicates.first,
                origin: .document(name: document, line: context.mark.line),
                message: "duplicate key \(names) (set again later in the same mapping)"
            )
        default:
            self.init(
                code: .syntax,
                key: nil,
                origin: .document(name: document, line: nil),
                message: "YAML error: \(yamlError)"
            )
        }
    }

    private static func line(ofCharacterOffset offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).reduce(0) { $1.isNewline ? $0 + 1 : $0 }
    }
}
