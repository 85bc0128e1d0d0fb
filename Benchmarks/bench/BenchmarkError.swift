/// A benchmark that could not produce a trustworthy figure: a message went missing, a tool failed or timed out.
struct BenchmarkError: Error, CustomStringConvertible {
    /// What kind of failure, stable for scripts that read stderr.
    enum Code: String {
        /// Fewer messages arrived than were sent.
        case messagesMissing
        /// A publish was refused or failed.
        case publishFailed
        /// An external tool (mosquitto_pub, mosquitto_sub) could not be started or failed.
        case toolFailed
        /// The run did not finish in time.
        case timeout
        /// A fast path computed other results than the reference, so its figures would mean nothing.
        case resultsDiffer
    }

    /// The stable failure code.
    var code: Code
    /// Which measurement failed, for example `qos1` or `mosquitto_cli_qos0`.
    var measurement: String
    /// What happened, with the counts involved.
    var message: String

    var description: String { "bench \(measurement): \(code.rawValue): \(message)" }
}
