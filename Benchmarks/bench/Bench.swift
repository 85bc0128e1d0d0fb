import ArgumentParser

/// `bench`: measures the project's hot paths, each subcommand printing one JSON object per line (DESIGN.md,
/// "Benchmarks"). Build it in release (`scripts/bench.sh` does) or the figures mean nothing.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measures the project's hot paths; prints one JSON object per line.",
        subcommands: [
            MQTTCommand.self, SimCommand.self, FeaturesCommand.self, InferenceCommand.self, IngestCommand.self,
            FedAvgCommand.self,
            TrainCommand.self, DriftCommand.self,
        ]
    )
}
