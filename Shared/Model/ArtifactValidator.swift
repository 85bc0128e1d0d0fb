/// Every consistency check of an artifact, run before any of its data is used: manifest fields, tensor bounds and
/// types, layer shapes, quantization parameters and the drift reference.
struct ArtifactValidator {
    let manifest: ModelManifest
    let data: [UInt8]
    var dataCount: Int { data.count }
    let limits: ArtifactLimits

    func validate() throws(ArtifactError) {
        try validateFields()
        let tensors = try validateTensors()
        try validateLayers(tensors)
        try validateDriftReference()
    }

    private func validateFields() throws(ArtifactError) {
        guard (1...128).contains(manifest.name.count) else {
            throw ArtifactError(.badManifest, "name", "must be 1...128 characters")
        }
        guard manifest.version >= 1 else { throw ArtifactError(.badManifest, "version", "\(manifest.version) < 1") }
        guard !manifest.labels.isEmpty, manifest.labels.allSatisfy({ !$0.isEmpty }) else {
            throw ArtifactError(.badManifest, "labels", "labels must be present and non-empty")
        }
        guard manifest.sparsity.isFinite, (0...1).contains(manifest.sparsity) else {
            throw ArtifactError(.badManifest, "sparsity", "\(manifest.sparsity) is outside 0...1")
        }
        for (key, value) in manifest.metrics where !value.isFinite {
            throw ArtifactError(.badManifest, "metrics.\(key)", "\(value) is not finite")
        }
        guard (1...limits.maxLayers).contains(manifest.layers.count) else {
            throw ArtifactError(.limitExceeded, "layers", "\(manifest.layers.count) layers, 1...\(limits.maxLayers)")
        }
        guard manifest.tensors.count <= limits.maxTensors else {
            throw ArtifactError(.limitExceeded, "tensors", "\(manifest.tensors.count), limit \(limits.maxTensors)")
        }
        guard dataCount <= limits.maxBodyBytes else {
            throw ArtifactError(.limitExceeded, "data", "\(dataCount) bytes, limit \(limits.maxBodyBytes)")
        }
    }

    private func validateTensors() throws(ArtifactError) -> [String: TensorInfo] {
        var byName: [String: TensorInfo] = [:]
        for tensor in manifest.tensors {
            func fail(_ message: String) -> ArtifactError {
                ArtifactError(.badTensor, "tensor \(tensor.name)", message)
            }
            guard !tensor.name.isEmpty, byName[tensor.name] == nil else { throw fail("empty or duplicate name") }
            guard let elements = elementCount(tensor.shape), elements <= limits.maxBodyBytes else {
                throw fail("shape \(tensor.shape) is empty, has a dimension < 1 or is too large")
            }
            guard tensor.offset >= 0, tensor.offset <= dataCount, tensor.byteCount >= 0,
                tensor.byteCount <= dataCount - tensor.offset
            else {
                throw fail("bytes \(tensor.offset)+\(tensor.byteCount) outside the \(dataCount)-byte data section")
            }
            guard tensor.byteCount == storedBytes(tensor, elements: elements) else {
                throw fail(
                    "\(tensor.byteCount) bytes do not hold \(elements) \(tensor.dataType) elements as \(tensor.encoding ?? .dense)"
                )
            }
            if tensor.channelScales != nil, tensor.dataType != .int8 {
                throw fail("channel scales need an int8 tensor")
            }
            if tensor.dataType == .float32, !storedFloats(tensor, allSatisfy: \.isFinite) {
                throw fail("holds NaN or an infinity")
            }
            byName[tensor.name] = tensor
        }
        for tensor in manifest.tensors {
            if let name = tensor.channelScales { try validateChannelScales(name, of: tensor, byName) }
        }
        return byName
    }

    /// The scales of int8 weights `tensor`: a dense float32 tensor of one finite, positive value per channel.
    private func validateChannelScales(
        _ name: String,
        of tensor: TensorInfo,
        _ tensors: [String: TensorInfo]
    ) throws(ArtifactError) {
        guard let scales = tensors[name], scales.dataType == .float32, scales.shape == [tensor.shape[0]],
            scales.encoding ?? .dense == .dense
        else {
            throw ArtifactError(
                .badTensor,
                "tensor \(tensor.name)",
                "channel scales \(name) must be a dense float32 tensor of \(tensor.shape[0]) values"
            )
        }
        guard storedFloats(scales, allSatisfy: { $0 > 0 }) else {
            throw ArtifactError(.badQuantization, "tensor \(name)", "channel scales must be finite, > 0")
        }
    }

