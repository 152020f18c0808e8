// Prints the highest x86-64 instruction-set level this CPU runs (CMake's try_run, for
// EQUILAB_KERNEL_ISAS=host: development builds compile only the kernel variant that will run).
#include <cstdio>

int main() {
    __builtin_cpu_init();
    const char* isa = __builtin_cpu_supports("x86-64-v4")   ? "x86-64-v4"
                      : __builtin_cpu_supports("x86-64-v3") ? "x86-64-v3"
                      : __builtin_cpu_supports("x86-64-v2") ? "x86-64-v2"
                                                            : "";
    std::printf("%s", isa);
    return 0;
}
