import ConfigLoading
import Testing
import TestSupport

@Suite struct ConfigSourceFileTests {
    @Test func loadsAFileAndNamesItInOrigins() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = try directory.write("edge.yaml", "mqtt:\n  port: 1884\n")
        let source = try ConfigSource(contentsOfFile: path)
        #expect(source.name == path)
        #expect(
            source.entries == [
                ConfigEntry(key: "mqtt.port", value: .scalar("1884"), origin: .document(name: path, line: 2))
            ]
        )
    }

    @Test func loadsAnEmptyFileAsAnEmptyConfig() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = try directory.write("edge.yaml", "")
        #expect(try ConfigSource(contentsOfFile: path).entries.isEmpty)
    }

    @Test func reportsSyntaxErrorsWithThePathAndLine() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = try directory.write("edge.yaml", "a: 1\nb: [\n")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(contentsOfFile: path) }
        #expect(error?.code == .syntax)
        #expect(error?.description.hasPrefix("\(path):3: ") == true)
    }

    @Test func reportsAFileThatIsAList() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = try directory.write("edge.yaml", "- mqtt\n- port\n")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(contentsOfFile: path) }
        #expect(error?.description == "\(path):1: the top level must be a mapping of keys to values, got a list")
    }

    @Test func reportsAMissingFile() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = directory.file("absent.yaml")
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(contentsOfFile: path) }
        #expect(error?.code == .unreadableFile)
        #expect(error?.origin == .document(name: path, line: nil))
        #expect(error?.description.hasPrefix("\(path): cannot open: ") == true)
    }

    @Test func reportsADirectoryGivenAsTheFile() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(contentsOfFile: directory.path)
        }
        #expect(error?.code == .unreadableFile)
        #expect(error?.description.hasPrefix("\(directory.path): cannot read: ") == true)
    }

    @Test func reportsAFileThatIsNotUTF8() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = directory.file("latin1.yaml")
        let bytes: [UInt8] = Array("name: caf".utf8) + [0xE9, 0x0A]
        try FileBytes.write(bytes, to: path)
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try ConfigSource(contentsOfFile: path) }
        #expect(error?.code == .unreadableFile)
        #expect(error?.description == "\(path): not valid UTF-8 text")
    }
}
