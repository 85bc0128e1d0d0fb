import EdgeKernelCore

/// This module's kernel set. The same source is compiled into `EdgeKernelsGeneric` (the baseline instruction set) and
/// `EdgeKernelsAVX2` (a symbolic link to this directory, built with AVX2 on x86-64), so the two sets cannot drift
/// apart; `EDGE_KERNELS_AVX2` only names them.
public enum Kernels {
    #if EDGE_KERNELS_AVX2
    static let name = "avx2"
    #else
    static let name = "generic"
    #endif

    /// The kernels of this module.
    public static let set = Int8KernelSet(name: name) { layer, operands in MatrixKernel.run(layer, operands) }
}
