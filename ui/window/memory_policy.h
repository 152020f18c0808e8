// Large matrices (an n = 2000 A is 32 MB) are allocated and freed with every edit and result.
// glibc raises its mmap threshold to the size of the largest block freed, after which such
// blocks come from the heap and fragment it, and the process's memory only grows. A fixed
// threshold keeps every block above it in its own mapping, returned to the system when freed.
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace equilab {

inline void returnLargeBlocksToTheSystem() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);  // 1 MB: a 362×362 double matrix
#endif
}

}  // namespace equilab
