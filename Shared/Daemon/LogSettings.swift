import ConfigLoading
import Logging

/// Logging for the daemons: swift-log's stream handler on stderr, level from `log.level`.
public enum LogSettings {
    /// Reads `log.level` (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`; default `info`).
    public static func level(from config: inout ConfigReader) throws(ConfigError) -> Logger.Level {
        let text = try config.choice(
            "log.level",
            default: Logger.Level.info.rawValue,
            among: Logger.Level.allCases.map(\.rawValue)
        )
        return Logger.Level(rawValue: text) ?? .info
    }

    /// Sends every logger of the process to stderr at `level`. Call once, before any logger is made.
    public static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
