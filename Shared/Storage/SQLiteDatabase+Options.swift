extension SQLiteDatabase {
    /// How a database is opened and configured; the defaults suit a single-writer service.
    public struct Options: Hashable, Sendable {
        /// The journal mode set at open (ignored for read-only opens, where the writer decides). Default `.wal`.
        public var journalMode: JournalMode
        /// When SQLite waits for the disk. Default `.normal`; use `.full` where an acknowledgement to a peer depends
        /// on the row being durable.
        public var synchronous: Synchronous
        /// How long a statement waits for another connection's lock before failing with `.busy`, in milliseconds;
        /// 0 fails at once. Negative values are refused at open with `.misuse`. Default 5000.
        public var busyTimeoutMilliseconds: Int32
        /// Whether FOREIGN KEY constraints are enforced. Default true.
        public var foreignKeys: Bool
        /// Opens the file read-only (it must exist); every write then fails with `.readOnly`. Default false.
        public var readOnly: Bool

        /// Options with the given values; every argument has the documented default.
        public init(
            journalMode: JournalMode = .wal,
            synchronous: Synchronous = .normal,
            busyTimeoutMilliseconds: Int32 = 5_000,
            foreignKeys: Bool = true,
            readOnly: Bool = false
        ) {
            self.journalMode = journalMode
            self.synchronous = synchronous
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.foreignKeys = foreignKeys
            self.readOnly = readOnly
        }
    }

    /// SQLite's journal mode (`PRAGMA journal_mode`); the raw value is what the pragma reads back.
    public enum JournalMode: String, Hashable, Sendable {
        /// Write-ahead log: readers do not block the writer; survives a killed process with no committed loss.
        case wal
        /// Classic rollback journal, deleted after each transaction.
        case delete
    }

    /// SQLite's `PRAGMA synchronous` level.
    public enum Synchronous: String, Hashable, Sendable {
        /// In WAL mode, a commit survives a process crash but may be lost on power failure.
        case normal
        /// Every commit is synced to disk before it returns.
        case full
    }
}
