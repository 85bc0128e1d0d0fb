import HubCore
import SQLiteStorage
import SensorDataset
import TestSupport
import Testing

@Suite("Dataset snapshots in the hub's database")
struct DatasetStoreTests {
    let directory: TemporaryDirectory
    let store: HubStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "datasets")
        store = try HubStore(path: directory.file("hub.sqlite"))
    }

    @Test func importingKeepsTheWindowsUnderAContentHashAndIsIdempotent() throws {
        let windows = try SyntheticWindows.make(perClass: 4, seed: 1)
        let snapshot = try store.importDataset(windows, source: "a.efds", now: 10)
        #expect(snapshot.hash == HubStore.snapshotHash(of: windows))
        #expect(snapshot.windows == 12)
        #expect(snapshot.labels == ["fast": 4, "medium": 4, "slow": 4])
        #expect(try store.datasetWindows(snapshot.hash) == windows)
        #expect(try store.datasetWindows(String(snapshot.hash.prefix(8))) == windows)
        let again = try store.importDataset(windows, source: "b.efds", now: 20)
        #expect(again == snapshot)
        #expect(try store.datasets() == [snapshot])
        let reordered = try store.importDataset(Array(windows.reversed()), source: "c.efds", now: 30)
        #expect(reordered.hash != snapshot.hash)
        #expect(try store.datasets().count == 2)
    }

    @Test func refusesEmptyImportsAndUnknownSnapshots() throws {
        #expect(throws: DatasetStoreError(.emptyDataset, "x.efds: no windows")) {
            try store.importDataset([], source: "x.efds", now: 1)
        }
        #expect(throws: DatasetStoreError.self) { try store.dataset("feedbeef") }
        #expect(throws: DatasetStoreError.self) { try store.datasetWindows("abc") }
    }

    @Test func aCorruptStoredWindowIsNamed() throws {
        let snapshot = try store.importDataset(try SyntheticWindows.make(perClass: 2, seed: 2), source: "a", now: 1)
        let database = try SQLiteDatabase(path: directory.file("hub.sqlite"))
        try database.write { connection in
            _ = try connection.run("UPDATE dataset_windows SET frame = x'00010203' WHERE idx = 3")
        }
        do {
            _ = try store.datasetWindows(snapshot.hash)
            Issue.record("a corrupt window was read")
        } catch let error as DatasetStoreError {
            #expect(error.code == .corruptWindow)
            #expect(error.context.contains("window 3"))
        }
    }
}
