// Pseudo-arclength continuation of the fixed points of w ↦ φᵏ(w; p), φ(w; p) = tanh(A(p) w + u(p)),
// in one parameter p (k = 1: fixed points; k ≥ 2: period-k orbits), with their stability and
// their bifurcations (Kuznetsov, "Elements of Applied Bifurcation Theory", ch. 10; MatCont's
// map toolbox).
//
// The parameter families (orbit.h's OrbitParameter) are affine in p:
//   scale:  A(p) = p·A,  u(p) = B x + c         drive:  A(p) = A,  u(p) = p·(B x + c)
//   c[i]:   u(p) = B x + c with c_i = p          x[i]:   u(p) = B x + c with x_i = p
// so A(p) = A₀ + p·A₁ and u(p) = u₀ + p·u₁ (ParameterFamily).
//
// The curve y(σ) = (w, p) ∈ ℝⁿ⁺¹ solves F(w, p) = w − φᵏ(w; p) = 0, σ its arclength. From a point
// yⱼ with unit tangent tⱼ ([F_w F_p] tⱼ = 0), the predictor is yⱼ + h tⱼ and Newton corrects on
//   F(y) = 0,   tⱼ·(y − yⱼ − h tⱼ) = 0     (Keller's pseudo-arclength equation),
// whose Jacobian [[F_w, F_p]; [tⱼᵀ]] is regular at regular points and at folds. The next tangent
// solves [[F_w F_p]; [tⱼᵀ]] t = eₙ₊₁ (so tⱼ·t > 0: the orientation is kept), normalised.
// Step control: h grows ×1.3 after a corrector converging in ≤ 3 iterations (up to max_step),
// halves after a failure or a turn of the tangent by more than ~18° (down to min_step).
//
// Stability: the multipliers are the eigenvalues of M = ∂φᵏ/∂w = Jₖ₋₁⋯J₀, J_j = diag(1 − w²_{j+1})
// A(p); a point is stable when every |λ| < 1 (ρ(M) < 1, computed by a dense eigensolve: an
// estimate, accurate to rounding for the small, non-defective M of these examples).
//
// Special points between consecutive points a, b (test functions, Kuznetsov §10.2):
//   fold (F, λ = +1):             t_p, the tangent's p-component, changes sign;
//   branch point (BP):            sign det [[F_w F_p]; [tᵀ]] changes (a simple BP), or the number
//                                 of real λ > 1 changes without a fold (an even crossing, e.g.
//                                 A = s·I: two λ cross +1 together and no determinant changes);
//   flip (PD, λ = −1):            the number of real λ < −1 changes;
//   Neimark–Sacker (NS, |λ| = 1): the number of non-real λ with |λ| > 1 changes.
// Each is located on σ ∈ [0, h] (the corrector from yₐ + σ tₐ, the same chart that produced b) by
// the Illinois variant of regula falsi on a continuous test: t_p (fold), λ_c − 1 (BP), λ_c + 1
// (flip), |λ_c| − 1 (NS), λ_c the eigenvalue of that kind nearest to the critical one; until the
// bracket is shorter than locate_tolerance (so p is located to better than that, |dp/dσ| ≤ 1).
// A located point whose critical eigenvalue is not within 1e-6 of the unit circle is dropped
// (a complex pair meeting the real axis outside the circle changes the counts too).
#pragma once

#include <complex>
#include <functional>
#include <string>
#include <vector>

#include "core/analysis/orbit.h"

namespace equilab {

// A(p) = A₀ + p·A₁, u(p) = u₀ + p·u₁ (see above). p0 is the scenario's own value of p (1 for
// scale and drive, c_i or x_i).
struct ParameterFamily {
    Matrix A0, A1;
    Vector u0, u1;
    double p0 = 1;

    static ParameterFamily from(const Model& model, const Vector& x, OrbitParameter parameter,
                                int index);
    Index dimension() const { return A0.rows(); }
    Matrix A(double p) const { return A0 + p * A1; }
    Vector drive(double p) const { return u0 + p * u1; }
    // φ(w; p).
    Vector phi(const Vector& w, double p) const;
};

struct ContinuationOptions {
    double p_min = 0;  // continuation stops once p leaves [p_min, p_max]
    double p_max = 2;
    int period = 1;                   // k: fixed points of φᵏ, 1 ≤ k ≤ 16
    double initial_step = 0.02;       // h₀, arclength in (w, p)
    double min_step = 1e-6;           // a corrector failing below this ends the direction
    double max_step = 0.1;            //
    int max_points = 2000;            // a direction
    int max_newton = 10;              // corrector iterations
    double newton_tolerance = 1e-11;  // ‖Δy‖∞ and ‖F‖∞
    double locate_tolerance = 1e-10;  // bracket length in σ of a located special point
    bool both_directions = true;
    bool detect_special = true;

