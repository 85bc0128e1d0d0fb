import FirmwareSimulator
import Foundation

/// The scenario files committed under `firmware-sim/scenarios`, found from this source file's place in the
/// repository, and scenarios written inline.
enum ScenarioFixture {
    static let directory: String = {
        let components = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        return components.joined(separator: "/") + "/firmware-sim/scenarios"
    }()

    /// The committed scenario `name`.
    static func file(_ name: String) throws -> Scenario {
        try Scenario(file: "\(directory)/\(name)")
    }

    /// One group of `count` devices with the given YAML lines (indented under the group), at `rate` Hz.
    static func group(_ lines: String, count: Int = 1, rate: Double = 1_000) throws -> Scenario {
        let body = lines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        return try Scenario(
            yaml: """
                rates: {vibration: \(rate)}
                groups:
                  - name: test
                    count: \(count)
                \(body)
                """,
            source: "inline"
        )
    }
}
