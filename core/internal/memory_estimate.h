// Memory a command will need, estimated from the sizes before the work starts, so that a run
// that cannot fit is refused with the estimate instead of ending in std::bad_alloc. The terms
// follow the buffers the code allocates (Scalar = s bytes, hidden n, batch N, data d, outputs C):
//   ITD trajectory      (T + 1)·n·N·s        (W₀ … W_T kept for the reverse sweep)
//   batched workspace   ~12·n·N·s            (U, Z, V, R, P, Q, S, Gsum, D, W, the drive, G)
//   data                samples·d·(8 + s)    (the double split and the Scalar copy)
//   parameters          5·(n² + n·d + C·n)·s (values, gradient, optimizer state, a backup)
//   Householder         5·k·n·8              (reflection vectors, their gradient, optimizer, VJP)
//   dense references    3·n²·8 per thread    (exact hypergradient: I − Jᵀ and its LU per sample)
// The estimate is an upper-side approximation, good to a small factor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/parametrization.h"
#include "core/training/hypergradient.h"

namespace equilab {

struct MemoryTerm {
    std::string name;
    double bytes = 0;
};

struct MemoryEstimate {
    std::vector<MemoryTerm> terms;
    double total() const;
    // "9.6 GB (ITD trajectory (T+1)·n·N 8.1 GB, batched workspace …)", largest terms first.
    std::string describe() const;
};

// Half of the machine's physical memory (the default limit), or 4 GB when it cannot be read.
uint64_t defaultMemoryLimit();
std::string formatBytes(double bytes);

struct TrainingShape {
    int64_t train = 0, validation = 0, test = 0;  // samples per split
    int64_t features = 0, outputs = 0;            // d and C
    int hidden = 20, T = 20, batch = 0;           // batch 0: full batch
    int K = 20;  // phantom: the damped steps kept for the reverse pass
    HypergradMethod method = HypergradMethod::AidFp;
    ParametrizationSpec parametrization{ParametrizationKind::SpectralBall, 0.99, 0};
    int scalar_bytes = 8;
    bool adam = false;
};
MemoryEstimate estimateTraining(const TrainingShape& shape);

// One hypergradient of `method` on N samples, plus (when wanted) the exact reference.
MemoryEstimate estimateHypergrad(const TrainingShape& shape, bool exact_reference, int threads);

// False with "<what> needs an estimated …, above the limit of …" when the total exceeds limit.
bool checkMemory(const MemoryEstimate& e, uint64_t limit, const std::string& what,
                 std::string* error);

}  // namespace equilab
