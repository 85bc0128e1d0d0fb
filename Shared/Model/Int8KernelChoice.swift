import CPUFeatures
import EdgeKernelCore
import EdgeKernelsAVX2
import EdgeKernelsGeneric

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which compiled build of the int8 kernels an ``Interpreter`` runs. Both give the same results bit for bit.
public enum Int8KernelChoice: String, Sendable, CaseIterable {
    /// The baseline instruction set (SSE2 on x86-64, NEON on AArch64): runs everywhere.
    case generic
    /// 256-bit AVX2 code; only on an x86-64 CPU (and OS) with AVX2.
    case avx2

    /// Whether this CPU can run the choice.
    public var isSupported: Bool {
        switch self {
        case .generic: true
        case .avx2: Self.cpuHasAVX2
        }
    }

    /// The fastest supported choice, unless the environment variable `EDGE_KERNELS` names one (`generic` or `avx2`;
    /// one the CPU cannot run, or an unknown name, is ignored): read once per process.
    public static let preferred: Int8KernelChoice = {
        if let value = getenv("EDGE_KERNELS"), let named = Int8KernelChoice(rawValue: String(cString: value)),
            named.isSupported
        {
            return named
        }
        return cpuHasAVX2 ? .avx2 : .generic
    }()

    private static let cpuHasAVX2 = edge_cpu_supports_avx2() != 0

    /// The kernels of this choice.
    var kernels: Int8KernelSet {
        switch self {
        case .generic: EdgeKernelsGeneric.Kernels.set
        case .avx2: EdgeKernelsAVX2.Kernels.set
        }
    }
}
