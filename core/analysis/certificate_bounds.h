// Rigorous bounds behind the global certificates, computed in floating point with the rounding
// accounted for, and the one tolerance that makes a value "marginal".
//
// Rounding model (IEEE double, round to nearest, u = 2⁻⁵³): a sum of k nonnegative products,
// in any order and with or without FMA, has a relative error at most γ_k = k u / (1 − k u)
// (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), plus k·η for underflow
// (η = 2⁻¹⁰⁷⁴, the smallest subnormal). Every bound below widens the computed value by such
// factors (with a few u to spare for the rounding of the bound itself), so the interval
// [lower, upper] holds the exact value of the quantity for the matrix as stored.
#pragma once

#include <string>
#include <vector>

#include "core/model/types.h"

namespace equilab {

// Values within kMarginalTolerance of 1 are **marginal**: at ρ = 1 (a rotation, A = [[1]]) the
// linear test decides nothing (Picard may converge sublinearly, stall or cycle), and a value
// that close to 1 is within the accuracy of an estimate such as ρ(J(w*)) at a fixed point that is
// only known to the solver's tolerance. No text claims "< 1", "stable" or "unstable" for a
// marginal value; the verdict reports what Picard did instead. The one place this tolerance is
// declared.
constexpr double kMarginalTolerance = 1e-6;

// Where an interval [lower, upper] (a point when lower = upper) lies with respect to 1.
enum class AgainstOne {
    Below,         // upper < 1 − kMarginalTolerance: "< 1" may be claimed
    Marginal,      // [lower, upper] ⊂ [1 − τ, 1 + τ]
    Above,         // lower > 1 + τ
    Undetermined,  // reaches past 1 − τ or 1 + τ on one side and into [1 − τ, 1 + τ] or beyond
                   // on the other: the interval is too wide to say
};
AgainstOne compareWithOne(double lower, double upper);
// "below", "marginal", "above", "undetermined".
std::string toString(AgainstOne a);

// γ_k = k u / (1 − k u), u = 2⁻⁵³ (infinite when k u ≥ 1).
double roundingGamma(double k);

// An interval holding a quantity, and the value to show for it.
struct Bounds {
    double lower = 0;     // the exact value is ≥ lower (proven when `proven`)
    double estimate = 0;  // the computed value (inside [lower, upper])
    double upper = 0;     // the exact value is ≤ upper (proven when `proven`)
    bool proven = false;  // upper (and lower, unless noted in `method`) hold with rounding
    std::string method;   // how upper was obtained, in a few words
};

// ‖A‖_∞ = max_i Σ_j |a_ij| and ‖A‖₁ = max_j Σ_i |a_ij|: the computed sums, widened by γ_n.
Bounds normInfBounds(const Matrix& A);
Bounds norm1Bounds(const Matrix& A);

// ‖A‖₂ from an estimate σ̂ (a dense SVD or Lanczos): upper is proven by a Cholesky
// factorization of t·I − fl(AᵀA) with t slightly above σ̂² — it succeeds only when
// t·I − AᵀA is positive definite up to the rounding bounds (Demmel: Cholesky in floating point
// of C succeeds ⇒ λ_min(C) ≥ −γ_{n+1}/(1 − γ_{n+1})·tr C; and ‖fl(AᵀA) − AᵀA‖₂ ≤ γ_n ‖A‖_F²),
// so λ_max(AᵀA) ≤ t + those margins. When no Cholesky succeeds (σ̂ missed the top singular value,
// or n is above maxCholeskyDim), upper = min(‖A‖_F, √(‖A‖₁‖A‖_∞)) with margins, always valid.
// lower = σ̂ (an estimate: σ̂ = ‖A v‖ for the computed singular vector, up to rounding).
// Cost: n³ (the Gram matrix, by a symmetric rank-k update) + n³/3 flops (the Cholesky) for the
// proof; cancellable. gram: the lower triangle of fl(AᵀA) (gramLower) when the caller already
// has it (computeCertificate shares it with the Lanczos of the singular values); A square.
Bounds spectralNormBounds(const Matrix& A, double estimate, Index maxCholeskyDim = 4000,
                          const Matrix* gram = nullptr);

// The lower triangle of fl(AᵀA) (k×k, k = cols; the strict upper triangle is left zero), by a
// symmetric rank-k update: half the flops of the full product. Every entry is a sum of `rows`
// products, so ‖fl(AᵀA) − AᵀA‖₂ ≤ γ_rows ‖A‖_F² whatever the summation order.
Matrix gramLower(const Matrix& A);

// ρ(|A|) by Collatz–Wielandt: for any x > 0, min_i (|A|x)_i/x_i ≤ ρ(|A|) ≤ max_i (|A|x)_i/x_i.
// |A| is first split into its irreducible diagonal blocks (strongly connected components of its
// pattern; ρ is the largest of theirs): a 1×1 block's ρ is |a_ii| exactly — so a (permuted)
// triangular A gets the exact max |a_ii| — and each larger block gets the interval of its own x,
// from a shifted power iteration (x ← |A|x + α x keeps x > 0 and breaks periodicity). The
// interval is proven (margins γ_m on the products); it is tight when the iteration converged.
// Cancellable (throwIfCancelled before every product).
Bounds absSpectralRadiusBounds(const Matrix& A);

// The strongly connected components of the directed graph with an edge i → j when M(i, j) ≠ 0
// (Tarjan's algorithm, iterative, O(n²) on a dense M). Each is sorted; together they partition
// 0..n−1. The eigenvalues of M are those of its diagonal blocks M(S, S) taken together (a
// permutation makes M block triangular with these blocks on the diagonal).
std::vector<std::vector<Index>> irreducibleBlocks(const Matrix& M);

}  // namespace equilab
