#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What this process has used so far: CPU time (all threads, user + system, from `getrusage`) and resident memory
/// (from `/proc/self/statm`; 0 where there is no procfs).
public struct ProcessResources: Sendable, Hashable {
    /// User plus system CPU time of every thread.
    public var cpuTime: Duration
    /// Resident set size, bytes.
    public var residentBytes: UInt64

    /// Reads both now.
    public static func now() -> ProcessResources {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu =
            Duration.seconds(Int64(usage.ru_utime.tv_sec)) + .microseconds(Int64(usage.ru_utime.tv_usec))
            + .seconds(Int64(usage.ru_stime.tv_sec)) + .microseconds(Int64(usage.ru_stime.tv_usec))
        return ProcessResources(cpuTime: cpu, residentBytes: residentBytes())
    }

    /// CPU cores used between `earlier` and this reading, `wall` apart (1.0 is one core busy the whole time).
    public func cores(since earlier: ProcessResources, over wall: Duration) -> Double {
        guard wall > .zero else { return 0 }
        return max(0, (cpuTime - earlier.cpuTime) / wall)
    }

    /// The second field of `/proc/self/statm` (resident pages) times the page size.
    private static func residentBytes() -> UInt64 {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = fread(&buffer, 1, buffer.count, file)
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = UInt64(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }
}
