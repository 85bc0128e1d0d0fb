import Foundation
import TestSupport

/// An executable of this package run as a child process (see `spawnProcess`), its stdout and stderr written to files.
final class ChildProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    private let directory: TemporaryDirectory

    /// Starts `executable` with `arguments`, with no `EDGE_…` or `HUB_…` variables from the test's environment.
    init(_ executable: String, _ arguments: [String]) throws {
        directory = try TemporaryDirectory(prefix: "child")
        pid = try spawnProcess(
            [executable] + arguments,
            standardOutput: .truncate(directory.file("stdout")),
            standardError: .truncate(directory.file("stderr")),
            environment: ProcessInfo.processInfo.environment
                .filter { !$0.key.hasPrefix("EDGE_") && !$0.key.hasPrefix("HUB_") }
                .map { "\($0.key)=\($0.value)" }
        )
    }

    deinit {
        // A test that failed half-way must not leave a daemon behind.
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        directory.remove()
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the child to exit, at most `timeout`, and returns its exit status; nil when it is still running
    /// (then killed) or ended by a signal.
    func exitStatus(within timeout: Duration = .seconds(10)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                // WIFEXITED and WEXITSTATUS are macros Swift does not import.
                return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Whether the child has exited (reaping it); a later ``exitStatus(within:)`` no longer sees it.
    func hasExited() -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) != 0
    }

    /// What the child wrote to stdout so far.
    var standardOutput: String { read("stdout") }
    /// What the child wrote to stderr so far.
    var standardError: String { read("stderr") }

    private func read(_ name: String) -> String {
        (try? String(contentsOfFile: directory.file(name), encoding: .utf8)) ?? ""
    }
}

/// The `edge` and `hub` executables that `swift build` puts in the build folder next to the test binary.
enum BuiltExecutable {
    /// The folder holding the test binary.
    static let folder: String = {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        // On Linux the test binary is `…/debug/EdgeFleetPackageTests.xctest`; on macOS it sits inside that bundle.
        let bundle = components.lastIndex { $0.hasSuffix(".xctest") } ?? components.count - 1
        return components[..<bundle].joined(separator: "/")
    }()

    /// The path of `name` in the build folder, nil when it has not been built.
    static func path(_ name: String) -> String? {
        let candidate = "\(folder)/\(name)"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// True when both daemons are built.
    static var daemonsBuilt: Bool { path("edge") != nil && path("hub") != nil }
}
