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
//
// The first three are projections (p lives in A-space; training steps A then projects). The
// Householder ones are reparametrizations: training steps p through vjp().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/types.h"

namespace equilab {

enum class ParametrizationKind { Free, SpectralBall, SpectralNorm, Householder, HouseholderSvd };
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

}  // namespace equilab
