import Foundation
import SensorDataset
import TestSupport
import Testing
import WireProtocol

@Suite struct DatasetTests {
    /// `count` windows of 3 axes × `samples` samples from two devices, with distinct values.
    static func windows(count: Int, samples: Int = 256) throws -> [LabelledWindow] {
        try (0..<count).map { index in
            let axes = ["x", "y", "z"].enumerated().map { axis, name in
                SensorFrame.Axis(name: name, samples: (0..<samples).map { Float(index * 1_000 + axis * 100 + $0) })
            }
            return try LabelledWindow(
                device: DeviceID("sim-000\(index % 2)"),
                sensor: "vibration",
                label: index % 3 == 0 ? "normal" : "bearing_outer",
                frame: SensorFrame(ts: 1_700_000_000_000 + Int64(index) * 256, hz: 1_000, axes: axes)
            )
        }
    }

    /// Writes `windows` to a new file in `directory` and returns its bytes.
    static func written(_ windows: [LabelledWindow], in directory: TemporaryDirectory) throws -> [UInt8] {
        let path = directory.file("data.efds")
        let writer = try DatasetWriter(path: path)
        for window in windows { try writer.append(window) }
        try writer.finish()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Reads `bytes` as a dataset file.
    static func read(_ bytes: [UInt8], in directory: TemporaryDirectory) throws(DatasetError) -> [LabelledWindow] {
        let path = directory.file("tampered.efds")
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return try DatasetReader.readAll(path: path)
    }

    @Test(arguments: [1, 10, 3_000])
    func roundTripsEveryWindow(count: Int) throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        let windows = try Self.windows(count: count)
        let bytes = try Self.written(windows, in: directory)
        #expect(try Self.read(bytes, in: directory) == windows)
        // 3,000 windows × 3 KiB of raw floats need more than one 4 MiB block.
        #expect(!FileManager.default.fileExists(atPath: directory.file("data.efds.partial")))
    }

    @Test func anEmptyDatasetIsValid() throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        #expect(try Self.read(try Self.written([], in: directory), in: directory).isEmpty)
    }

    @Test func compressesSmoothSignals() throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        let windows = try Self.windows(count: 100)
        let bytes = try Self.written(windows, in: directory)
        #expect(bytes.count < 100 * 3 * 256 * 4 / 2)
    }

    @Test func theFileAppearsOnlyWhenFinished() throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        let path = directory.file("late.efds")
        let writer = try DatasetWriter(path: path)
        try writer.append(try Self.windows(count: 1)[0])
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish()
        #expect(FileManager.default.fileExists(atPath: path))
        let error = #expect(throws: DatasetError.self) { try writer.append(try Self.windows(count: 1)[0]) }
        #expect(error?.code == .closed)
    }

    @Test func everyTruncationIsATypedError() throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        let bytes = try Self.written(try Self.windows(count: 20), in: directory)
        // Every cut, from the empty file to one byte short, fails with a typed error instead of reading garbage.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) + [bytes.count - 1] {
            let error = #expect(throws: DatasetError.self) { try Self.read(Array(bytes.prefix(length)), in: directory) }
            #expect([.truncated, .corrupted].contains(error?.code), "cut at \(length): \(String(describing: error))")
        }
    }

    @Test func everySingleByteFlipIsDetected() throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        let windows = try Self.windows(count: 5, samples: 16)
        let bytes = try Self.written(windows, in: directory)
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= 0x5A
            // A flip may only be harmless if the data read back is still exactly what was written; it never is,
            // since every byte is covered by the magic, a length, zlib's checksum or the end marker's count.
            #expect(throws: DatasetError.self, "byte \(index)") { try Self.read(tampered, in: directory) }
        }
    }

    @Test(
        arguments: [
            ("EFDX", DatasetError.Code.badMagic), ("version", .unsupportedVersion), ("flags", .unsupportedVersion),
            ("huge block", .oversized), ("trailing", .trailingData), ("count", .corrupted),
            ("records", .invalidRecord),
        ]
    )
    func hostileHeadersGiveTheirError(tamper: String, expected: DatasetError.Code) throws {
        let directory = try TemporaryDirectory(prefix: "dataset")
        defer { directory.remove() }
        var bytes = try Self.written(try Self.windows(count: 3), in: directory)
        switch tamper {
        case "EFDX": bytes[3] = UInt8(ascii: "X")
        case "version": bytes[4] = 2
        case "flags": bytes[6] = 1
        case "huge block": bytes.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0x7F])
        case "trailing": bytes.append(0)
        case "count": bytes[bytes.count - 8] &+= 1
        default: bytes.replaceSubrange(16..<20, with: [0xFF, 0xFF, 0xFF, 0x0F])
        }
        let error = #expect(throws: DatasetError.self) { try Self.read(bytes, in: directory) }
        #expect(error?.code == expected, "\(String(describing: error))")
    }

    @Test func aMissingFileIsAnIOError() {
        let error = #expect(throws: DatasetError.self) { try DatasetReader(path: "/nonexistent/data.efds") }
        #expect(error?.code == .io)
        #expect(error?.description.hasPrefix("/nonexistent/data.efds: io: cannot open") == true)
    }

    @Test(arguments: ["", "has space", "slash/inside", String(repeating: "a", count: 65)])
    func rejectsBadSensorAndLabelNames(name: String) throws {
        let frame = try SensorFrame(ts: 0, hz: 1, axes: [.init(name: "v", samples: [1])])
        let device = try DeviceID("sim-0000")
        #expect(throws: WireError.self) {
            try LabelledWindow(device: device, sensor: name, label: "normal", frame: frame)
        }
        #expect(throws: WireError.self) {
            try LabelledWindow(device: device, sensor: "vibration", label: name, frame: frame)
        }
    }
}
