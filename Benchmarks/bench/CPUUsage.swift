import Foundation

/// CPU time (user + system) consumed so far by this process and by its reaped children, from `getrusage`.
///
/// Brokers and mosquitto CLI tools are children of the benchmark, so the difference of two readings around a
/// measurement, taken after the broker was stopped, tells what every side of it cost.
struct CPUUsage {
    /// All threads of this process.
    var process: Duration
    /// Children that have exited and been waited for.
    var children: Duration

    /// Reads both counters now.
    static func now() -> CPUUsage {
        CPUUsage(process: read(RUSAGE_SELF), children: read(RUSAGE_CHILDREN))
    }

    /// User plus system time of a `getrusage`/`wait4` result.
    static func total(_ usage: rusage) -> Duration {
        func duration(_ time: timeval) -> Duration {
            .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
        }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    private static func read(_ who: __rusage_who) -> Duration {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return total(usage)
    }
}
