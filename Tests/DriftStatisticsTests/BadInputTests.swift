import Testing

@testable import DriftStatistics

/// Every statistic answers bad input with a typed error.
@Suite struct BadInputTests {
    @Test func ksRejectsEmptyAndNonFiniteSamples() {
        #expect(throws: DriftError(.empty, "ks_2samp: a sample is empty")) { try KolmogorovSmirnov.twoSample([], [1]) }
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample([1, .nan], [1]) }
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample([1], [.infinity]) }
    }

    @Test func chiSquareRejectsBadFrequencies() {
        #expect(throws: DriftError.self) { try ChiSquare.test(observed: [1, 2], expected: [1, 2, 3]) }
        #expect(throws: DriftError.self) { try ChiSquare.test(observed: [1], expected: [1]) }
        #expect(throws: DriftError.self) { try ChiSquare.test(observed: [1, 2], expected: [0, 3]) }
        #expect(throws: DriftError.self) { try ChiSquare.test(observed: [1, 2], expected: [1, 3]) }
        #expect(throws: DriftError.self) { try ChiSquare.test(observed: [1, .nan], expected: [1, 3]) }
        #expect(throws: DriftError.self) { try ChiSquare.test(counts: [0, 0], reference: [1, 3]) }
    }

    @Test func chiSquareOnCountsScalesTheReference() throws {
        let result = try ChiSquare.test(counts: [30, 70], reference: [500, 500])
        let direct = try ChiSquare.test(observed: [30, 70], expected: [50, 50])
        #expect(result == direct)
        #expect(try ChiSquare.test(counts: [1, 5], reference: [10, 0]).pValue == 0)
    }

    @Test func jensenShannonRejectsBadVectors() {
        #expect(throws: DriftError.self) { try JensenShannon.distance([1], [1, 2]) }
        #expect(throws: DriftError.self) { try JensenShannon.distance([0, 0], [1, 2]) }
        #expect(throws: DriftError.self) { try JensenShannon.distance([-1, 2], [1, 2]) }
        #expect(throws: DriftError.self) { try JensenShannon.distance([1, 2], [1, 2], base: 1) }
    }

    @Test func wassersteinRejectsBadWeights() {
        #expect(throws: DriftError.self) { try Wasserstein.distance([], [1]) }
        #expect(throws: DriftError.self) { try Wasserstein.distance([1, 2], [1], uWeights: [1]) }
        #expect(throws: DriftError.self) { try Wasserstein.distance([1, 2], [1], uWeights: [1, -1]) }
        #expect(throws: DriftError.self) { try Wasserstein.distance([1, 2], [1], uWeights: [0, 0]) }
        #expect(throws: DriftError.self) { try Wasserstein.distance([1, .nan], [1]) }
    }
}
