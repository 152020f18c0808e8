// A trained model over a whole dataset: how well it classifies and how its forward solve
// behaves input by input.
//
// For every sample x_i Picard runs from w₀ = 0 until r_k = ‖φ(w_k) − w_k‖₂ ≤ tolerance, with
// the solver's convention (solver.h): the count is the first such k, and the sample has not
// converged when r_k > tolerance for every k ≤ max_iterations. All samples advance together
// (one GEMM a step); converged columns leave the batch. The readout is scored at the returned
// iterate w_k. Optionally the same is scored after exactly T unrolled steps from zero, which is
// how training evaluates (trainer.h).
//
// ρ(J) only at a verified fixed point w* (‖φ(w*) − w*‖ ≤ tolerance), J = diag(1 − φ(w*)²) A as
// in Model::jacobian: for a sample Picard solved, at its returned iterate; for a sample it did
// not, at the fixed point the robust search of `spectrum` finds (locateFixedPoint, Newton then
// Broyden, Anderson, KM), or n/a. Never at the last iterate of an unconverged run. The searches
// take the unconverged samples in an order whose every prefix is spread evenly over the dataset
// (bit reversal of their rank), run in parallel, and stop starting new ones when the count
// fixed_point_searches (−1: no limit) or the wall-time budget fixed_point_search_seconds (0: no
// limit) is reached; the others are n/a, "not searched", and counted as such (a search already
// started finishes: the budget can be exceeded by about one search per thread). ρ per sample by
// Arnoldi with a residual check (jacobian_radius.h; the dense eigensolver as its fallback, or for
// every sample with dense_rho), on an evenly spaced subset of rho_samples (0: all) plus the
// slowest.
//
// Accuracy: `accuracy`/`loss` are at the returned iterates of all samples (the last iterate
// where Picard did not converge, which is no fixed point); accuracy_converged / loss_converged
// are over the converged samples only — the accuracy "at the fixed point".
//
// Statistics: percentiles are nearest-rank (the ⌈p·m⌉-th smallest of m values); iteration
// statistics are over the converged samples only; ρ statistics over the samples with a verified
// fixed point (both sources; see rho_source).
#pragma once

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/training/hypergradient.h"

namespace equilab {

struct DatasetConvergenceOptions {
    double tolerance = 1e-10;
    int max_iterations = 1000;
    int unrolled_T = 0;             // > 0: also score after exactly T steps from zero
    bool unrolled_float32 = false;  // those T steps in float32 (a model trained in float32)
    int rho_samples = 0;            // ρ(J) on at most this many samples; 0: on all
    int fixed_point_searches = -1;  // unconverged samples searched (at most; −1: no limit)
    double fixed_point_search_seconds = 5;  // wall-time budget of the searches (0: no limit)
    bool dense_rho = false;  // ρ(J) by the dense eigensolver for every sample (reference)
    int slowest = 10;        // how many of the slowest samples to list
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

// Where a sample's ρ(J) comes from.
enum class RhoSource : char {
    NotComputed,         // outside the rho_samples subset
    PicardFixedPoint,    // Picard converged: J at its fixed point
    SearchedFixedPoint,  // Picard did not; the robust search found a fixed point
    NoFixedPoint,        // Picard did not and the search found none: n/a
    NotSearched,         // Picard did not; beyond the searches' count or time budget: n/a
};
// "picard", "search", "not_found", "not_searched", "not_computed".
const char* toString(RhoSource s);

struct DatasetConvergence {
    Index samples = 0;
    int classes = 0;
    double tolerance = 0;  // of the options used
    int max_iterations = 0;
    double loss = 0, accuracy = 0;  // at the returned iterates (the last iterate)
    Index converged_count = 0;      // samples that reached the tolerance
    double loss_converged = NAN, accuracy_converged = NAN;  // over those only (NaN: none)
    double loss_at_T = -1, accuracy_at_T = -1;  // after T unrolled steps (−1: not asked)
    std::vector<Index> class_count;             // samples per class
    std::vector<double> class_accuracy;         // −1 for a class without samples
    // Per sample.
    std::vector<int> iterations;  // to tolerance; the cap when not converged
    std::vector<char> converged;
    std::vector<double> residual;  // r_k at the returned iterate
    IndexVector predicted;         // at the returned iterate
    IndexVector predicted_at_T;    // when unrolled_T > 0
    std::vector<double> rho;       // ρ(J) at a verified fixed point; NaN where n/a
    std::vector<RhoSource> rho_source;
    // Summaries.
    Percentiles iteration_stats;  // over converged samples
    Histogram iteration_histogram;
    double not_converged_fraction = 0;
    std::vector<Index> slowest;  // slowest first (unconverged before all)
    Percentiles rho_stats;       // over the samples with a verified fixed point
    Index rho_at_picard = 0, rho_at_search = 0, rho_not_found = 0, rho_not_searched = 0;
    Index rho_dense_fallbacks = 0;         // Arnoldi samples that needed the dense solver
    Index search_candidates = 0;           // unconverged samples of the ρ subset (searched or not)
    double search_seconds = 0;             // wall time of the searches
    bool search_budget_exhausted = false;  // the time budget, not the count, stopped them
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
