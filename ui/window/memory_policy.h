// Large matrices (an n = 2000 A is 32 MB) are allocated and freed with every edit and result.
// glibc raises its mmap threshold to the size of the largest block freed, after which such
// blocks come from the heap and fragment it, and the process's memory only grows. A fixed
// threshold keeps every block above it in its own mapping, returned to the system when freed.
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace equilab {

//
// Fixing the mmap threshold also freezes glibc's trim threshold at 128 kB: the top of a heap is
// then given back whenever that much is free, and taken again (page faults) by the next
// allocation. Training allocates and frees a few hundred kB per column block (Eigen's packed
// products, the blocks' scratch matrices) hundreds of times a step, which made each step 25 %
// slower in the window than in the CLI. A 4 MB trim threshold keeps that much at the top.
inline void returnLargeBlocksToTheSystem() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);  // 1 MB: a 362×362 double matrix
    mallopt(M_TRIM_THRESHOLD, 4 << 20);
#endif
}

}  // namespace equilab