    bool IsValid(std::string* error) const;
};

// Where a point lies on the unit circle picture: its multipliers and their verdict.
struct ContinuationPoint {
    double p = 0;
    Vector w;                   // a point of the orbit (the fixed point when period = 1)
    ComplexVector multipliers;  // eigenvalues of M
    double radius = 0;          // ρ(M) = max |λ|
    bool stable = false;        // ρ(M) < 1
    bool marginal = false;      // |ρ(M) − 1| ≤ 1e-9: on the circle to rounding, undetermined
    double sigma = 0;           // arclength from the start along its direction
    Vector tangent;             // unit tangent (n + 1 entries, p last)
};

enum class SpecialPointType { Fold, Flip, NeimarkSacker, BranchPoint };
// "F", "PD", "NS", "BP".
const char* specialPointLabel(SpecialPointType type);
// "fold", "flip", "Neimark–Sacker", "branch point".
const char* specialPointName(SpecialPointType type);

struct SpecialPoint {
    SpecialPointType type = SpecialPointType::Fold;
    double p = 0;
    Vector w;
    std::complex<double> critical;  // the multiplier on the unit circle (+1, −1, e^{±iθ}: Im ≥ 0)
    Vector eigenvector;             // real: its eigenvector (flip, fold, BP); empty for NS
    int branch = 0;                 // index into ContinuationSummary::branches
    int after = 0;                  // it lies between points after and after + 1 of that branch
    int period = 1;
};

struct ContinuationBranch {
    int direction = 1;  // +1: p increasing at the start, −1: decreasing
    int period = 1;
    std::vector<ContinuationPoint> points;  // from the start outward
};

enum class ContinuationTermination {
    Completed,     // every direction left [p_min, p_max], closed or reached max_points
    Cancelled,     // the callback or cancelled() said stop (the summary holds what was done)
    StepTooSmall,  // a corrector failed at min_step (the branch ends there)
    StartFailed,   // no fixed point (orbit) at the start
    Invalid,       // options or shapes
};
const char* toString(ContinuationTermination termination);

struct ContinuationSummary {
    ContinuationTermination termination = ContinuationTermination::Invalid;
    std::string message;
    std::vector<ContinuationBranch> branches;
    std::vector<SpecialPoint> special_points;
    double p_start = 0;
    int points = 0;  // over all branches

    bool ok() const {
        return termination == ContinuationTermination::Completed ||
               termination == ContinuationTermination::StepTooSmall;
    }
};

// Progress and cancellation: point after each accepted point (branch index, point), special after
// each located special point; cancelled is polled between points and inside the locators.
// ScopedCancellation (core/internal/cancellation.h) is honoured too (OperationCancelled
// propagates).
struct ContinuationCallbacks {
    std::function<bool()> cancelled;
    std::function<void(int branch, const ContinuationPoint& point)> point;
    std::function<void(const SpecialPoint& special)> special;
};

// From the fixed point found at p_start = p0 clamped to [p_min, p_max] (Picard from w0, then
// Newton), both directions. options.period must be 1.
ContinuationSummary continueFixedPoints(const ParameterFamily& family, const Vector& w0,
                                        const ContinuationOptions& options,
                                        const ContinuationCallbacks& callbacks = {});

// From a given solution (w, p) of φᵏ(w; p) = w, k = options.period (Newton-polished first).
// direction (+1/−1) is the sign of dp/dσ at the start; both_directions adds the other.
ContinuationSummary continueFrom(const ParameterFamily& family, const Vector& w, double p,
                                 const ContinuationOptions& options,
                                 const ContinuationCallbacks& callbacks = {}, int direction = 1);

// The evaluation shared with periodic_orbit.cpp: the orbit w₀ … wₖ of φ from w at p, M = ∂φᵏ/∂w
// and dφᵏ/dp.
struct OrbitJacobian {
    std::vector<Vector> orbit;  // k + 1 points, orbit[0] = w
    Matrix M;
    Vector dp;
};
OrbitJacobian evaluateOrbit(const ParameterFamily& family, const Vector& w, double p, int period);

}  // namespace equilab