    private func validateLayers(_ tensors: [String: TensorInfo]) throws(ArtifactError) {
        let isInt8 = manifest.precision == .int8
        try validateQuantization(manifest.input.quantization, required: isInt8, context: "input")
        if let quantization = manifest.activationQuantization {
            guard isInt8, quantization.count == manifest.layers.count else {
                throw ArtifactError(.badQuantization, "activation_quantization", "must be one per layer, int8 only")
            }
        } else if isInt8 {
            throw ArtifactError(.badQuantization, "activation_quantization", "missing for an int8 model")
        }
        var shape = manifest.input.shape
        guard (1...2).contains(shape.count), let count = elementCount(shape), count <= limits.maxActivationElements
        else {
            throw ArtifactError(.badLayer, "input", "shape \(shape) must be [features] or [channels, length]")
        }
        var quantization = manifest.input.quantization
        for (index, layer) in manifest.layers.enumerated() {
            let output = try layer.outputShape(input: shape, index: index)
            guard let count = elementCount(output), count <= limits.maxActivationElements else {
                throw ArtifactError(.limitExceeded, "layer \(index)", "output \(output) is too large")
            }
            if case .softmax = layer, index != manifest.layers.count - 1 {
                throw ArtifactError(.badLayer, "layer \(index)", "softmax is allowed only as the last layer")
            }
            try validateWeights(of: layer, index: index, input: shape, tensors)
            let outputQuantization = manifest.activationQuantization?[index]
            try validateQuantization(outputQuantization, required: isInt8, context: "layer \(index) output")
            if isInt8, layer.keepsQuantization, outputQuantization != quantization {
                throw ArtifactError(.badQuantization, "layer \(index)", "must keep its input's quantization")
            }
            shape = output
            quantization = outputQuantization
        }
        guard shape == [manifest.labels.count] else {
            throw ArtifactError(.badLayer, "output", "shape \(shape) does not give one value per label")
        }
        if let pipeline = manifest.featurePipeline, [pipeline.featureCount] != manifest.input.shape,
            !pipeline.isRawSamples || [pipeline.axes.count, pipeline.windowLength] != manifest.input.shape
        {
            throw ArtifactError(.badLayer, "input", "pipeline gives \(pipeline.featureCount) features")
        }
    }

    private func validateWeights(
        of layer: LayerSpec,
        index: Int,
        input: [Int],
        _ tensors: [String: TensorInfo]
    ) throws(ArtifactError) {
        switch layer {
        case .dense(let spec):
            try expect(spec.weights, shape: [spec.units, input[0]], weights: true, index, tensors)
            try expect(spec.bias, shape: [spec.units], weights: false, index, tensors)
        case .conv1D(let spec):
            try expect(spec.weights, shape: [spec.filters, input[0], spec.kernel], weights: true, index, tensors)
            try expect(spec.bias, shape: [spec.filters], weights: false, index, tensors)
        default:
            return
        }
    }

    private func expect(
        _ name: String,
        shape: [Int],
        weights: Bool,
        _ index: Int,
        _ tensors: [String: TensorInfo]
    ) throws(ArtifactError) {
        guard let tensor = tensors[name] else {
            throw ArtifactError(.badTensor, "layer \(index)", "tensor \(name) is missing")
        }
        let isInt8 = manifest.precision == .int8
        let type: TensorDataType = isInt8 ? (weights ? .int8 : .int32) : .float32
        guard tensor.shape == shape, tensor.dataType == type else {
            throw ArtifactError(
                .badTensor,
                "tensor \(name)",
                "needs \(type) \(shape), has \(tensor.dataType) \(tensor.shape)"
            )
        }
        guard (tensor.channelScales != nil) == (isInt8 && weights) else {
            throw ArtifactError(.badQuantization, "tensor \(name)", "channel scales belong to int8 weights only")
        }
    }

