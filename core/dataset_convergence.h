// A trained model over a whole dataset: how well it classifies and how its forward solve
// behaves input by input.
//
// For every sample x_i Picard runs from w₀ = 0 until r_k = ‖φ(w_k) − w_k‖₂ ≤ tolerance, with
// the solver's convention (solver.h): the count is the first such k, and the sample has not
// converged when r_k > tolerance for every k ≤ max_iterations. All samples advance together
// (one GEMM a step); converged columns leave the batch. The readout is scored at the returned
// iterate w_k. Optionally the same is scored after exactly T unrolled steps from zero, which is
// how training evaluates (trainer.h). ρ(J) = max |λ(diag(1 − w*²) A)| is computed per sample
// on an evenly spaced subset (the eigenvalues of an n×n matrix per sample) plus the slowest.
//
// Statistics: percentiles are nearest-rank (the ⌈p·m⌉-th smallest of m values); iteration
// statistics are over the converged samples only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/hypergradient.h"

namespace equilab {

struct DatasetConvergenceOptions {
    double tolerance = 1e-10;
    int max_iterations = 1000;
    int unrolled_T = 0;             // > 0: also score after exactly T steps from zero
    bool unrolled_float32 = false;  // those T steps in float32 (a model trained in float32)
    int rho_samples = 1000;         // ρ(J) on at most this many samples; 0: on all
    int slowest = 10;               // how many of the slowest samples to list
    int histogram_bins = 20;

    bool IsValid(std::string* error) const;
};

struct Percentiles {
    double min = 0, median = 0, p90 = 0, max = 0, mean = 0;
    Index count = 0;
};

struct Histogram {
    std::vector<double> edges;  // bins + 1 edges; bin b is [edges[b], edges[b+1])
    std::vector<Index> counts;
};

struct DatasetConvergence {
    Index samples = 0;
    int classes = 0;
    double tolerance = 0;  // of the options used
    int max_iterations = 0;
    double loss = 0, accuracy = 0;              // at the returned iterates
    double loss_at_T = -1, accuracy_at_T = -1;  // after T unrolled steps (−1: not asked)
    std::vector<Index> class_count;             // samples per class
    std::vector<double> class_accuracy;         // −1 for a class without samples
    // Per sample.
    std::vector<int> iterations;  // to tolerance; the cap when not converged
    std::vector<char> converged;
    std::vector<double> residual;  // r_k at the returned iterate
    IndexVector predicted;         // at the returned iterate
    IndexVector predicted_at_T;    // when unrolled_T > 0
    std::vector<double> rho;       // ρ(J); NaN where not computed
    // Summaries.
    Percentiles iteration_stats;  // over converged samples
    Histogram iteration_histogram;
    double not_converged_fraction = 0;
    std::vector<Index> slowest;  // slowest first (unconverged before all)
    Percentiles rho_stats;       // over the samples where ρ(J) was computed
    Histogram rho_histogram;
};

// Progress in [0, 1]; return false to stop (the result is then not filled).
using ProgressCallback = std::function<bool(double fraction)>;

// False with *error when the model and data do not fit (input size, a label the readout has no
// row for, no readout) or when stopped.
bool evaluateDataset(const ModelParams<double>& params, const Dataset& data,
                     const DatasetConvergenceOptions& options, DatasetConvergence* out,
                     std::string* error, const ProgressCallback& progress = {});

// Nearest-rank percentiles and the mean of values (empty: all zero, count 0).
Percentiles percentiles(std::vector<double> values);
// `bins` equal bins over [min, max] of values; integer data (iterations) gets integer-aligned
// bins of width ⌈(max − min + 1)/bins⌉.
Histogram histogram(const std::vector<double>& values, int bins, bool integers);

}  // namespace equilab
