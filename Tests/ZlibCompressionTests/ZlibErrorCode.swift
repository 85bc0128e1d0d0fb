import ZlibCompression

/// The code of the `ZlibError` that `body` throws, or nil when it returns.
func zlibErrorCode(_ body: () throws(ZlibError) -> [UInt8]) -> ZlibError.Code? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.code
    }
}
