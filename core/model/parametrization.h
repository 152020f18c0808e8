// Parametrizations of A: how the n×n matrix of the model is produced from free parameters p,
// and (where a nearest point exists) how an arbitrary A is mapped back.
//
//   free             A = p (n² entries).
//   spectral_ball    A = p, kept in {‖A‖₂ ≤ r} by clipping singular values at r: the Frobenius
//                    projection onto the ball (the reference experiment's, r = 0.99).
//   spectral_norm    A = p, rescaled by min(1, r/‖A‖₂).
//   householder      A = Q diag(s) Qᵀ, Q = H(v₁)…H(v_k), H(v) = I − 2vvᵀ/‖v‖², s = r·tanh(d):
//                    symmetric with ‖A‖₂ < r by construction.
//   householder_svd  A = U diag(s) Vᵀ with U, V Householder products: any contractive A.
//   inf_ball         A = p, each row projected (Euclidean, exactly: sort and threshold) onto the
//                    ℓ1 ball of radius κ = r, so ‖A‖∞ ≤ κ: with κ < 1, φ is a contraction in ℓ∞
//                    for any 1-Lipschitz componentwise activation (El Ghaoui et al. 2021): one
//                    fixed point. (parametrization_extra.cpp)
//   monotone         A = (1 − m)I − PᵀP + Q − Qᵀ with m = r (0 < m ≤ 1), p = (P, Q): I − A has
//                    symmetric part mI + PᵀP ⪰ mI, so with tanh = prox_f of a convex f the fixed
//                    point is unique (Winston & Kolter 2020) and monotoneSplittingSolve finds it.
//
// The first three are projections (p lives in A-space; training steps A then projects). The
// Householder ones are reparametrizations: training steps p through vjp().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/types.h"

namespace equilab {

enum class ParametrizationKind {
    Free,
    SpectralBall,
    SpectralNorm,
    Householder,
    HouseholderSvd,
    InfBall,
    Monotone
};
std::string toString(ParametrizationKind kind);
bool parseParametrizationKind(const std::string& name, ParametrizationKind* kind);
std::vector<ParametrizationKind> allParametrizationKinds();

struct ParametrizationSpec {
    ParametrizationKind kind = ParametrizationKind::Free;
    double radius = 0.99;  // r
    int reflections = 0;   // k for the Householder kinds; 0 means k = n

    bool IsValid(std::string* error) const;
};

class Parametrization {
  public:
    virtual ~Parametrization() = default;
    ParametrizationKind kind() const { return spec_.kind; }
    const ParametrizationSpec& spec() const { return spec_; }
    Index dim() const { return n_; }

    // Number of free parameters.
    virtual Index parameterCount() const = 0;
    // A(p).
    virtual Matrix matrix(const Vector& p) const = 0;
    // Parameters whose A(p) is nearest to A (exact when A is already representable).
    virtual Vector fromMatrix(const Matrix& A) const = 0;
    // Vector–Jacobian product: ∂L/∂p given G = ∂L/∂A at p.
    virtual Vector vjp(const Vector& p, const Matrix& G) const = 0;
    // Seeded random parameters (small entries, as for initialization).
    virtual Vector random(unsigned seed, double scale) const = 0;
    // True when p is A itself and the training step is "update A, then project".
    virtual bool isProjection() const { return false; }
    // The projection of the projection kinds; identity otherwise.
    virtual Matrix project(const Matrix& A) const { return A; }
    // The projection, and ‖P(A)‖₂ in *norm when the projection finds it on the way (the spectral
    // kinds do: it is min(‖A‖₂, r)); *norm = −1 when it does not.
    virtual Matrix projectAndNorm(const Matrix& A, double* norm) const {
        if (norm) *norm = -1;
        return project(A);
    }

    // A mapped through the parametrization: matrix(fromMatrix(A)).
    Matrix apply(const Matrix& A) const { return matrix(fromMatrix(A)); }

  protected:
    Parametrization(const ParametrizationSpec& spec, Index n) : spec_(spec), n_(n) {}
    ParametrizationSpec spec_;
    Index n_;
};

std::unique_ptr<Parametrization> createParametrization(const ParametrizationSpec& spec, Index n);

// Product H(v₁)…H(v_k) of the reflections whose vectors are the columns of V (n×k).
Matrix householderProduct(const Matrix& V);
// Columns v₁…v_n with householderProduct(V) · diag(±1) = Q for an orthogonal Q.
Matrix householderVectors(const Matrix& Q, Vector* signs);

// The Euclidean projection of v onto {x : ‖x‖₁ ≤ radius} (Duchi et al. 2008: sort |v|, find the
// threshold θ, soft-threshold), exact up to rounding.
Vector projectL1Ball(const Vector& v, double radius);
// Each row of A projected onto the ℓ1 ball: the Frobenius-nearest A with ‖A‖∞ ≤ radius.
Matrix projectRowsL1(const Matrix& A, double radius);

std::unique_ptr<Parametrization> createInfBallParametrization(const ParametrizationSpec& spec,
                                                              Index n);
std::unique_ptr<Parametrization> createMonotoneParametrization(const ParametrizationSpec& spec,
                                                               Index n);

struct MonotoneSolveResult {
    Vector w;
    int iterations = 0;
    double residual = 0;  // ‖tanh(A w + u) − w‖∞ at w
    bool converged = false;
    double step = 0;  // α = m / ‖I − A‖₂²
};
// The forward–backward splitting of monotone DEQs for w = tanh(A w + u) when the symmetric part
// of I − A is ⪰ mI (m > 0): w ← prox_{αf}(w − α((I − A) w − u)) with tanh = prox_f
// (f'(y) = atanh(y) − y) and α = m/‖I − A‖₂² (convergent for α < 2m/L²); prox_{αf}(x) solves
// (1 − α) y + α atanh(y) = x by safeguarded Newton. Stops at residual ≤ tolerance.
MonotoneSolveResult monotoneSplittingSolve(const Matrix& A, const Vector& u, double m,
                                           double tolerance, int max_iterations,
                                           const Vector& w0 = Vector());

}  // namespace equilab
