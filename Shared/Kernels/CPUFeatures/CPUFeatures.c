#include "CPUFeatures.h"

int edge_cpu_supports_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
    // The compiler runtime reads CPUID and XGETBV once, so this also checks that the OS saves ymm state.
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
    return 0;
#endif
}
