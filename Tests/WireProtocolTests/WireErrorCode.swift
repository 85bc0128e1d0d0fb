import WireProtocol

/// The code of the `WireError` that `body` throws, or nil when it returns.
func wireErrorCode<T>(_ body: () throws(WireError) -> T) -> WireError.Code? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.code
    }
}

/// The bytes of a string, for JSON written by hand.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }
