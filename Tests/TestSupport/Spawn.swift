import Foundation

/// Where a spawned process's output goes.
public enum SpawnOutput: Sendable {
    /// A file, emptied first.
    case truncate(String)
    /// A file, appended to.
    case append(String)
    /// Standard error only: wherever standard output goes.
    case sameAsStandardOutput
}

/// A process that could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    /// What failed, with the system's reason.
    public let message: String
    public var description: String { message }
}

/// Starts `arguments[0]` the way every test helper and benchmark here needs it, and returns its pid (reap it with
/// `waitpid`).
///
/// posix_spawn rather than Foundation's `Process`, whose `waitUntilExit` hangs on Linux inside Swift concurrency.
/// The child gets an empty signal mask (threads of a Swift program block signals, and a child inheriting that mask
/// would never see SIGTERM) and none of this process's descriptors beyond the three standard ones (a socket of a
/// parallel test living on in a child keeps its connection open).
/// - Parameters:
///   - searchPath: look `arguments[0]` up on `PATH`.
///   - environment: `NAME=value` entries, or nil for this process's environment.
public func spawnProcess(
    _ arguments: [String],
    searchPath: Bool = false,
    standardInput: String = "/dev/null",
    standardOutput: SpawnOutput,
    standardError: SpawnOutput,
    environment: [String]? = nil
) throws(SpawnError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
    for (descriptor, output) in [(Int32(1), standardOutput), (2, standardError)] {
        switch output {
        case .truncate(let path):
            posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .append(let path):
            posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        case .sameAsStandardOutput:
            posix_spawn_file_actions_adddup2(&actions, 1, descriptor)
        }
    }
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var signals = sigset_t()
    sigemptyset(&signals)
    posix_spawnattr_setsigmask(&attributes, &signals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

    var argv = arguments.map { strdup($0) } + [nil]
    var envp =
        (environment ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }).map { strdup($0) }
        + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var child: pid_t = 0
    let rc =
        searchPath
        ? posix_spawnp(&child, arguments[0], &actions, &attributes, &argv, &envp)
        : posix_spawn(&child, arguments[0], &actions, &attributes, &argv, &envp)
    guard rc == 0 else {
        throw SpawnError(message: "cannot start \(arguments.joined(separator: " ")): \(String(cString: strerror(rc)))")
    }
    return child
}
