// Splitting column-wise elementwise work (bias + tanh, D ⊙ g, …) over the cores with OpenMP.
// Eigen already runs matrix products in parallel; coefficient-wise passes it runs on one core,
// and on the reference shapes they are memory-bound passes over 4 MB matrices.
#pragma once

#include "core/types.h"

namespace equilab {

// Calls f(first, count) on disjoint column ranges covering [0, cols), in parallel when OpenMP
// is available and the work is large enough to pay for it.
template <typename F>
void forColumnBlocks(Index rows, Index cols, F&& f) {
    constexpr Index kMinEntriesPerThread = 1 << 16;
#ifdef _OPENMP
    if (rows * cols >= 2 * kMinEntriesPerThread) {
        const Index blocks = 16;
        const Index step = (cols + blocks - 1) / blocks;
#pragma omp parallel for schedule(static)
        for (Index b = 0; b < blocks; ++b) {
            const Index first = b * step;
            if (first < cols) f(first, std::min(step, cols - first));
        }
        return;
    }
#endif
    (void)rows;
    f(Index(0), cols);
}

// Like forColumnBlocks, for f returning a partial sum per range; the partial sums are added in
// block order, so the result does not depend on thread scheduling.
template <typename F>
double sumColumnBlocks(Index rows, Index cols, F&& f) {
    constexpr Index kBlocks = 16;
    double partial[kBlocks] = {};
    const Index step = (cols + kBlocks - 1) / kBlocks;
    const bool parallel = rows * cols >= (Index(1) << 17);
#ifdef _OPENMP
#pragma omp parallel for schedule(static) if (parallel)
#endif
    for (Index b = 0; b < kBlocks; ++b) {
        const Index first = b * step;
        if (first < cols) partial[b] = f(first, std::min(step, cols - first));
    }
    (void)parallel;
    double sum = 0;
    for (double p : partial) sum += p;
    return sum;
}

}  // namespace equilab
