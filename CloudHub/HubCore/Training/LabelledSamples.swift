import ModelTraining

/// Input vectors with class indices, one label per input.
public struct LabelledSamples: Sendable, Hashable {
    /// The inputs, each the model's input (channel-major).
    public var inputs: [[Float]]
    /// Class index of each input.
    public var labels: [Int]

    /// Samples as given.
    public init(inputs: [[Float]], labels: [Int]) {
        self.inputs = inputs
        self.labels = labels
    }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabelledSamples {
        LabelledSamples(inputs: indices.map { inputs[$0] }, labels: indices.map { labels[$0] })
    }
}

/// A dataset split for training: the part trained on, the part early stopping watches, the part evaluated.
public struct DatasetSplit: Sendable, Hashable {
    /// Trained on; also fits standardisation, calibration and the drift reference.
    public var train: LabelledSamples
    /// Watched by early stopping (may be empty).
    public var validation: LabelledSamples
    /// Evaluated once at the end.
    public var test: LabelledSamples

    /// A split as given.
    public init(train: LabelledSamples, validation: LabelledSamples, test: LabelledSamples) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// A stratified split of `samples` (see ``stratifiedIndices(labels:classes:validationFraction:testFraction:seed:)``).
    /// - Throws: `TrainingRunError.badDataset` for fewer than two classes or a class too small for three parts.
    public init(
        stratifying samples: LabelledSamples,
        classes: Int,
        validationFraction: Double,
        testFraction: Double,
        seed: UInt64
    ) throws(TrainingRunError) {
        let parts = try Self.stratifiedIndices(
            labels: samples.labels,
            classes: classes,
            validationFraction: validationFraction,
            testFraction: testFraction,
            seed: seed
        )
        self.init(
            train: samples.subset(parts.train),
            validation: samples.subset(parts.validation),
            test: samples.subset(parts.test)
        )
    }

    /// Indices of a stratified split of `labels`: within each class, a seeded shuffle, then `round(n · testFraction)`
    /// to test (at least 1), `round(n · validationFraction)` to validation (at least 1 when the fraction is above 0),
    /// the rest to train; each part then shuffled. The same labels and seed give the same split.
    /// - Throws: `TrainingRunError.badDataset` for fewer than two classes or a class too small for three parts.
    public static func stratifiedIndices(
        labels: [Int],
        classes: Int,
        validationFraction: Double,
        testFraction: Double,
        seed: UInt64
    ) throws(TrainingRunError) -> (train: [Int], validation: [Int], test: [Int]) {
        var random = TrainingRandom(seed: seed)
        var parts: [[Int]] = [[], [], []]
        var present = 0
        for label in 0..<classes {
            var members = labels.indices.filter { labels[$0] == label }
            guard !members.isEmpty else { continue }
            present += 1
            members.shuffle(using: &random)
            let test = max(1, Int((Double(members.count) * testFraction).rounded()))
            let validation =
                validationFraction > 0 ? max(1, Int((Double(members.count) * validationFraction).rounded())) : 0
            guard members.count > test + validation else {
                throw TrainingRunError(.badDataset, "class \(label) has \(members.count) samples, too few to split")
            }
            parts[2] += members[..<test]
            parts[1] += members[test..<(test + validation)]
            parts[0] += members[(test + validation)...]
        }
        guard present >= 2 else { throw TrainingRunError(.badDataset, "\(present) class(es) present, need 2") }
        for index in parts.indices { parts[index].shuffle(using: &random) }
        return (parts[0], parts[1], parts[2])
    }
}
