#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rolling-element bearing of a simulated machine, from which its fault frequencies follow.
///
/// With n balls of diameter d on a pitch circle of diameter D and contact angle φ, a defect on the outer race is
/// struck n/2 · (1 − d/D · cos φ) times per shaft revolution (BPFO) and one on the inner race
/// n/2 · (1 + d/D · cos φ) times (BPFI).
public struct BearingGeometry: Sendable, Hashable {
    /// Number of rolling elements.
    public var ballCount: Int
    /// Ball diameter d, mm.
    public var ballDiameter: Double
    /// Pitch circle diameter D, mm.
    public var pitchDiameter: Double
    /// Contact angle φ, radians.
    public var contactAngle: Double

    /// A bearing with the given dimensions.
    public init(ballCount: Int, ballDiameter: Double, pitchDiameter: Double, contactAngle: Double) {
        self.ballCount = ballCount
        self.ballDiameter = ballDiameter
        self.pitchDiameter = pitchDiameter
        self.contactAngle = contactAngle
    }

    /// A deep-groove ball bearing of a small motor drawn from `random`: 8...12 balls of 6...10 mm on a
    /// 35...50 mm pitch circle, contact angle 0...15°.
    init(drawingFrom random: inout Xoshiro256) {
        ballCount = 8 + Int(random.next() % 5)
        ballDiameter = random.uniform(in: 6...10)
        pitchDiameter = random.uniform(in: 35...50)
        contactAngle = random.uniform(in: 0...(15 * Double.pi / 180))
    }

    /// Outer-race defect impacts per shaft revolution (BPFO divided by the shaft frequency).
    public var outerRaceOrder: Double {
        Double(ballCount) / 2 * (1 - ballDiameter / pitchDiameter * cos(contactAngle))
    }

    /// Inner-race defect impacts per shaft revolution (BPFI divided by the shaft frequency).
    public var innerRaceOrder: Double {
        Double(ballCount) / 2 * (1 + ballDiameter / pitchDiameter * cos(contactAngle))
    }
}
