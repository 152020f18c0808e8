// ρ(J) = max |λ(J)| of one Jacobian J = diag(d) A (d = 1 − w*², 0 ≤ d ≤ 1) without a dense
// eigensolve: the fast path of `evaluate` and the Dataset convergence view (one ρ per input).
//
// Method: Arnoldi on J (products J v = d ⊙ (A v), classical Gram–Schmidt applied twice) from a
// fixed pseudo-random start, checked at Krylov dimensions m = 20, 30, 40, 50, 64, 96, 128, … up
// to a work budget (below). At each check the Ritz value θ of largest modulus of the m×m
// Hessenberg matrix H_m (its real Schur form) and its Ritz vector x = V_m y (inverse iteration
// on H_m − θ I) are formed; when the Arnoldi estimate |h_{m+1,m} y_m| passes, the TRUE
// residual ‖J x − θ x‖₂ / ‖x‖₂ is computed by one more (complex) product — the estimate alone
// loses meaning when V_m loses orthogonality. θ is accepted when
//   residual ≤ tolerance · ‖J‖_F,
// and |θ| agrees within 1e-9 (relative) with the largest Ritz modulus of the previous check
// (an ill-conditioned eigenvalue of a non-normal J can have a tiny residual while |θ| still
// moves with m); a check whose estimate passes but whose |θ| moved is confirmed 8 steps later
// instead of at the next scheduled size. Then ρ = |θ| (H_m is real: a complex θ comes with its
// conjugate). A converged θ is an exact eigenvalue of J + E with ‖E‖₂ = residual (backward
// error); |θ| is within cond(λ)·residual of the eigenvalue it approximates.
//
// Work budget: Arnoldi stops at the largest scheduled check whose cost (steps and checks, by a
// cost model fitted on this machine, jacobian_radius.cpp) is within 40 % of one dense eigensolve
// of the same n, and the dense solver answers: an input whose eigenvalue is not separated (a
// disk of eigenvalues, as in an untrained random A) costs at most about 1.4 dense solves, never
// the whole Krylov ladder plus the dense solve. Below n ≈ 50 the dense solver answers directly.
//
// What the residual cannot see: an eigenvalue of larger modulus absent from the Krylov space
// (the start vector nearly orthogonal to its eigenvector). The random start makes this
// improbable, and the Ritz value of largest modulus is checked at every size, so a dominant
// eigenvalue entering the space later replaces it. When no size within the budget passes, the
// answer comes from the dense eigensolver (Eigen::EigenSolver, O(n³)) and says so.
//
// The same holds for power iteration with complex dominant pairs or slow gaps: it would
// oscillate or crawl; the residual check on the Ritz pair is what decides, never a fixed count.
#pragma once

#include <string>

#include "core/model/types.h"

namespace equilab {

struct JacobianRadiusOptions {
    double tolerance = 1e-10;  // on ‖J x − θ x‖ / (‖x‖ ‖J‖_F)
    int max_krylov = 128;      // largest Krylov dimension tried (the work budget may stop sooner)
    bool allow_dense = true;   // fall back to the dense eigensolver (else report not converged)
    unsigned seed = 7;         // of the start vector

    bool IsValid(std::string* error) const;
};

enum class JacobianRadiusMethod { Arnoldi, Dense, Failed };

struct JacobianRadius {
    double rho = 0;  // ρ(J)
    double residual = 0;  // ‖J x − θ x‖ / (‖x‖ ‖J‖_F) of the accepted Ritz pair (0: dense)
    int krylov = 0;  // Krylov dimension used (Arnoldi)
    JacobianRadiusMethod method = JacobianRadiusMethod::Failed;
    bool ok() const { return method != JacobianRadiusMethod::Failed; }
};

// Scratch space reused across calls (one per thread).
struct JacobianRadiusWorkspace {
    Matrix V;  // n × (m + 1) Krylov basis
    Matrix H;  // (m + 1) × m Hessenberg
};

// ρ(diag(d) A). A: n×n, d: n. ws may be null.
JacobianRadius jacobianRadius(const Matrix& A, const Vector& d,
                              const JacobianRadiusOptions& options = {},
                              JacobianRadiusWorkspace* ws = nullptr);

// The dense reference: max |λ(diag(d) A)| by Eigen::EigenSolver.
double denseJacobianSpectralRadius(const Matrix& A, const Vector& d);

}  // namespace equilab
