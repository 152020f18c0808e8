// The largest Lyapunov exponent of Picard iteration w_{k+1} = φ(w_k) = tanh(A w_k + u) along an
// orbit: the reusable building block of the dynamics classifier (dynamics.h) and of bifurcation
// tools.
//
// The tangent map at step k is J_k = ∂φ/∂w(w_k) = diag(1 − w_{k+1}²) A. From a unit tangent
// vector v₀ (a fixed pseudo-random direction, so generically not orthogonal to the dominant one),
// renormalised every step (Benettin et al., 1980):
//   g_k = ‖J_k v_k‖,   v_{k+1} = J_k v_k / g_k,   λ₁ ≈ (1/m) Σ_{k<m} log g_k,
// the growth rate of ‖J_{m−1}⋯J_0 v₀‖, which tends to the largest Lyapunov exponent (Oseledets).
// Reference values: at a stable fixed point λ₁ = log ρ(J(w*)); on an attracting cycle of period p
// it is log|μ|/p for the cycle's dominant multiplier μ; quasi-periodic motion on an invariant
// circle has λ₁ = 0; λ₁ > 0 is sensitive dependence (chaos on a bounded orbit).
//
// Accuracy: the m terms are split into `blocks` consecutive blocks; `error` is the standard
// deviation of the block means divided by √blocks (the standard error of the mean when blocks
// are nearly independent). It is an estimate, not a bound; with a finite orbit the bias is O(1/m)
// (the initial direction's transient), so callers compare |λ₁| with max(error, O(1/m)).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/model/model.h"
#include "core/model/types.h"

namespace equilab {

struct LyapunovOptions {
    int transient = 0;  // map steps run first (the tangent vector is not evolved during them)
    int steps = 2000;   // m: steps averaged
    int blocks = 10;    // for the error estimate, 2 ≤ blocks ≤ steps
    unsigned seed = 1;  // of v₀

    bool IsValid(std::string* error) const;
};

enum class LyapunovTermination { Computed, NonFinite, Degenerate, Invalid };

struct LyapunovEstimate {
    LyapunovTermination termination = LyapunovTermination::Invalid;
    std::string message;
    double exponent = 0;  // λ₁, per step (natural log)
    double error = 0;     // block standard error (see above)
    int steps = 0;        // m actually averaged
    Vector end;           // the orbit's last point w_{transient+m}

    bool valid() const { return termination == LyapunovTermination::Computed; }
};

// Called after each averaged step with k (0-based) and w_{k+1}; return false to stop early
// (the estimate is then over the steps made, when at least `blocks`).
using OrbitVisitor = std::function<bool(int k, const Vector& w)>;

// Runs the map from w0 (transient + steps steps) and estimates λ₁ along it.
// A: n×n, drive u: n, w0: n. Degenerate: J_k v_k = 0 exactly (e.g. A = 0): λ₁ = −∞ is reported
// as termination Degenerate with exponent −inf.
LyapunovEstimate largestLyapunovExponent(const Matrix& A, const Vector& drive, const Vector& w0,
                                         const LyapunovOptions& options = {},
                                         const OrbitVisitor& visit = {});

// Along a recorded orbit w_0 … w_m (J_k = diag(1 − w_{k+1}²) A); options.transient and
// options.steps are ignored (m = orbit.size() − 1).
LyapunovEstimate largestLyapunovExponentAlong(const Matrix& A, const std::vector<Vector>& orbit,
                                              const LyapunovOptions& options = {});

// The `count` largest exponents λ₁ ≥ … ≥ λ_count (count ≤ n) by QR of the Jacobian products
// (Benettin et al., 1980; Eckmann & Ruelle, 1985): Q₀ an n×count orthonormal frame,
//   J_k Q_k = Q_{k+1} R_k (thin Householder QR),   λ_i ≈ (1/m) Σ_{k<m} log |(R_k)_ii|.
// λ₁ agrees with largestLyapunovExponent; Σ_i λ_i over all n is the mean log |det J_k|.
// Errors are block standard errors per exponent, as above (estimates, not bounds).
struct LyapunovSpectrum {
    LyapunovTermination termination = LyapunovTermination::Invalid;
    std::string message;
    std::vector<double> exponents;  // largest first
    std::vector<double> errors;
    int steps = 0;
    Vector end;

    bool valid() const { return termination == LyapunovTermination::Computed; }
};

LyapunovSpectrum lyapunovSpectrum(const Matrix& A, const Vector& drive, const Vector& w0, int count,
                                  const LyapunovOptions& options = {});

// The exponents as a function of a parameter (orbit.h's families): for p_j = p_min + j (p_max −
// p_min)/(steps − 1), lyapunovSpectrum of the model at p_j from w0, like the orbit diagram's
// columns (a warm start from the previous column's end would stay on an unstable fixed point
// that the orbit reached exactly, e.g. w = 0 with no drive). count: 1 or 2 (capped at n). Stops
// early (complete = false) when cancelled() is true; column() is called after each.
enum class OrbitParameter;  // core/analysis/orbit.h (which includes this header through dynamics.h)

struct LyapunovColumn {
    double p = 0;
    LyapunovSpectrum spectrum;
};
struct LyapunovSweep {
    std::vector<LyapunovColumn> columns;
    bool complete = false;
};
LyapunovSweep lyapunovSweep(const Model& model, const Vector& x, const Vector& w0,
                            OrbitParameter parameter, int index, double p_min, double p_max,
                            int steps, int count, const LyapunovOptions& options = {},
                            const std::function<bool()>& cancelled = {},
                            const std::function<void(const LyapunovColumn&)>& column = {});

}  // namespace equilab
