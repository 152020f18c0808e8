// What a fixed-point run did, in one word and one sentence: the dynamics classifier used by the
// CLI, the status bar, the certificate text, the scale sweep, the basins view and the lessons.
//
// Labels (toString gives the stable names used in JSON and by the lessons):
//   converged               r_k ≤ tolerance; the observed rate is the geometric mean of the last
//                           residual ratios r_{k+1}/r_k.
//   escaped-then-converged  converged, but the residual first rose above escape_factor · r_0:
//                           the run left the neighbourhood of w₀ (typically an unstable fixed
//                           point) before converging. Transient growth is not divergence.
//   slow                    stopped by the cap while the residual still falls geometrically to 0:
//                           over the last half of the run, log r_k is a falling line (least
//                           squares, R² ≥ 0.9) that fell by at least a factor 10 (needs at least
//                           2·rate_window steps there). With its slope log ρ, about
//                           ⌈log(tol / r_K) / log ρ⌉ more steps reach the tolerance.
//   periodic                the last iterates repeat with period p ≤ max_period:
//                           max_j ‖w_{K−j} − w_{K−j−p}‖ ≤ cycle_tolerance · r_K for j < 2p,
//                           smallest such p ≥ 2; amplitude = half the orbit's diameter (‖·‖₂).
//   divergent               non-finite values, or the solver saw the iterates run away
//                           (SolverOptions::divergence_factor / divergence_window).
//   no-pattern              none of the above within the cap (possibly chaotic or quasi-periodic).
//   aborted / invalid       the user stopped the run / the input was rejected.
#pragma once

#include <string>

#include "core/solver.h"

namespace equilab {

enum class Dynamics {
    Converged,
    EscapedThenConverged,
    Slow,
    Periodic,
    Divergent,
    NoPattern,
    Aborted,
    Invalid,
};
// "converged", "escaped-then-converged", "slow", "periodic", "divergent", "no-pattern",
// "aborted", "invalid".
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

    bool IsValid(std::string* error) const;
};

struct DynamicsSummary {
    Dynamics kind = Dynamics::Invalid;
    std::string message;        // one sentence, with the numbers
    int iterations = 0;         // steps of the run
    double final_residual = 0;  // r_K
    double rate = 0;            // observed rate per step (converged, escaped, slow); 0 otherwise
    int more_iterations = -1;   // slow: estimated further steps to the tolerance
    int suggested_cap = -1;     // slow: iterations + more_iterations
    int period = 0;             // periodic: p
    double amplitude = 0;       // periodic: half the orbit's diameter
    std::vector<Vector> orbit;  // periodic: the p points of the cycle, in order
    double peak_residual = 0;   // escaped: max_k r_k
    int peak_iteration = -1;    // escaped: its k

    bool converged() const { return reachedFixedPoint(kind); }
};

// Classifies a finished run made with solverOptions (its tolerance and cap). Uses the residuals
// and the last iterates (SolverSummary::lastIterates), so record_iterates may be off.
DynamicsSummary classifyDynamics(const SolverSummary& run, const SolverOptions& solverOptions,
                                 const DynamicsOptions& options = {});

// For callers that only need the label (the lessons): solves from w0 with options (iterates not
// recorded) and returns toString of the classification, e.g. "periodic".
std::string classificationName(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options);

}  // namespace equilab
