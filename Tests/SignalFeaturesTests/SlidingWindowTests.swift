import SignalFeatures
import Testing

@Suite("Sliding window: hop, overlap and reset")
struct SlidingWindowTests {
    /// Appends `0..<total` (axis 1 holds the negated values) in blocks of `block`, returns each window's start and
    /// its axis-0 samples.
    private func windows(length: Int, hop: Int, total: Int, block: Int) throws -> [(UInt64, [Float])] {
        var window = SlidingWindow(axisCount: 2, windowLength: length, hop: hop)
        var seen: [(UInt64, [Float])] = []
        var start = 0
        while start < total {
            let count = min(block, total - start)
            let values = (start..<(start + count)).map(Float.init)
            let samples = values + values.map { -$0 }
            try samples.withUnsafeBufferPointer { samples in
                try window.append(samples, count: count) { first, samples in
                    #expect(Array(samples[length...]) == samples[..<length].map { -$0 })
                    seen.append((first, Array(samples[..<length])))
                }
            }
            start += count
        }
        return seen
    }

    @Test(arguments: [(8, 8), (8, 4), (8, 3), (8, 1), (5, 2)], [1, 3, 8, 100])
    func windowsStartEveryHopOnceTheFirstIsFull(shape: (length: Int, hop: Int), block: Int) throws {
        let total = 40
        let seen = try windows(length: shape.length, hop: shape.hop, total: total, block: block)
        let starts = Array(stride(from: 0, through: total - shape.length, by: shape.hop))
        #expect(seen.map(\.0) == starts.map(UInt64.init))
        for (first, samples) in seen {
            #expect(samples == (Int(first)..<(Int(first) + shape.length)).map(Float.init))
        }
    }

    @Test func resetStartsTheNextWindowAfresh() throws {
        var window = SlidingWindow(axisCount: 1, windowLength: 4, hop: 2)
        var seen: [(UInt64, [Float])] = []
        let samples: [Float] = [1, 2, 3]
        try samples.withUnsafeBufferPointer { block in
            try window.append(block, count: 3) { seen.append(($0, Array($1))) }
            window.reset()
            #expect(window.sampleCount == 0)
            for _ in 0..<2 { try window.append(block, count: 3) { seen.append(($0, Array($1))) } }
        }
        // Without the reset the first block would count too: a third window, at 4, and other starts.
        #expect(seen.map(\.0) == [0, 2])
        #expect(seen.map(\.1) == [[1, 2, 3, 1], [3, 1, 2, 3]])
    }
}