    private func validateQuantization(
        _ parameters: QuantizationParameters?,
        required: Bool,
        context: String
    ) throws(ArtifactError) {
        guard let parameters else {
            if required { throw ArtifactError(.badQuantization, context, "missing for an int8 model") }
            return
        }
        guard required else { throw ArtifactError(.badQuantization, context, "present in a float model") }
        guard parameters.scale.isFinite, parameters.scale > 0, (-128...127).contains(parameters.zeroPoint) else {
            throw ArtifactError(
                .badQuantization,
                context,
                "scale \(parameters.scale), zero point \(parameters.zeroPoint)"
            )
        }
    }

    private func validateDriftReference() throws(ArtifactError) {
        guard let reference = manifest.driftReference else { return }
        let expected = manifest.featurePipeline?.featureCount ?? elementCount(manifest.input.shape) ?? 0
        guard reference.features.count == expected else {
            throw ArtifactError(
                .badManifest,
                "drift_reference",
                "\(reference.features.count) features, \(expected) inputs"
            )
        }
        if let classes = reference.classCounts {
            guard classes.count == manifest.labels.count, classes.allSatisfy({ $0 >= 0 }) else {
                throw ArtifactError(
                    .badManifest,
                    "drift_reference.class_counts",
                    "\(classes.count) counts for \(manifest.labels.count) labels, each must be ≥ 0"
                )
            }
        }
        for feature in reference.features {
            let context = "drift_reference.\(feature.name)"
            let edges = feature.binEdges
            guard edges.count >= 2, edges.count <= 4097, feature.counts.count == edges.count - 1 else {
                throw ArtifactError(.badManifest, context, "needs 2...4097 edges and one count per bin")
            }
            guard edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw ArtifactError(.badManifest, context, "bin edges must be finite and strictly increasing")
            }
            let moments = [feature.mean, feature.std, feature.skewness, feature.kurtosis, feature.min, feature.max]
            guard feature.count >= 0, feature.counts.allSatisfy({ $0 >= 0 }), moments.allSatisfy(\.isFinite) else {
                throw ArtifactError(.badManifest, context, "counts must be ≥ 0 and moments finite")
            }
        }
    }

    /// The bytes `tensor` must occupy given its encoding, or -1 when a bitmap is malformed (bits past the end).
    private func storedBytes(_ tensor: TensorInfo, elements: Int) -> Int {
        guard tensor.encoding == .bitmap else { return elements * tensor.dataType.size }
        let bitmapBytes = (elements + 7) / 8
        guard bitmapBytes <= tensor.byteCount else { return -1 }
        let bitmap = data[tensor.offset..<(tensor.offset + bitmapBytes)]
        if elements % 8 != 0, let last = bitmap.last, last >> (elements % 8) != 0 { return -1 }
        let nonZero = bitmap.reduce(0) { $0 + $1.nonzeroBitCount }
        return bitmapBytes + nonZero * tensor.dataType.size
    }

    /// Whether every stored (non-implicit) float32 value of a bounds-checked tensor satisfies `predicate`.
    private func storedFloats(_ tensor: TensorInfo, allSatisfy predicate: (Float) -> Bool) -> Bool {
        let start = tensor.encoding == .bitmap ? (tensor.elementCount + 7) / 8 : 0
        return stride(from: tensor.offset + start, to: tensor.offset + tensor.byteCount, by: 4).allSatisfy {
            predicate(Float(bitPattern: UInt32(littleEndianBytes: data[$0..<($0 + 4)])))
        }
    }

    /// Product of `shape`, or nil when it is empty, has a dimension < 1 or overflows.
    private func elementCount(_ shape: [Int]) -> Int? {
        guard !shape.isEmpty else { return nil }
        var product = 1
        for dimension in shape {
            guard dimension >= 1 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            product = next
        }
        return product
    }
}

extension LayerSpec {
    /// Layers whose int8 output uses the input's scale and zero point (they only move or compare values).
    var keepsQuantization: Bool {
        switch self {
        case .relu, .relu6, .maxPool1D, .avgPool1D, .globalAvgPool, .flatten: true
        case .dense, .conv1D, .softmax: false
        }
    }
}
