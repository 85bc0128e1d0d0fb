import EdgeKernelCore

/// This module's kernel set. The same source is compiled into `EdgeKernelsGeneric` (the baseline instruction set),
/// `EdgeKernelsAVX2` and `EdgeKernelsAVX512` (symbolic links to this directory, built with AVX2, and AVX-512 with
/// VNNI, on x86-64), so the sets cannot drift apart; the `EDGE_KERNELS_*` conditions only name them.
public enum Kernels {
    #if EDGE_KERNELS_AVX512
    static let name = "avx512"
    #elseif EDGE_KERNELS_AVX2
    static let name = "avx2"
    #else
    static let name = "generic"
    #endif

    /// The kernels of this module.
    public static let set = Int8KernelSet(name: name) { layer, operands in MatrixKernel.run(layer, operands) }
}
