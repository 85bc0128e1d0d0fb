#ifndef EDGE_CPU_FEATURES_H
#define EDGE_CPU_FEATURES_H

/// 1 when the CPU and the operating system support AVX2 (ymm registers), else 0; always 0 off x86.
int edge_cpu_supports_avx2(void);

#endif
