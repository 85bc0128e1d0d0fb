import EdgeModel
import SignalFeatures
import Foundation
import TestSupport
import Testing

/// A small valid int8 artifact and its float parent.
enum SampleArtifacts {
    static let network = RandomNetworks.network("mixed")

    static let metadata = ModelMetadata(
        name: "sample",
        version: 2,
        labels: ["a", "b", "c", "d"],
        lineage: ModelLineage(datasetHash: "abc", parentVersion: 1),
        metrics: ["accuracy": 0.9],
        driftReference: nil
    )

    static func int8() throws -> ModelArtifact {
        var random = SplitMix64(seed: 3)
        return try PostTrainingQuantizer().quantize(
            network,
            calibration: RandomNetworks.inputs(200, samples: 8, &random),
            metadata: metadata
        )
    }

    /// An artifact file assembled by hand from a body, with the header's declared length.
    static func file(body: [UInt8], declaredLength: UInt64? = nil, version: UInt32 = 1) throws -> [UInt8] {
        var bytes = ModelArtifact.magic
        bytes += withUnsafeBytes(of: version.littleEndian, Array.init)
        bytes += withUnsafeBytes(of: (declaredLength ?? UInt64(body.count)).littleEndian, Array.init)
        return bytes + (try ZlibFacade.compress(body))
    }

    /// A body with `manifest` as JSON and `data`.
    static func body(manifest: ModelManifest, data: [UInt8]) throws -> [UInt8] {
        let json = [UInt8](try JSONEncoder().encode(manifest))
        return withUnsafeBytes(of: UInt32(json.count).littleEndian, Array.init) + json + data
    }
}

func artifactErrorCode(_ body: () throws -> Any) -> ArtifactError.Code? {
    do {
        _ = try body()
        return nil
    } catch let error as ArtifactError {
        return error.code
    } catch {
        return nil
    }
}

@Test func artifactRoundTripsWithEveryManifestField() throws {
    let artifact = try SampleArtifacts.int8()
    let decoded = try ModelArtifact(bytes: artifact.encoded())
    #expect(decoded == artifact)
    #expect(decoded.manifest.lineage.parentVersion == 1)
    #expect(decoded.manifest.precision == .int8)
}

@Test func artifactKeepsFeaturePipelineAndDriftReference() throws {
    let pipeline = FeaturePipelineConfig(
        sensor: "accel",
        axes: ["x", "y"],
        sampleRateHz: 100,
        windowLength: 128,
        hop: 64,
        timeFeatures: [.mean, .std],
        spectral: nil
    )
    let drift = DriftReference(
        features: pipeline.featureNames.map {
            FeatureDistribution(
                name: $0,
                binEdges: [-1, 0, 1],
                counts: [3, 4],
                count: 7,
                mean: 0.1,
                std: 0.5,
                skewness: 0,
                kurtosis: -0.2,
                min: -0.9,
                max: 0.8
            )
        }
    )
    var random = SplitMix64(seed: 5)
    let network = FloatNetwork(inputShape: [4], layers: [RandomNetworks.dense(2, inputs: 4, .none, &random)])
    let metadata = ModelMetadata(
        name: "bearing",
        version: 1,
        labels: ["ok", "fault"],
        featurePipeline: pipeline,
        driftReference: drift
    )
    let decoded = try ModelArtifact(bytes: network.artifact(metadata).encoded())
    #expect(decoded.manifest.featurePipeline == pipeline)
    #expect(decoded.manifest.driftReference == drift)
    var wrong = metadata
    wrong.driftReference = DriftReference(features: Array(drift.features.prefix(3)))
    #expect(artifactErrorCode { try network.artifact(wrong) } == .badManifest)
    var withClasses = metadata
    withClasses.driftReference?.classCounts = [70, 30]
    let classes = try ModelArtifact(bytes: network.artifact(withClasses).encoded())
    #expect(classes.manifest.driftReference?.classCounts == [70, 30])
    for bad in [[70], [70, -1]] {
        wrong.driftReference = DriftReference(features: drift.features, classCounts: bad)
        #expect(artifactErrorCode { try network.artifact(wrong) } == .badManifest)
    }
}

