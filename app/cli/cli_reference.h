// The exact hypergradient used as the reference of `hypergrad`, computed in column blocks of the
// batch so that progress can be reported: the outer loss is a mean over samples and every
// gradient block is a sum of per-sample terms, so the batch gradient is Σ_b (N_b / N)·grad_b.
#pragma once

#include <functional>

#include "core/training/hypergradient.h"

namespace equilab::cli {

struct ExactReference {
    ModelParams<double> grad;
    double worst_residual = 0;   // worst per-sample forward residual over all blocks
    int forward_iterations = 0;  // most forward iterations any block needed
    // The reference is only a reference when its forward solve converged.
    bool converged() const { return worst_residual <= HypergradOptions{}.exact_tolerance; }
};

// progress(done, total) after each block.
ExactReference exactReference(const ModelParams<double>& params, const Matrix& X,
                              const Targets<double>& targets,
                              const std::function<void(Index, Index)>& progress);

}  // namespace equilab::cli
