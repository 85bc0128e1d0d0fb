import Foundation
import TestSupport

/// A peer measurement written in Python (numpy, sqlite3, onnxruntime, …): `python3 SCRIPT ARGS…` run to completion,
/// its last line of standard output read as one flat JSON object of numbers.
struct PythonPeer {
    /// Path of the script, relative to the repository root (the bench runs from there, as `scripts/bench.sh` does).
    var script: String
    /// Arguments after the script.
    var arguments: [String]
    /// The interpreter; `scripts/bench.sh` points `BENCH_PYTHON` at its venv when a peer needs packages.
    var python = ProcessInfo.processInfo.environment["BENCH_PYTHON"] ?? "python3"

    /// Runs the script and returns its figures by key.
    /// - Throws: ``BenchmarkError`` `.toolFailed` when it cannot start, exits non-zero (its stderr is quoted) or
    ///   prints no JSON object.
    func run() throws -> [String: Double] {
        let directory = try TemporaryDirectory(prefix: "bench-python")
        defer { directory.remove() }
        let output = directory.file("stdout.txt")
        let errors = directory.file("stderr.txt")
        let child = try ChildProcess([python, script] + arguments, output: output, errors: errors)
        let exit = child.wait()
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        guard exit.status == 0 else {
            throw BenchmarkError(
                code: .toolFailed,
                measurement: script,
                message: "exited with status \(exit.status): \(stderr.suffix(2_000))"
            )
        }
        let lastLine =
            ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
            .split(separator: "\n").last.map(String.init) ?? ""
        guard let object = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            throw BenchmarkError(code: .toolFailed, measurement: script, message: "printed no JSON object: \(lastLine)")
        }
        return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }
}
