import Foundation

/// A command started with `posix_spawnp`, its standard streams redirected to files.
///
/// posix_spawn rather than Foundation's `Process`, whose `waitUntilExit` hangs on Linux inside Swift concurrency
/// (see `MosquittoBroker`).
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
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Threads of a Swift program may block signals; the child must not inherit that, or `timeout` cannot stop it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let rc = posix_spawnp(&child, arguments[0], &actions, &attributes, &argv, environ)
        guard rc == 0 else {
            throw BenchmarkError(
                code: .toolFailed,
                measurement: arguments[0],
                message: "cannot start \(commandLine): \(String(cString: strerror(rc)))"
            )
        }
        pid = child
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
