import ConfigLoading
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialized because its tests change this process's environment, which is not safe to do concurrently.
@Suite(.serialized) struct ConfigReaderProcessInputTests {
    @Test func readsTheProcessEnvironment() {
        let name = "CONFIGLOADINGTEST_PROBE_VALUE"
        setenv(name, "a=b", 1)
        defer { unsetenv(name) }
        let environment = ConfigEnvironment.current(prefix: "CONFIGLOADINGTEST")
        #expect(environment.variables == [name: "a=b"])
    }

    @Test func readsTheFileTheProcessEnvironmentAndFlags() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let path = try directory.write("hub.yaml", "store:\n  path: hub.db\n  kind: sqlite\n")
        setenv("CONFIGREADERTEST_STORE_KIND", "postgres", 1)
        defer { unsetenv("CONFIGREADERTEST_STORE_KIND") }
        var reader = try ConfigReader(
            configFile: path,
            environmentPrefix: "CONFIGREADERTEST",
            flags: ["store.path=other.db"]
        )
        #expect(try reader.string("store.path") == "other.db")
        #expect(try reader.choice("store.kind", among: ["sqlite", "postgres"]) == "postgres")
        try reader.finish()
    }

    @Test func runsWithoutAFile() throws {
        var reader = try ConfigReader(configFile: nil, environmentPrefix: "CONFIGREADERTEST_NONE", flags: [])
        #expect(try reader.int("port", default: 7) == 7)
        let error = ReaderFixture.error { () throws(ConfigError) in _ = try reader.string("device.id") }
        #expect(error?.message.contains("set it in the config file, as CONFIGREADERTEST_NONE_DEVICE_ID") == true)
    }

    @Test(arguments: [
        (file: String?("/nonexistent/hub.yaml"), flags: [String](), code: ConfigError.Code.unreadableFile),
        (file: nil, flags: ["port"], code: .badFlag),
    ])
    func reportsAnUnreadableFileOrABadFlag(file: String?, flags: [String], code: ConfigError.Code) {
        let error = ReaderFixture.error { () throws(ConfigError) in
            _ = try ConfigReader(configFile: file, environmentPrefix: "CONFIGREADERTEST_NONE", flags: flags)
        }
        #expect(error?.code == code)
    }
}
