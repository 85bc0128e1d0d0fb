import EdgeModel
import ModelTraining
import Testing

@Suite("Drift reference from training data")
struct DriftReferenceTests {
    /// Golden moments from numpy/scipy 1.17 on [1, 2, 3, 4, 10]: mean 4, np.std 3.1622776601683795,
    /// scipy.stats.skew 1.1384199576606167, scipy.stats.kurtosis -0.21199999999999974 (Fisher, biased);
    /// np.histogram(bins=3, range=(1, 10)) counts [3, 1, 1] on edges [1, 4, 7, 10].
    @Test func histogramsAndMomentsMatchNumpy() {
        let reference = DriftReference(
            training: [[1, 5], [2, 5], [3, 5], [4, 5], [10, 5], [99]],
            names: ["a", "constant"],
            bins: 3
        )
        let a = reference.features[0]
        #expect(a.name == "a")
        #expect(a.count == 5)
        #expect(a.binEdges == [1, 4, 7, 10])
        #expect(a.counts == [3, 1, 1])
        #expect(abs(a.mean - 4) < 1e-12)
        #expect(abs(a.std - 3.1622776601683795) < 1e-12)
        #expect(abs(a.skewness - 1.1384199576606167) < 1e-12)
        #expect(abs(a.kurtosis - (-0.21199999999999974)) < 1e-12)
        #expect((a.min, a.max) == (1, 10))
        let constant = reference.features[1]
        #expect(constant.binEdges == [4.5, 4.5 + 1.0 / 3, 4.5 + 2.0 / 3, 5.5])
        #expect(constant.counts == [0, 5, 0])
        #expect((constant.std, constant.skewness, constant.kurtosis) == (0, 0, 0))
    }
}
