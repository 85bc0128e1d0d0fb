import Foundation
import TestSupport

/// A command started with `spawnProcess` (TestSupport), its standard streams redirected to files.
struct ChildProcess {
    /// The child's process id.
    let pid: pid_t
    /// The command line, for error messages.
    let commandLine: String

    /// Starts `arguments[0]` (looked up on PATH) with stdin read from `input` (or /dev/null), stdout written to
    /// `output` and stderr to `errors`.
    /// - Throws: ``BenchmarkError`` `.toolFailed` when the command cannot be started (for example not installed).
    init(_ arguments: [String], input: String = "/dev/null", output: String, errors: String) throws(BenchmarkError) {
        commandLine = arguments.joined(separator: " ")
        do {
            pid = try spawnProcess(
                arguments,
                searchPath: true,
                standardInput: input,
                standardOutput: .truncate(output),
                standardError: .append(errors)
            )
        } catch {
            throw BenchmarkError(code: .toolFailed, measurement: arguments[0], message: error.message)
        }
    }

    /// How a child ended.
    struct Exit {
        /// Exit status, or 128 + the signal number when a signal ended it (as shells report it).
        var status: Int32
        /// CPU time (user + system) of the child and of the children it waited for.
        var cpu: Duration
    }

    /// Kills the child and reaps it.
    func terminate() {
        kill(pid, SIGKILL)
        _ = wait()
    }

    /// Blocks until the child exits.
    func wait() -> Exit {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return Exit(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, cpu: CPUUsage.total(usage))
    }
}
