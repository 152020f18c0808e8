// The fixed point J is evaluated at is always a true one (‖φ(w*) − w*‖ ≤ tolerance).
//
// When a run converged, its end point is w*. Otherwise w* is searched with a robust solver:
// Newton with line search first (skipped above kNewtonMaxDim unknowns: dense LU), then Broyden,
// Anderson and Krasnoselskii–Mann, each from a few starting points (the run's last iterate, the
// centre of a detected cycle, w₀ and 0). ρ(J(w*)) < 1 makes w* locally attracting for Picard
// (J = diag(1 − w*²) A is the linearization); ρ(J(w*)) > 1 makes it unreachable by Picard
// except from w* itself. Within kMarginalTolerance of 1 (certificate_bounds.h) neither is claimed;
// such a w* is first polished (Newton to the smallest residual it reaches), since at a multiple
// root (A = [[1]]: w − tanh w ≈ w³/3) the solver's tolerance leaves w* far from the fixed point.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/dynamics.h"

namespace equilab {

struct Spectrum;

struct FixedPointSearchOptions {
    int max_iterations = 300;          // per method and start
    double distinct_tolerance = 1e-6;  // two fixed points closer than this (‖·‖₂) are the same
    bool IsValid(std::string* error) const;
};

struct FixedPointReport {
    bool found = false;
    Vector w;               // w* (empty when not found)
    double residual = 0;    // ‖φ(w*) − w*‖₂
    std::string source;     // the solver that found it ("picard" when the run converged)
    bool from_run = false;  // w* is the run's own end point
    double rho_J = 0;       // ρ(J(w*)), J = diag(1 − φ(w*)²) A
    std::string message;    // one sentence

    // Stable: ρ(J) < 1 − kMarginalTolerance; marginal: within the tolerance of 1 (the
    // linearization decides nothing); unstable: ρ(J) > 1 + kMarginalTolerance.
    bool stable() const;
    bool marginal() const;
};

// The true fixed point for the run (made with solverOptions from w0 on model, x); `dynamics` is
// the run's classification (its orbit seeds the search).
FixedPointReport locateFixedPoint(const Model& model, const Vector& x, const Vector& w0,
                                  const SolverSummary& run, const DynamicsSummary& dynamics,
                                  const SolverOptions& solverOptions,
                                  const FixedPointSearchOptions& options = {},
                                  Spectrum* J = nullptr);  // if given, receives J(w*)'s spectrum

// The different fixed points that several runs converged to (clustered within tolerance), and
// a sentence such as "8 starting points reached 4 different fixed points: (…), (…)" — empty
// when at most one fixed point was reached.
struct StartsReport {
    int starts = 0;
    int converged = 0;
    std::vector<Vector> fixed_points;
    std::string message;
};
StartsReport compareStarts(const std::vector<SolverSummary>& runs, double tolerance = 1e-6);

// "(0.859, −0.859)" for n ≤ 4, otherwise "(n = 10, ‖w‖₂ = 1.23)".
std::string formatPoint(const Vector& w);

}  // namespace equilab
