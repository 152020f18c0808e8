// What a fixed-point run did, in one word and one sentence: the dynamics classifier used by the
// CLI, the status bar, the certificate text, the scale sweep, the basins view, the orbit diagram
// and the lessons. Every label says only what the run shows.
//
// Labels (toString gives the stable names used in JSON and by the lessons):
//   converged               r_k ≤ tolerance; the observed rate is the geometric mean of the last
//                           residual ratios r_{k+1}/r_k.
//   escaped-then-converged  converged, but the residual first rose above escape_factor · r_0:
//                           the run left the neighbourhood of w₀ (typically an unstable fixed
//                           point) before converging. Transient growth is not divergence.
//   periodic                the last iterates repeat with period p ≤ max_period:
//                           max_j ‖w_{K−j} − w_{K−j−p}‖ ≤ cycle_tolerance · r_K for j < 2p,
//                           smallest such p ≥ 2; amplitude = half the orbit's diameter (‖·‖₂).
//   slow                    stopped by the cap (K ≥ 2 steps) while the residual falls
//                           geometrically: log r_k is a falling line in k. For K ≥ 16 the
//                           per-step slope is fitted (least squares) on the two quarters
//                           [K/2, 3K/4] and [3K/4, K] and must agree within 35 %; the rate
//                           q = exp(slope over [K/2, K]); for 2 ≤ K < 16 the slope over [0, K]
//                           and r_K < r_0. About N = ⌈log(tol / r_K) / log q⌉ more steps reach
//                           the tolerance.
//   sublinear               stopped by the cap (K ≥ 16) while the residual falls like a power
//                           r_k ≈ C k^(−p) (the per-step rate tends to 1, e.g. A = [[1]], c = 0
//                           where w_k ≈ √(3/(2k))): the slope of log r_k in log k agrees on both
//                           quarters within 20 %, better than the geometric fit does. At that
//                           power about K·((r_K / tol)^(1/p) − 1) more steps reach the tolerance.
//   chaotic                 (needs the model) the largest Lyapunov exponent λ₁ along the orbit,
//                           continued lyapunov_steps steps from the run's last iterate
//                           (lyapunov.h), is positive beyond its error and lyapunov_zero; no period
//                           ≤ max_period. The value is in the message.
//   quasi-periodic          (needs the model, n ≥ 2) |λ₁| ≤ max(lyapunov_zero, 3·error), no period
//                           ≤ max_period on the continued orbit, and the orbit does not approach a
//                           cycle (the closest return min_{p ≤ max_period} ‖w_k − w_{k−p}‖ does not
//                           fall by half from the first to the last quarter of the continuation).
//                           A map of the line (n = 1) is monotone and has none.
//   divergent               non-finite values, or the solver saw the iterates run away
//                           (SolverOptions::divergence_factor / divergence_window).
//   undetermined            none of the above within the cap (with λ₁ when it was computed).
//   aborted / invalid       the user stopped the run / the input was rejected.
//
// A global contraction certificate (DynamicsOptions::contraction_bound < 1) proves geometric
// convergence from every start, so a run stopped by the cap is then slow (or undetermined when
// fewer than 2 steps were made), never sublinear, periodic, chaotic or quasi-periodic.
#pragma once

#include <string>

#include "core/analysis/lyapunov.h"
#include "core/solvers/solver.h"

namespace equilab {

enum class Dynamics {
    Converged,
    EscapedThenConverged,
    Slow,
    Sublinear,
    Periodic,
    Chaotic,
    QuasiPeriodic,
    Divergent,
    Undetermined,
    Aborted,
    Invalid,
};
// "converged", "escaped-then-converged", "slow", "sublinear", "periodic", "chaotic",
// "quasi-periodic", "divergent", "undetermined", "aborted", "invalid".
std::string toString(Dynamics d);
// A short human label: "converged", "converging slowly, stopped by the cap", …
std::string describe(Dynamics d);
// True for the labels whose run ends at a fixed point within tolerance.
inline bool reachedFixedPoint(Dynamics d) {
    return d == Dynamics::Converged || d == Dynamics::EscapedThenConverged;
}

struct DynamicsOptions {
    int max_period = 16;            // longest cycle looked for (needs 3p recent iterates)
    double cycle_tolerance = 1e-6;  // relative to the residual r_K, see above
    int rate_window = 10;           // residual ratios behind the observed rate
    double escape_factor = 10;      // transient growth: max_k r_k > escape_factor · r_0
    int lyapunov_steps = 2000;      // continuation of the orbit for λ₁ (model overload only)
    double lyapunov_zero = 2e-3;    // |λ₁| below this (and below 3·error) counts as 0
    // A proven global Lipschitz bound q < 1 of φ in some norm (a certificate that holds), or
    // ≤ 0 when none is known. With it, only converged, slow and undetermined are possible.
    double contraction_bound = 0;

    bool IsValid(std::string* error) const;
};

struct DynamicsSummary {
    Dynamics kind = Dynamics::Invalid;
    std::string message;        // one sentence, with the numbers
    int iterations = 0;         // steps of the run
    double final_residual = 0;  // r_K
    double rate = 0;            // observed rate per step (converged, escaped, slow); 0 otherwise
    double power = 0;           // sublinear: p of r_k ≈ C k^(−p)
    int more_iterations = -1;   // slow, sublinear: estimated further steps to the tolerance
    int suggested_cap = -1;     // slow, sublinear: iterations + more_iterations
    int period = 0;             // periodic: p
    double amplitude = 0;       // periodic: half the orbit's diameter
    std::vector<Vector> orbit;  // periodic: the p points of the cycle, in order
    double peak_residual = 0;   // escaped: max_k r_k
    int peak_iteration = -1;    // escaped: its k
    LyapunovEstimate lyapunov;  // when computed (chaotic, quasi-periodic, undetermined)

    bool converged() const { return reachedFixedPoint(kind); }
};

// Classifies a finished run made with solverOptions (its tolerance and cap). Uses the residuals
// and the last iterates (SolverSummary::lastIterates), so record_iterates may be off. Without
// the model no Lyapunov exponent is computed: chaotic and quasi-periodic are never said.
DynamicsSummary classifyDynamics(const SolverSummary& run, const SolverOptions& solverOptions,
                                 const DynamicsOptions& options = {});
// The same for a run of Picard on model with input x: a run the tests above leave open gets
// its orbit continued from the last iterate and λ₁ (chaotic, quasi-periodic or undetermined).
DynamicsSummary classifyDynamics(const Model& model, const Vector& x, const SolverSummary& run,
                                 const SolverOptions& solverOptions,
                                 const DynamicsOptions& options = {});

// For callers that only need the label (the lessons): solves from w0 with options (iterates not
// recorded) and returns toString of the classification (with the model), e.g. "periodic".
std::string classificationName(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options);

}  // namespace equilab
