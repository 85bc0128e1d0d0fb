/// One SQLite value in one of its five storage classes.
///
/// Values read back keep the storage class SQLite stored (no coercion), so a round trip is exact: text keeps
/// embedded NUL characters, blobs keep zero bytes, and an empty text or blob stays empty rather than NULL.
public enum SQLiteValue: Hashable, Sendable {
    /// A signed 64-bit integer.
    case integer(Int64)
    /// An IEEE 754 double.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])
    /// SQL NULL.
    case null

    /// The integer, or nil for any other storage class.
    public var int64: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The real, or the integer widened to a double (exact up to 2^53), or nil for any other storage class.
    public var double: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The text, or nil for any other storage class.
    public var string: String? {
        if case .text(let value) = self { value } else { nil }
    }

    /// The bytes, or nil for any other storage class.
    public var blob: [UInt8]? {
        if case .blob(let value) = self { value } else { nil }
    }

    /// True for SQL NULL.
    public var isNull: Bool { self == .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    /// An integer literal binds as `.integer`.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    /// A float literal binds as `.real`.
    public init(floatLiteral value: Double) {
        self = .real(value)
    }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    /// A string literal binds as `.text`.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    /// A boolean literal binds as `.integer` 1 or 0, SQLite's own representation of booleans.
    public init(booleanLiteral value: Bool) {
        self = .integer(value ? 1 : 0)
    }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    /// `nil` binds as `.null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}
