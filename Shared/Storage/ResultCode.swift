internal import CSQLite

/// A SQLite result code: a primary code (low 8 bits) or an extended one (primary plus detail in the higher bits).
///
/// An open struct rather than an enum because SQLite adds codes over time; unknown values pass through unchanged.
/// Compare against the named statics (`error.code == .constraint`); `primary` folds an extended code to its family.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C integer SQLite returned.
    public let rawValue: Int32

    /// Wraps a C result code.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code of this (possibly extended) code, for example `.constraint` for `.constraintUnique`.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// The primary code's name as used in `SQLiteError.description`, for example `constraint`.
    public var description: String {
        switch primary {
        case .ok: "ok"
        case .error: "error"
        case .internalError: "internalError"
        case .permission: "permission"
        case .abort: "abort"
        case .busy: "busy"
        case .locked: "locked"
        case .noMemory: "noMemory"
        case .readOnly: "readOnly"
        case .interrupt: "interrupt"
        case .ioError: "ioError"
        case .corrupt: "corrupt"
        case .notFound: "notFound"
        case .full: "full"
        case .cantOpen: "cantOpen"
        case .protocolError: "protocolError"
        case .empty: "empty"
        case .schema: "schema"
        case .tooBig: "tooBig"
        case .constraint: "constraint"
        case .mismatch: "mismatch"
        case .misuse: "misuse"
        case .noLargeFileSupport: "noLargeFileSupport"
        case .authorization: "authorization"
        case .format: "format"
        case .range: "range"
        case .notADatabase: "notADatabase"
        case .notice: "notice"
        case .warning: "warning"
        case .row: "row"
        case .done: "done"
        default: "code \(rawValue)"
        }
    }
}

extension ResultCode {
    /// Success.
    public static let ok = ResultCode(rawValue: SQLITE_OK)
    /// Generic error, also SQL syntax errors and missing tables.
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    /// An internal malfunction of SQLite.
    public static let internalError = ResultCode(rawValue: SQLITE_INTERNAL)
    /// The file system denied access.
    public static let permission = ResultCode(rawValue: SQLITE_PERM)
    /// An operation was aborted, for example by a rollback.
    public static let abort = ResultCode(rawValue: SQLITE_ABORT)
    /// Another connection holds a conflicting lock and the busy timeout expired.
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    /// A conflict inside this connection (or its shared cache).
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    /// A memory allocation failed.
    public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
    /// A write was attempted on a read-only database or inside `SQLiteDatabase.read`.
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    /// The operation was interrupted.
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    /// The operating system reported an I/O error.
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    /// The database file is malformed.
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    /// An unknown opcode or file control.
    public static let notFound = ResultCode(rawValue: SQLITE_NOTFOUND)
    /// The disk is full or the database reached `max_page_count`.
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    /// The database file (or its directory) could not be opened.
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    /// A file-locking protocol error.
    public static let protocolError = ResultCode(rawValue: SQLITE_PROTOCOL)
    /// Not used by current SQLite.
    public static let empty = ResultCode(rawValue: SQLITE_EMPTY)
    /// The schema changed under a statement.
    public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
    /// A string or blob exceeds SQLite's size limit.
    public static let tooBig = ResultCode(rawValue: SQLITE_TOOBIG)
    /// A UNIQUE, PRIMARY KEY, NOT NULL, CHECK or FOREIGN KEY constraint failed.
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    /// A value has the wrong type, for example reading text as an integer.
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    /// The API was used wrongly: nested access, a statement read with no current row, a connection used after its
    /// closure returned, a transaction ended behind the wrapper's back.
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    /// Large files are not supported by the host.
    public static let noLargeFileSupport = ResultCode(rawValue: SQLITE_NOLFS)
    /// The authorizer denied the statement.
    public static let authorization = ResultCode(rawValue: SQLITE_AUTH)
    /// Not used by current SQLite.
    public static let format = ResultCode(rawValue: SQLITE_FORMAT)
    /// A parameter or column index is out of range, or the number of bindings does not match the parameters.
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    /// The file exists but is not a SQLite database.
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    /// An informational notice from the log.
    public static let notice = ResultCode(rawValue: SQLITE_NOTICE)
    /// A warning from the log.
    public static let warning = ResultCode(rawValue: SQLITE_WARNING)
    /// `sqlite3_step` has a row ready.
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    /// `sqlite3_step` has finished.
    public static let done = ResultCode(rawValue: SQLITE_DONE)

    // The extended-code macros are expressions, which Swift does not import; sqlite3.h defines each as the primary
    // code plus a detail number shifted left by 8.

    /// A CHECK constraint failed.
    public static let constraintCheck = ResultCode(rawValue: SQLITE_CONSTRAINT | (1 << 8))
    /// A FOREIGN KEY constraint failed.
    public static let constraintForeignKey = ResultCode(rawValue: SQLITE_CONSTRAINT | (3 << 8))
    /// A NOT NULL constraint failed.
    public static let constraintNotNull = ResultCode(rawValue: SQLITE_CONSTRAINT | (5 << 8))
    /// A PRIMARY KEY constraint failed.
    public static let constraintPrimaryKey = ResultCode(rawValue: SQLITE_CONSTRAINT | (6 << 8))
    /// A UNIQUE constraint failed.
    public static let constraintUnique = ResultCode(rawValue: SQLITE_CONSTRAINT | (8 << 8))
}
