import Foundation

/// A real mosquitto broker on a free loopback port, for integration tests and benchmarks.
///
/// Configured from `scripts/mosquitto-base.conf`, the settings every broker of the project shares (why each one is
/// there is written in that file). Stopped by its PID; `kill()` simulates a crash, `start()` again restarts it on
/// the same port with the same config.
public final class MosquittoBroker: @unchecked Sendable {
    // @unchecked: `pid` is only touched by the owning test's task, one call at a time.

    /// The port the broker listens on (plain MQTT; TLS listeners get their own ports through `extraConfig`).
    public let port: Int
    /// Path of the generated mosquitto.conf.
    public let configPath: String
    /// Where the broker's stderr goes, to read when a test fails.
    public let logPath: String
    private let directory: TemporaryDirectory
    private var pid: pid_t?

    /// Writes the config and starts the broker. `extraConfig` is appended verbatim (ACL files, TLS listeners, ...);
    /// with `defaultListener` false it must define every listener itself.
    public init(extraConfig: String = "", defaultListener: Bool = true, port: Int? = nil) throws {
        directory = try TemporaryDirectory(prefix: "mosquitto")
        self.port = try port ?? Self.freePort()
        logPath = directory.file("broker.log")
        var config = try String(contentsOfFile: Self.baseConfigPath, encoding: .utf8) + "\n"
        if defaultListener { config += "listener \(self.port) 127.0.0.1\n" }
        config += extraConfig + "\n"
        configPath = try directory.write("mosquitto.conf", config)
        try start()
    }

    deinit {
        stop()
        directory.remove()
    }

    /// Starts (or restarts) the broker and waits until it accepts connections.
    public func start() throws {
        guard pid == nil else { return }
        do {
            pid = try spawnProcess(
                [try Self.mosquittoPath(), "-c", configPath],
                standardOutput: .append(logPath),
                standardError: .sameAsStandardOutput
            )
        } catch {
            throw BrokerError(message: "\(error)")
        }
        try waitUntilListening()
    }

    /// Stops the broker with SIGTERM and waits for it to exit.
    public func stop() { signalAndReap(SIGTERM) }

    /// Kills the broker with SIGKILL (a crash: queued QoS 1 messages are lost).
    public func kill() { signalAndReap(SIGKILL) }

    private func signalAndReap(_ signal: Int32) {
        guard let pid else { return }
        Foundation.kill(pid, signal)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        self.pid = nil
    }

    /// The broker's log so far.
    public func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    private func waitUntilListening() throws {
        for _ in 0..<200 {
            if Self.canConnect(port: port) { return }
            var status: Int32 = 0
            if let pid, waitpid(pid, &status, WNOHANG) == pid {
                self.pid = nil
                throw BrokerError(message: "mosquitto exited at start: \(log())")
            }
            usleep(10_000)
        }
        throw BrokerError(message: "mosquitto did not listen on \(port) within 2 s: \(log())")
    }

    /// The shared settings, found from this source file's place in the repository (tests and benchmarks run from
    /// a checkout).
    static let baseConfigPath: String = {
        let components = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        return components.joined(separator: "/") + "/scripts/mosquitto-base.conf"
    }()

    /// Finds mosquitto on PATH or in /usr/sbin (where Debian puts it).
    static func mosquittoPath() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin"] {
            let candidate = "\(directory)/mosquitto"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BrokerError(message: "mosquitto not found; install the mosquitto package (scripts/test.sh does)")
    }

    /// Asks the kernel for a free loopback port.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BrokerError(message: "socket() failed: \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw BrokerError(message: "bind() failed: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

/// A broker that would not start or listen.
public struct BrokerError: Error, CustomStringConvertible {
    /// What happened, with the broker's log.
    public let message: String
    public var description: String { message }

    /// Creates an error with its explanation.
    public init(message: String) { self.message = message }
}
