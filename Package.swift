// swift-tools-version:6.0
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

// The int8 kernels' AVX2 build on x86-64 (Swift takes clang's target options), chosen at run time only when the CPU
// has AVX2. Elsewhere (AArch64, where NEON is baseline) it is a second baseline build.
#if arch(x86_64)
let avx2Flags = ["-Xcc", "-mavx2", "-Xcc", "-mfma"]
#else
let avx2Flags: [String] = []
#endif
let avx2Kernels: [SwiftSetting] = [.define("EDGE_KERNELS_AVX2"), .unsafeFlags(avx2Flags)]

// Signal processing, int8 kernels, training, aggregation, drift statistics and the simulator run 20–50× slower unoptimised, which turns the tests that
// push minutes of simulated sensor data through them into tens of minutes: they are optimised in debug builds too.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "EdgeFleet",
    // Synchronization.Mutex needs macOS 15; Linux, the real target, has no such floor.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edge", targets: ["edge"]),
        .executable(name: "hub", targets: ["hub"]),
        .executable(name: "firmware-sim", targets: ["firmware-sim"]),
        .executable(name: "bench", targets: ["bench"]),
        .library(name: "MQTTTransport", targets: ["MQTTTransport"]),
        .library(name: "SQLiteStorage", targets: ["SQLiteStorage"]),
        .library(name: "WireProtocol", targets: ["WireProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        // C libraries, found through pkg-config.
        .systemLibrary(
            name: "CMosquitto",
            path: "Shared/CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Shared/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(name: "CZlib", path: "Shared/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Shared libraries, one concern each.
        .target(name: "MQTTTransport", dependencies: ["CMosquitto", logging], path: "Shared/MQTT"),
        .target(name: "SQLiteStorage", dependencies: ["CSQLite"], path: "Shared/Storage"),
        .target(name: "SignalFeatures", path: "Shared/Features", swiftSettings: optimizedInDebug),
        // Federated aggregation strategies (Flower's semantics) and the update codec: pure, no dependencies.
        .target(name: "FederatedAggregation", path: "Shared/Federated", swiftSettings: optimizedInDebug),
        // Drift statistics (scipy's KS, chi-square, Jensen-Shannon, Wasserstein; PSI) and mergeable summaries: pure.
        .target(name: "DriftStatistics", path: "Shared/Drift", swiftSettings: optimizedInDebug),
        // Ed25519 and SHA-256 for signed updates: only the targets that sign or verify depend on it.
        .target(
            name: "UpdateSigning",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/Signing"
        ),
        .target(name: "ZlibCompression", dependencies: ["CZlib"], path: "Shared/Compression"),
        .target(name: "WireProtocol", dependencies: ["ZlibCompression", "DriftStatistics"], path: "Shared/Wire"),
        .target(name: "SensorDataset", dependencies: ["ZlibCompression", "WireProtocol"], path: "Shared/Dataset"),
        // Int8 kernels: shared types, one source directory built twice (Shared/Kernels/AVX2 links to Generic), and the
        // CPU check that picks between them.
        .target(name: "EdgeKernelCore", path: "Shared/Kernels/Core", swiftSettings: optimizedInDebug),
        .target(
            name: "EdgeKernelsGeneric",
            dependencies: ["EdgeKernelCore"],
            path: "Shared/Kernels/Generic",
            swiftSettings: optimizedInDebug
        ),
        .target(
            name: "EdgeKernelsAVX2",
            dependencies: ["EdgeKernelCore"],
            path: "Shared/Kernels/AVX2",
            swiftSettings: avx2Kernels + optimizedInDebug
        ),
        .target(name: "CPUFeatures", path: "Shared/Kernels/CPUFeatures"),
        .target(
            name: "EdgeModel",
            dependencies: [
                "SignalFeatures", "ZlibCompression", "EdgeKernelCore", "EdgeKernelsGeneric", "EdgeKernelsAVX2",
                "CPUFeatures",
            ],
            path: "Shared/Model",
            swiftSettings: optimizedInDebug
        ),
        .target(
            name: "ModelTraining",
            dependencies: ["EdgeModel"],
            path: "Shared/Training",
            swiftSettings: optimizedInDebug
        ),
        // Federated learning glue between models and aggregation: parameters of a float network, local training,
        // packed (encoded + zlib) updates. Used by the edge client and the hub's round runner.
        .target(
            name: "FederatedTraining",
            dependencies: ["EdgeModel", "ModelTraining", "FederatedAggregation", "ZlibCompression"],
            path: "Shared/FederatedTraining"
        ),
        .target(name: "ConfigLoading", dependencies: [.product(name: "Yams", package: "Yams")], path: "Shared/Config"),
        .target(
            name: "DaemonSupport",
            dependencies: ["MQTTTransport", "WireProtocol", "ConfigLoading", logging, lifecycle],
            path: "Shared/Daemon"
        ),

        // The edge daemon.
        .target(
            name: "EdgeCore",
            dependencies: [
                "DaemonSupport", "MQTTTransport", "WireProtocol", "SQLiteStorage", "ConfigLoading", "UpdateSigning",
                "SignalFeatures", "EdgeModel", "FederatedTraining", "FederatedAggregation", "DriftStatistics",
                logging, lifecycle,
            ],
            path: "EdgeRuntime/EdgeCore"
        ),
        .executableTarget(
            name: "edge",
            dependencies: ["EdgeCore", "DaemonSupport", argumentParser],
            path: "EdgeRuntime/edge"
        ),

        // The cloud hub.
        .target(
            name: "HubCore",
            dependencies: [
                "DaemonSupport", "MQTTTransport", "WireProtocol", "SQLiteStorage", "ConfigLoading", "UpdateSigning",
                "EdgeModel", "ModelTraining", "SignalFeatures", "SensorDataset", "FederatedTraining",
                "FederatedAggregation", "DriftStatistics", logging, lifecycle,
            ],
            path: "CloudHub/HubCore"
        ),
        .executableTarget(
            name: "hub",
            dependencies: ["HubCore", "DaemonSupport", "UpdateSigning", "SignalFeatures", argumentParser],
            path: "CloudHub/hub"
        ),

        // The simulated sensor fleet.
        .target(
            name: "FirmwareSimulator",
            dependencies: [
                "MQTTTransport", "WireProtocol", "SensorDataset", .product(name: "Yams", package: "Yams"), logging,
            ],
            path: "firmware-sim/Simulator",
            swiftSettings: optimizedInDebug
        ),
        .executableTarget(
            name: "firmware-sim",
            dependencies: ["FirmwareSimulator", "DaemonSupport", argumentParser, logging, lifecycle],
            path: "firmware-sim/cli"
        ),

        // Benchmarks (run release-built).
        .executableTarget(
            name: "bench",
            dependencies: [
                "MQTTTransport", "HubCore", "WireProtocol", "FirmwareSimulator", "SignalFeatures", "EdgeModel",
                "ModelTraining", "FederatedAggregation", "SensorDataset", "TestSupport", "DriftStatistics",
                argumentParser,
            ],
            path: "Benchmarks/bench"
        ),

        // Test support shared by every test target and the benchmarks: a real broker on a free port, temp files.
        .target(name: "TestSupport", dependencies: ["MQTTTransport"], path: "Tests/TestSupport"),
        .testTarget(
            name: "MQTTTransportTests",
            dependencies: ["MQTTTransport", "TestSupport"],
            path: "Tests/MQTTTransportTests"
        ),
        .testTarget(
            name: "SQLiteStorageTests",
            dependencies: ["SQLiteStorage", "TestSupport"],
            path: "Tests/SQLiteStorageTests"
        ),
        .testTarget(
            name: "ZlibCompressionTests",
            dependencies: ["ZlibCompression", "TestSupport"],
            path: "Tests/ZlibCompressionTests"
        ),
        .testTarget(
            name: "WireProtocolTests",
            dependencies: ["WireProtocol", "TestSupport"],
            path: "Tests/WireProtocolTests"
        ),
        .testTarget(
            name: "EdgeModelTests",
            dependencies: [
                "EdgeModel", "EdgeKernelCore", "ModelTraining", "SignalFeatures", "ZlibCompression",
                "FederatedAggregation", "FederatedTraining", "TestSupport",
            ],
            path: "Tests/EdgeModelTests"
        ),
        .testTarget(
            name: "ConfigLoadingTests",
            dependencies: ["ConfigLoading", "TestSupport"],
            path: "Tests/ConfigLoadingTests"
        ),
        .testTarget(
            name: "FirmwareSimulatorTests",
            dependencies: ["FirmwareSimulator", "SensorDataset", "WireProtocol", "TestSupport"],
            path: "Tests/FirmwareSimulatorTests"
        ),
        .testTarget(
            name: "UpdateSigningTests",
            dependencies: ["UpdateSigning", "TestSupport"],
            path: "Tests/UpdateSigningTests"
        ),
        .testTarget(
            name: "SensorDatasetTests",
            dependencies: ["SensorDataset", "WireProtocol", "TestSupport"],
            path: "Tests/SensorDatasetTests"
        ),
        .testTarget(
            name: "SignalFeaturesTests",
            dependencies: ["SignalFeatures", "TestSupport"],
            path: "Tests/SignalFeaturesTests"
        ),
        .testTarget(
            name: "FederatedAggregationTests",
            dependencies: ["FederatedAggregation", "TestSupport"],
            path: "Tests/FederatedAggregationTests"
        ),
        .testTarget(
            name: "DriftStatisticsTests",
            dependencies: ["DriftStatistics", "TestSupport"],
            path: "Tests/DriftStatisticsTests"
        ),
        .testTarget(
            name: "HubTrainingTests",
            dependencies: [
                "HubCore", "ModelTraining", "EdgeModel", "SensorDataset", "WireProtocol", "SQLiteStorage",
                "ConfigLoading", "UpdateSigning", "SignalFeatures", "TestSupport",
            ],
            path: "Tests/HubTrainingTests"
        ),
        .testTarget(
            name: "FederatedTests",
            dependencies: [
                "EdgeCore", "HubCore", "FederatedTraining", "FederatedAggregation", "FirmwareSimulator",
                "SensorDataset", "EdgeModel", "ModelTraining", "SignalFeatures", "WireProtocol", "MQTTTransport",
                "DaemonSupport", "UpdateSigning", "ConfigLoading", "TestSupport", logging, lifecycle,
            ],
            path: "Tests/FederatedTests"
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "EdgeCore", "HubCore", "DaemonSupport", "MQTTTransport", "WireProtocol", "SQLiteStorage",
                "UpdateSigning", "SignalFeatures", "EdgeModel", "ModelTraining", "DriftStatistics", "FirmwareSimulator",
                "TestSupport",
            ],
            path: "Tests/DaemonTests"
        ),
    ]
)
