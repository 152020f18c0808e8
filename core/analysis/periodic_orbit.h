// Periodic orbits of w ↦ φ(w; p) = tanh(A(p) w + u(p)) (continuation.h's ParameterFamily) and the
// period-2 branch born at a flip.
//
// A period-k orbit w₀ → w₁ → … → wₖ = w₀ is a zero of G(w) = φᵏ(w) − w; Newton solves
// (M − I) Δ = −G with M = ∂φᵏ/∂w(w₀) = Jₖ₋₁⋯J₀, J_j = diag(1 − w²_{j+1}) A, and a backtracking
// line search on ‖G‖∞. The multipliers are the eigenvalues of M (the same for every starting
// point on the orbit: the products are cyclic permutations, similar matrices); the orbit is
// stable when all |μ| < 1. The minimal period is the smallest q dividing k with
// ‖φ^q(w₀) − w₀‖∞ ≤ 1e-9·max(1, ‖w₀‖∞): Newton on φᵏ may land on a fixed point or a shorter cycle.
//
// At a flip (λ = −1 of J at (w*, p*)) a period-2 branch bifurcates (Kuznetsov §4.5): near p*,
// w ≈ w* ± ε v (v the eigenvector, ε² ∝ |p − p*|). continuePeriodDoubling starts Newton on
// φ²(w) − w at p* ± δ from those points, keeps the first solution that is not a fixed point, and
// continues it (continueFrom with period 2) in both directions; the branch going back into the
// flip stops where the orbit collapses onto the fixed point.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/continuation.h"

namespace equilab {

struct PeriodicOrbitOptions {
    int period = 2;            // k, 1 ≤ k ≤ 16
    int max_iterations = 100;  // Newton
    double tolerance = 1e-12;  // ‖φᵏ(w) − w‖∞

    bool IsValid(std::string* error) const;
};

enum class PeriodicOrbitTermination { Converged, NotConverged, NonFinite, Invalid };

struct PeriodicOrbit {
    PeriodicOrbitTermination termination = PeriodicOrbitTermination::Invalid;
    std::string message;
    int period = 0;              // k asked for
    int minimal_period = 0;      // the smallest q | k with φ^q(w₀) = w₀
    std::vector<Vector> points;  // w₀ … w_{k−1}
    ComplexVector multipliers;   // eigenvalues of M
    double radius = 0;           // max |μ|
    bool stable = false;         // radius < 1
    double residual = 0;         // ‖φᵏ(w₀) − w₀‖∞
    int iterations = 0;

    bool converged() const { return termination == PeriodicOrbitTermination::Converged; }
};

// Newton from start at parameter p.
PeriodicOrbit findPeriodicOrbit(const ParameterFamily& family, double p, const Vector& start,
                                const PeriodicOrbitOptions& options = {});

// The period-2 branch born at a flip (flip.type must be Flip with its eigenvector, period 1).
// options.period is set to 2.
ContinuationSummary continuePeriodDoubling(const ParameterFamily& family, const SpecialPoint& flip,
                                           ContinuationOptions options,
                                           const ContinuationCallbacks& callbacks = {});

}  // namespace equilab
