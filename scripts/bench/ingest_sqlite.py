#!/usr/bin/env python3
"""Peer of `bench ingest`: Python's sqlite3 inserting the same telemetry rows into the same schema, with the same
settings (WAL, synchronous=FULL), transaction size and deduplication (ON CONFLICT DO NOTHING), timed the same way.
Prints one JSON line."""
import json, os, sqlite3, sys, tempfile, time

def main():
    rows, per_transaction, devices, payload_bytes = (int(a) for a in sys.argv[1:5])
    payload = bytes(range(payload_bytes % 256)) * (payload_bytes // 256) + bytes(payload_bytes % 256)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-py") as directory:
        db = sqlite3.connect(os.path.join(directory, "hub.sqlite"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("""CREATE TABLE telemetry (device TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,
            received_ms INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (device, seq)) WITHOUT ROWID""")
        sql = ("INSERT INTO telemetry (device, seq, ts, received_ms, payload) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT DO NOTHING")
        per_device = rows // devices

        def batches(seq_offset):
            for device in range(devices):
                name = f"device-{device:05d}"
                for start in range(0, per_device, per_transaction):
                    yield [(name, seq_offset + seq, 1_700_000_000_000 + seq, 1, payload)
                           for seq in range(start, min(start + per_transaction, per_device))]

        def ingest(seq_offset):
            prepared = list(batches(seq_offset))
            began = time.perf_counter()
            for batch in prepared:
                db.execute("BEGIN")
                db.executemany(sql, batch)
                db.execute("COMMIT")
            return time.perf_counter() - began

        fresh = ingest(0)
        repeated = ingest(0)
        stored = db.execute("SELECT count(*) FROM telemetry").fetchone()[0]
        print(json.dumps({"rows_per_s": per_device * devices / fresh,
                          "duplicate_rows_per_s": per_device * devices / repeated, "stored": stored}))

main()
