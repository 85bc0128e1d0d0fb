internal import CZlib

extension Zlib {
    /// Output produced per inflate call before it is appended; also the most that is decoded past the limit
    /// before `.outputTooLarge` is thrown.
    private static let inflateChunkBytes = 64 * 1024

    /// Decompresses one complete zlib stream at `input`, producing at most `maxOutputBytes` bytes.
    ///
    /// - Throws: `.outputTooLarge` as soon as the output would pass `maxOutputBytes` (memory stays bounded by the
    ///   limit), `.truncated` when the input ends early (empty input included), `.corrupted` for a bad header,
    ///   block or checksum, `.trailingData` when bytes follow the stream, `.invalidArgument` for a negative limit.
    public static func decompress(
        _ input: UnsafeRawBufferPointer,
        maxOutputBytes: Int
    ) throws(ZlibError) -> [UInt8] {
        guard maxOutputBytes >= 0 else {
            throw ZlibError(.invalidArgument, "maxOutputBytes \(maxOutputBytes) is negative")
        }
        guard !input.isEmpty else { throw ZlibError(.truncated, "empty input") }
        let stream = try ZStream.inflating()
        var output: [UInt8] = []
        // A first guess from typical ratios; growth past it doubles, always capped at the limit.
        output.reserveCapacity(min(maxOutputBytes, max(4 * input.count, 4096)))
        try withUnsafeTemporaryAllocation(byteCount: inflateChunkBytes, alignment: 16) {
            (chunk) throws(ZlibError) in
            try inflateAll(stream, input, chunk: chunk, into: &output, limit: maxOutputBytes)
        }
        return output
    }

    private static func inflateAll(
        _ stream: borrowing ZStream,
        _ input: UnsafeRawBufferPointer,
        chunk: UnsafeMutableRawBufferPointer,
        into output: inout [UInt8],
        limit: Int
    ) throws(ZlibError) {
        var inputOffset = 0
        while true {
            if stream.availableInput == 0 && inputOffset < input.count {
                let piece = min(maxChunkBytes, input.count - inputOffset)
                stream.setInput(UnsafeRawBufferPointer(rebasing: input[inputOffset..<inputOffset + piece]))
                inputOffset += piece
            }
            stream.setOutput(chunk)
            let status = inflate(stream.pointer, Z_NO_FLUSH)
            let produced = chunk.count - stream.availableOutput
            if produced > 0 {
                guard produced <= limit - output.count else {
                    throw ZlibError(.outputTooLarge, "decompressed size exceeds the limit of \(limit) bytes")
                }
                let needed = output.count + produced
                if needed > output.capacity {
                    output.reserveCapacity(min(limit, max(needed, 2 * output.capacity)))
                }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<produced]))
            }
            let inputLeft = stream.availableInput + (input.count - inputOffset)
            switch status {
            case Z_STREAM_END:
                guard inputLeft == 0 else {
                    throw ZlibError(.trailingData, "\(inputLeft) bytes follow the end of the zlib stream")
                }
                return
            case Z_OK:
                continue
            case Z_BUF_ERROR where inputLeft == 0:
                throw ZlibError(.truncated, "input ended inside the zlib stream after \(output.count) output bytes")
            case Z_BUF_ERROR:
                continue
            default:
                throw ZStream.error(for: status, stream.pointer.pointee)
            }
        }
    }
}
