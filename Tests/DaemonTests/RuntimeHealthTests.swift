import EdgeCore
import Testing

@Suite("Runtime health figures")
struct RuntimeHealthTests {
    @Test func percentilesAreNearestRankOverTheRecentWindow() {
        let health = RuntimeHealth()
        #expect(health.latencyPercentiles() == (0, 0))
        for micros in (1...100).reversed() { health.recordInference(micros: UInt32(micros)) }
        #expect(health.latencyPercentiles() == (50, 99))
        // Older latencies leave the window: after a full window of 7 µs, nothing else remains.
        for _ in 0..<RuntimeHealth.window { health.recordInference(micros: 7) }
        #expect(health.latencyPercentiles() == (7, 7))
    }

    @Test func errorsAreCounted() {
        let health = RuntimeHealth()
        health.recordError()
        health.recordError()
        #expect(health.errorCount == 2)
    }
}
