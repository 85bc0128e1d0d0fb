import Testing

@testable import DriftStatistics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PSI equals its documented formula, with the documented share for empty bins.
@Suite struct PopulationStabilityTests {
    @Test func psiIsTheDocumentedSum() throws {
        let reference = [100, 200, 300, 400]
        let current = [150, 150, 350, 350]
        var expected = 0.0
        for (r, c) in zip(reference, current) {
            let (e, a) = (Double(r) / 1_000, Double(c) / 1_000)
            expected += (a - e) * log(a / e)
        }
        #expect(abs(try PopulationStability.index(reference: reference, current: current) - expected) < 1e-15)
    }

    @Test func emptyBinsCountWithTheEpsilonShare() throws {
        let psi = try PopulationStability.index(reference: [10, 0], current: [5, 5])
        let expected = (0.5 - 1) * log(0.5 / 1) + (0.5 - 1e-4) * log(0.5 / 1e-4)
        #expect(abs(psi - expected) < 1e-15)
    }

    @Test func identicalHistogramsHaveZeroPSI() throws {
        #expect(try PopulationStability.index(reference: [3, 6, 9], current: [1, 2, 3]) == 0)
    }

    @Test func psiRejectsBadInput() {
        #expect(throws: DriftError.self) { try PopulationStability.index(reference: [1], current: [1, 2]) }
        #expect(throws: DriftError.self) { try PopulationStability.index(reference: [0, 0], current: [1, 2]) }
        #expect(throws: DriftError.self) { try PopulationStability.index(reference: [-1, 2], current: [1, 2]) }
    }
}
