import Foundation
import TestSupport

/// Runs scripts/bench/ort_inference.py and reads the one JSON object it prints (figures by key).
struct OnnxRuntimePeer {
    var python: String
    var seconds: Double

    /// The peer's figures, plus `ort_version_major_minor` (for example 1.32).
    /// - Throws: ``BenchmarkError`` `.toolFailed` when Python or the script fails or prints no JSON.
    func run() throws -> [String: Double] {
        let directory = try TemporaryDirectory(prefix: "bench-ort")
        defer { directory.remove() }
        let output = directory.file("ort.json")
        let errors = directory.file("ort.err")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw BenchmarkError(
                code: .toolFailed,
                measurement: "ort",
                message: "\(python) not found: run scripts/bench.sh inference, which creates the venv"
            )
        }
        let child = try ChildProcess(
            [python, "scripts/bench/ort_inference.py", "--seconds", String(seconds)],
            output: output,
            errors: errors
        )
        let exit = child.wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard exit.status == 0,
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else {
            let detail = (try? String(contentsOfFile: errors, encoding: .utf8))?.suffix(500) ?? ""
            throw BenchmarkError(code: .toolFailed, measurement: "ort", message: "exit \(exit.status): \(detail)")
        }
        var figures = object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
        if let version = object["ort_version"] as? String {
            let parts = version.split(separator: ".").prefix(2).joined(separator: ".")
            figures["ort_version_major_minor"] = Double(parts)
        }
        return figures
    }
}
