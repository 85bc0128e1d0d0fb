import Foundation

/// One flat JSON object, keys in insertion order, printed on one line (DESIGN.md: units in the key names).
struct JSONLine {
    private var fields: [(key: String, value: String)] = []

    /// Adds a string field.
    mutating func add(_ key: String, _ value: String) {
        fields.append((key, "\"" + escaped(value) + "\""))
    }

    /// Adds an integer field.
    mutating func add(_ key: String, _ value: Int) {
        fields.append((key, String(value)))
    }

    /// Adds a number rounded to `decimals` places; non-finite values become null, which JSON has no number for.
    mutating func add(_ key: String, _ value: Double, decimals: Int) {
        guard value.isFinite else {
            fields.append((key, "null"))
            return
        }
        fields.append((key, String(format: "%.\(decimals)f", value)))
    }

    /// The object as one line of JSON.
    var text: String {
        "{" + fields.map { "\"\(escaped($0.key))\":\($0.value)" }.joined(separator: ",") + "}"
    }

    private func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
