// Splitting column-wise elementwise work (bias + tanh, D ⊙ g, …) over the cores with OpenMP.
// Eigen already runs matrix products in parallel; coefficient-wise passes it runs on one core,
// and on the reference shapes they are memory-bound passes over 4 MB matrices.
#pragma once

#include <algorithm>
#include <vector>

#include "core/model/types.h"

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

// Column blocks for fused kernels: a product on a block of columns, then passes over the block
// while it is still in cache, every block on one core. The blocks are kFusedColumns wide, a
// multiple of 4, and start at multiples of 4: Eigen's GEMM takes the right-hand side's columns
// in panels of 4, so a product on such a block computes every column exactly as the product of
// the whole matrices does (tst_batched checks it bit for bit). Inside the parallel region Eigen
// runs each product on the calling core. Small problems run as one block. Blocks are handed out
// one at a time: a thread that loses its core for a while (to the GUI thread, say) holds up
// one block, not half of the pass.
constexpr Index kFusedColumns = 256;

inline Index fusedBlockCount(Index rows, Index cols) {
#ifdef _OPENMP
    constexpr Index kMinEntriesPerThread = 1 << 16;
    if (rows * cols >= 2 * kMinEntriesPerThread) return (cols + kFusedColumns - 1) / kFusedColumns;
#endif
    (void)rows;
    (void)cols;
    return 1;
}

// Calls f(first, count) on the fused blocks covering [0, cols), in parallel when OpenMP is
// available and the work is large enough.
template <typename F>
void forFusedBlocks(Index rows, Index cols, F&& f) {
    const Index blocks = fusedBlockCount(rows, cols);
    if (blocks <= 1) {
        f(Index(0), cols);
        return;
    }
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1)
#endif
    for (Index b = 0; b < blocks; ++b) {
        const Index first = b * kFusedColumns;
        f(first, std::min(kFusedColumns, cols - first));
    }
}

// Like forFusedBlocks, for f returning a partial sum per block; the partial sums are added in
// block order, so the result does not depend on thread scheduling.
template <typename F>
double sumFusedBlocks(Index rows, Index cols, F&& f) {
    const Index blocks = fusedBlockCount(rows, cols);
    if (blocks <= 1) return f(Index(0), cols);
    std::vector<double> partial(static_cast<size_t>(blocks), 0.0);
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1)
#endif
    for (Index b = 0; b < blocks; ++b) {
        const Index first = b * kFusedColumns;
        partial[static_cast<size_t>(b)] = f(first, std::min(kFusedColumns, cols - first));
    }
    double sum = 0;
    for (double p : partial) sum += p;
    return sum;
}

}  // namespace equilab
