internal import CZlib

extension Zlib {
    /// Compresses the bytes at `input` into one complete zlib stream.
    ///
    /// - Parameter level: zlib level, 0 (store) ... 9 (smallest); -1 means zlib's default (6).
    /// - Throws: `.invalidArgument` for a level outside -1...9, `.outOfMemory` if zlib cannot allocate its state.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6) throws(ZlibError) -> [UInt8] {
        guard (-1...9).contains(level) else {
            throw ZlibError(.invalidArgument, "compression level \(level) is outside -1...9")
        }
        let stream = try ZStream.deflating(level: level)
        // deflateBound is exact for a single Z_FINISH run, so the output never needs to grow.
        let bound = Int(deflateBound(stream.pointer, uLong(input.count)))
        var failure: ZlibError?
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            do throws(ZlibError) {
                count = try deflateAll(stream, input, into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        // The bound is sized for incompressible input; don't keep megabytes of slack alive for compressible input.
        return output.capacity > 2 * output.count + 4096 ? Array(output) : output
    }

    private static func deflateAll(
        _ stream: borrowing ZStream,
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(ZlibError) -> Int {
        var inputOffset = 0
        var outputOffset = 0
        while true {
            if stream.availableInput == 0 {
                let piece = min(maxChunkBytes, input.count - inputOffset)
                stream.setInput(UnsafeRawBufferPointer(rebasing: input[inputOffset..<inputOffset + piece]))
                inputOffset += piece
            }
            if stream.availableOutput == 0 {
                let piece = min(maxChunkBytes, output.count - outputOffset)
                guard piece > 0 else {
                    throw ZlibError(.internalFailure, "deflate output exceeded deflateBound")
                }
                stream.setOutput(UnsafeMutableRawBufferPointer(rebasing: output[outputOffset..<outputOffset + piece]))
                outputOffset += piece
            }
            let flush = inputOffset == input.count ? Z_FINISH : Z_NO_FLUSH
            let status = deflate(stream.pointer, flush)
            switch status {
            case Z_STREAM_END:
                return outputOffset - stream.availableOutput
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                throw ZStream.error(for: status, stream.pointer.pointee)
            }
        }
    }
}