@Test(arguments: [
    ("magic", ArtifactError.Code.badMagic), ("version", .unsupportedVersion), ("short", .truncated),
    ("huge-declared", .limitExceeded), ("length-mismatch", .corruptBody), ("manifest-json", .badManifest),
    ("manifest-length", .truncated), ("offset", .badTensor), ("shape", .badTensor), ("nan-weight", .badTensor),
    ("missing-quantization", .badQuantization), ("bad-scale", .badQuantization), ("labels", .badLayer),
    ("softmax-middle", .badLayer), ("conv-too-long", .badLayer), ("tensor-count", .limitExceeded),
    ("scales-missing", .badTensor), ("scales-shape", .badTensor), ("scales-zero", .badQuantization),
    ("scales-on-bias", .badTensor),
])
func hostileArtifactsAreRejectedWithTheirCode(name: String, code: ArtifactError.Code) throws {
    let good = try SampleArtifacts.int8()
    var manifest = good.manifest
    var data = good.data
    var file: [UInt8]?
    switch name {
    case "magic": file = Array("EDGEMODX".utf8) + good.encoded().dropFirst(8)
    case "version": file = try SampleArtifacts.file(body: [0, 0, 0, 0], version: 2)
    case "short": file = Array(good.encoded().prefix(15))
    case "huge-declared": file = try SampleArtifacts.file(body: [1, 2, 3], declaredLength: 1 << 40)
    case "length-mismatch": file = try SampleArtifacts.file(body: [1, 2, 3, 4, 5], declaredLength: 4)
    case "manifest-json": file = try SampleArtifacts.file(body: [3, 0, 0, 0] + Array("{x}".utf8))
    case "manifest-length": file = try SampleArtifacts.file(body: [0xFF, 0xFF, 0, 0, 1])
    case "offset": manifest.tensors[0].offset = data.count - 1
    case "shape": manifest.tensors[0].shape[0] += 1
    case "nan-weight":
        var network = SampleArtifacts.network
        if case .dense(var dense) = network.layers[6] {
            dense.weights[0] = .nan
            network.layers[6] = .dense(dense)
        }
        #expect(artifactErrorCode { try network.artifact(SampleArtifacts.metadata) } == code)
        return
    case "missing-quantization": manifest.activationQuantization = nil
    case "bad-scale": manifest.activationQuantization?[0].scale = -1
    case "labels": manifest.labels.append("e")
    case "softmax-middle":
        manifest.layers.insert(.softmax, at: 0)
        manifest.activationQuantization?.insert(QuantizationParameters(scale: 1.0 / 256, zeroPoint: -128), at: 0)
    case "conv-too-long": manifest.input.shape = [5, 2]
    case "scales-missing": manifest.tensors[0].channelScales = "absent"
    case "scales-shape":
        let scales = manifest.tensors.firstIndex { $0.name == manifest.tensors[0].channelScales }!
        manifest.tensors[scales].shape = [1]
        manifest.tensors[scales].byteCount = 4
    case "scales-zero":
        let scales = manifest.tensors.first { $0.name == manifest.tensors[0].channelScales }!
        data.replaceSubrange(scales.offset..<(scales.offset + 4), with: [0, 0, 0, 0])
    case "scales-on-bias":
        let bias = manifest.tensors.firstIndex { $0.dataType == .int32 }!
        manifest.tensors[bias].channelScales = manifest.tensors[0].channelScales
    default:
        manifest.tensors += Array(repeating: manifest.tensors[0], count: 2_000)
        data = good.data
    }
    let bytes = try file ?? SampleArtifacts.file(body: SampleArtifacts.body(manifest: manifest, data: data))
    #expect(artifactErrorCode { try ModelArtifact(bytes: bytes) } == code)
}

@Test func mutatedArtifactsAreRejectedCleanly() throws {
    let valid = [
        try SampleArtifacts.int8().encoded(), try SampleArtifacts.network.artifact(SampleArtifacts.metadata).encoded(),
    ]
    var mutator = Mutator(seed: 0xA11CE)
    var codes: [ArtifactError.Code: Int] = [:]
    var accepted = 0
    for round in 0..<3_000 {
        let original = valid[round % valid.count]
        let bytes = mutator.mutate(original)
        do {
            let artifact = try ModelArtifact(bytes: bytes)
            // A mutation that leaves a valid artifact must describe a model the runtimes can load.
            accepted += 1
            if artifact.manifest.precision == .int8 { _ = try Interpreter(artifact: artifact) }
        } catch {
            codes[error.code, default: 0] += 1
        }
    }
    #expect(codes.count >= 4, "\(codes)")
    #expect(accepted < 3_000)
}

@Test func mutatedBodiesReachTheManifestAndTensorChecks() throws {
    // Mutating the decompressed body (then compressing it again) gets past zlib's checksum to the JSON and tensors.
    let artifact = try SampleArtifacts.int8()
    let body = try SampleArtifacts.body(manifest: artifact.manifest, data: artifact.data)
    var mutator = Mutator(seed: 0xB0D1)
    var codes: [ArtifactError.Code: Int] = [:]
    for _ in 0..<3_000 {
        let file = try SampleArtifacts.file(body: mutator.mutate(body))
        do {
            let decoded = try ModelArtifact(bytes: file)
            if decoded.manifest.precision == .int8 { _ = try Interpreter(artifact: decoded) }
        } catch {
            codes[error.code, default: 0] += 1
        }
    }
    #expect(codes.count >= 3, "\(codes)")
}
