import ArgumentParser
import FederatedAggregation
import Foundation

/// `bench fedavg`: seconds to aggregate N client updates of P float32 parameters with FedAvg (example-weighted mean),
/// held in memory (`fedavg_1000x1M_s`) and streamed one update at a time through ``WeightedAverageAccumulator``,
/// beside numpy (one sgemv) and flwr's `aggregate` on the same shapes in the same run
/// (`scripts/bench/fedavg_numpy.py`). Also Krum and the coordinate median on a smaller case, beside flwr's.
///
/// The updates are generated deterministically (an LCG per client) and held at once: 4 GB at the default size. They
/// are freed before the Python peer starts, which holds its own copy. Besides the best wall-clock time, the best
/// thread CPU time of FedAvg is printed, which other processes on a shared machine inflate less.
struct FedAvgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fedavg",
        abstract: "FedAvg over N clients × P float32 (and Krum, median on a smaller case) beside numpy and flwr."
    )

    @Option(help: "Clients N.")
    var clients = 1_000

    @Option(help: "Float32 parameters per client P.")
    var parameters = 1_000_000

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 3

    @Option(help: "Clients of the Krum/median case.")
    var robustClients = 50

    @Option(help: "Parameters per client of the Krum/median case.")
    var robustParameters = 100_000

    @Option(help: "Clients given to flwr's aggregate (its time is scaled to N; it copies every update once).")
    var flwrClients = 1_000

    func validate() throws {
        guard clients > 0, parameters > 0, robustClients >= 13, robustParameters > 0 else {
            throw ValidationError("need --clients, --parameters, --robust-parameters ≥ 1 and --robust-clients ≥ 13")
        }
        guard (1...20).contains(repeats) else { throw ValidationError("--repeats must be in 1...20") }
        guard (1...clients).contains(flwrClients) else { throw ValidationError("--flwr-clients must be in 1...N") }
    }

    func run() throws {
        let label = "\(clients)x\(Self.count(parameters))"
        let robustLabel = "\(robustClients)x\(Self.count(robustParameters))"
        let ours = try measureFedAvg()
        let robust = try measureRobust()
        let peer = try PythonPeer(
            script: "scripts/bench/fedavg_numpy.py",
            arguments: [clients, parameters, repeats, flwrClients, robustClients, robustParameters].map(String.init)
        ).run()
        let numpy = peer["numpy_fedavg_s"] ?? .nan
        let flwr = peer["flwr_fedavg_s"] ?? .nan

        var line = JSONLine()
        line.add("bench", "fedavg")
        line.add("clients", clients)
        line.add("parameters", parameters)
        line.add("fedavg_\(label)_s", ours.held, decimals: 4)
        line.add("fedavg_\(label)_cpu_s", ours.heldCPU, decimals: 4)
        line.add("fedavg_streamed_\(label)_s", ours.streamed, decimals: 4)
        line.add("fedavg_read_gb_per_s", Double(clients * parameters * 4) / ours.held / 1e9, decimals: 2)
        line.add("numpy_fedavg_\(label)_s", numpy, decimals: 4)
        line.add("flwr_fedavg_\(label)_s", flwr, decimals: 4)
        line.add("flwr_clients_measured", flwrClients)
        line.add("speedup_vs_numpy", numpy / ours.held, decimals: 2)
        line.add("speedup_vs_flwr", flwr / ours.held, decimals: 2)
        line.add("krum_\(robustLabel)_s", robust.krum, decimals: 4)
        line.add("flwr_krum_\(robustLabel)_s", peer["flwr_krum_s"] ?? .nan, decimals: 4)
        line.add("median_\(robustLabel)_s", robust.median, decimals: 4)
        line.add("flwr_median_\(robustLabel)_s", peer["flwr_median_s"] ?? .nan, decimals: 4)
        line.add("checksum", Double(ours.checksum), decimals: 6)
        print(line.text)
    }

    /// `1M`, `100k` or the plain number.
    static func count(_ value: Int) -> String {
        if value % 1_000_000 == 0 { return "\(value / 1_000_000)M" }
        if value % 1_000 == 0 { return "\(value / 1_000)k" }
        return String(value)
    }

    /// `clients` updates of one layer of `parameters` values in [−0.5, 0.5), and the zero global model.
    static func updates(clients: Int, parameters: Int) throws -> (updates: [ClientUpdate], global: ModelParameters) {
        let global = try ModelParameters(layers: [
            ParameterTensor(name: "w", shape: [parameters], values: [Float](repeating: 0, count: parameters))
        ])
        let updates = try (0..<clients).map { client in
            var state = UInt64(client) &* 0x9E37_79B9_7F4A_7C15 &+ 1
            let values = [Float](unsafeUninitializedCapacity: parameters) { buffer, initialized in
                for index in 0..<parameters {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    buffer[index] = Float(state >> 40) * 0x1p-24 - 0.5
                }
                initialized = parameters
            }
            return ClientUpdate(
                clientID: "device-\(client)",
                parameters: try ModelParameters(layers: [
                    ParameterTensor(name: "w", shape: [parameters], values: values)
                ]),
                exampleCount: 1 + client * 7_919 % 500
            )
        }
        return (updates, global)
    }

    /// Best seconds of FedAvg over held updates (wall and thread CPU) and of the streaming accumulator, and a
    /// checksum of the mean.
    private func measureFedAvg() throws -> (held: Double, heldCPU: Double, streamed: Double, checksum: Float) {
        let (updates, global) = try Self.updates(clients: clients, parameters: parameters)
        let round = RoundContext(number: 1, global: global)
        var strategy = FedAvg()
        var mean = global
        let held = try bestTimes { mean = try strategy.aggregate(updates, in: round) }
        var streamedMean = global
        let streamed = try best {
            var accumulator = WeightedAverageAccumulator(global: global)
            for update in updates { try accumulator.add(update) }
            streamedMean = try accumulator.mean()
        }
        let difference = zip(mean.layers[0].values, streamedMean.layers[0].values).reduce(Float(0)) {
            max($0, abs($1.0 - $1.1))
        }
        // The held kernel sums eight products in float32 before widening; the streamed one widens each product.
        guard difference <= 1e-6 else {
            throw BenchmarkError(
                code: .toolFailed,
                measurement: "fedavg",
                message: "streamed and held means differ by \(difference)"
            )
        }
        return (held.wall, held.cpu, streamed, mean.layers[0].values.reduce(0, +))
    }

    /// Best seconds of Krum (f = 5) and the coordinate median on the smaller case.
    private func measureRobust() throws -> (krum: Double, median: Double) {
        let (updates, global) = try Self.updates(clients: robustClients, parameters: robustParameters)
        let round = RoundContext(number: 1, global: global)
        var krum = try Krum(numMaliciousClients: 5)
        var median = FedMedian()
        return (
            try best { _ = try krum.aggregate(updates, in: round) },
            try best { _ = try median.aggregate(updates, in: round) }
        )
    }

    /// The best wall-clock seconds of ``repeats`` runs of `body`.
    private func best(_ body: () throws -> Void) throws -> Double {
        try bestTimes(body).wall
    }

    /// The best wall-clock and the best thread-CPU seconds of ``repeats`` runs of `body`.
    private func bestTimes(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        var fastest = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<repeats {
            let started = ContinuousClock.now
            let cpuStarted = threadCPUSeconds()
            try body()
            let cpu = threadCPUSeconds() - cpuStarted
            let elapsed = ContinuousClock.now - started
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            fastest = (min(fastest.wall, wall), min(fastest.cpu, cpu))
        }
        return fastest
    }

    /// CPU time of the calling thread, seconds.
    private func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
