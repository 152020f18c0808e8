#include "core/model/parametrization.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

#include "core/analysis/dense_linalg.h"
#include "core/internal/option_limits.h"
#include "core/model/model.h"
#include "core/model/parametrization_projection.h"

namespace equilab {

std::string toString(ParametrizationKind kind) {
    switch (kind) {
        case ParametrizationKind::Free:
            return "free";
        case ParametrizationKind::SpectralBall:
            return "spectral_ball";
        case ParametrizationKind::SpectralNorm:
            return "spectral_norm";
        case ParametrizationKind::Householder:
            return "householder";
        case ParametrizationKind::HouseholderSvd:
            return "householder_svd";
        case ParametrizationKind::InfBall:
            return "inf_ball";
        case ParametrizationKind::Monotone:
            return "monotone";
    }
    return "free";
}

std::vector<ParametrizationKind> allParametrizationKinds() {
    return {ParametrizationKind::Free,           ParametrizationKind::SpectralBall,
            ParametrizationKind::SpectralNorm,   ParametrizationKind::Householder,
            ParametrizationKind::HouseholderSvd, ParametrizationKind::InfBall,
            ParametrizationKind::Monotone};
}

bool parseParametrizationKind(const std::string& name, ParametrizationKind* kind) {
    for (auto k : allParametrizationKinds()) {
        if (toString(k) == name) {
            *kind = k;
            return true;
        }
    }
    return false;
}

bool ParametrizationSpec::IsValid(std::string* error) const {
    using L = ParametrizationLimits;
    if (!(radius > 0 && radius <= L::kMaxRadius) || !std::isfinite(radius)) {
        if (error)
            *error =
                "parametrization radius must be in (0, " + std::to_string(int(L::kMaxRadius)) + "]";
        return false;
    }
    if (kind == ParametrizationKind::Monotone && !(radius <= 1)) {
        if (error) *error = "monotone: m (the radius field) must be in (0, 1]";
        return false;
    }
    if (reflections < 0 || reflections > L::kMaxReflections) {
        if (error)
            *error = "parametrization reflections must be " + rangeText(0, L::kMaxReflections);
        return false;
    }
    return true;
}

Matrix householderProduct(const Matrix& V) {
    const Index n = V.rows();
    Matrix Q = Matrix::Identity(n, n);
    // Q ← Q H(v) = Q − 2 (Q v) vᵀ/‖v‖², applied left to right.
    for (Index j = 0; j < V.cols(); ++j) {
        const double vv = V.col(j).squaredNorm();
        if (!(vv > 0)) continue;  // a zero vector is treated as the identity
        const Vector Qv = Q * V.col(j);
        Q.noalias() -= (2.0 / vv) * Qv * V.col(j).transpose();
    }
    return Q;
}

Matrix householderVectors(const Matrix& Q, Vector* signs) {
    // Reduce Q to diag(±1) by reflections H_j that zero column j below the diagonal:
    // H_n…H_1 Q = D, hence Q = H_1…H_n D. The vector a + sign(a₀)‖a‖e_j never vanishes, so
    // every H_j is a true reflection (unlike LAPACK-style τ = 0 identities).
    const Index n = Q.rows();
    Matrix M = Q;
    Matrix V = Matrix::Zero(n, n);
    for (Index j = 0; j < n; ++j) {
        Vector v = Vector::Zero(n);
        v.tail(n - j) = M.col(j).tail(n - j);
        const double a0 = v(j);
        const double norm = v.tail(n - j).norm();
        v(j) += (a0 >= 0 ? 1.0 : -1.0) * std::max(norm, 1e-300);
        const double vv = v.squaredNorm();
        const Eigen::RowVectorXd vtM = v.transpose() * M;
        M.noalias() -= (2.0 / vv) * v * vtM;
        V.col(j) = v;
    }
    if (signs) *signs = M.diagonal().array().sign().matrix();
    return V;
}

namespace {

// ---- projection kinds: p = vec(A) ----

class FreeParametrization final : public ProjectionParametrization {
  public:
    using ProjectionParametrization::ProjectionParametrization;
    Matrix project(const Matrix& A) const override { return A; }
};

class SpectralBallParametrization final : public ProjectionParametrization {
  public:
    using ProjectionParametrization::ProjectionParametrization;
    // Clip the singular values at r: with AᵀA = V diag(σ²) Vᵀ,
    //   P(A) = A − Σ_{σ_i > r} (1 − r/σ_i) (A v_i) v_iᵀ,
    // the same Frobenius projection as U diag(min(σ, r)) Vᵀ from an SVD, at a fifth of the cost
    // (a symmetric eigensolver). Squaring loses accuracy only for small σ, which are not clipped.
    Matrix project(const Matrix& A) const override { return projectAndNorm(A, nullptr); }
    // ‖P(A)‖₂ = min(σ_max, r), from the same eigenvalues.
    Matrix projectAndNorm(const Matrix& A, double* norm) const override {
        if (norm) *norm = 0;
        if (A.size() == 0) return A;
        Eigen::SelfAdjointEigenSolver<Matrix> eig(A.transpose() * A);
        const Vector& lambda = eig.eigenvalues();  // ascending
        const double r2 = spec_.radius * spec_.radius;
        if (norm) *norm = std::sqrt(std::max(0.0, std::min(lambda(lambda.size() - 1), r2)));
        Index clipped = 0;
        while (clipped < lambda.size() && lambda(lambda.size() - 1 - clipped) > r2) ++clipped;
        if (clipped == 0) return A;
        const Matrix Vc = eig.eigenvectors().rightCols(clipped);
        const Vector shrink = (1.0 - spec_.radius / lambda.tail(clipped).array().sqrt()).matrix();
        return A - (A * Vc) * shrink.asDiagonal() * Vc.transpose();
    }
};

class SpectralNormParametrization final : public ProjectionParametrization {
  public:
    using ProjectionParametrization::ProjectionParametrization;
    Matrix project(const Matrix& A) const override { return projectAndNorm(A, nullptr); }
    Matrix projectAndNorm(const Matrix& A, double* normAfter) const override {
        const double norm = spectralNorm(A);
        if (normAfter) *normAfter = std::min(norm, spec_.radius);
        return norm > spec_.radius ? Matrix(A * (spec_.radius / norm)) : A;
    }
};

// ---- Householder kinds ----

// Reverse mode through Q = H(v₁)…H(v_k): given Gq = ∂L/∂Q, returns ∂L/∂V (n×k).
// With Q_j = Q_{j−1} H_j and H_j = I − 2u_j u_jᵀ (u = v/‖v‖): ∂L/∂H_j = Q_{j−1}ᵀ G_j and
// G_{j−1} = G_j H_j. Q_{j−1} = Q_j H_j because reflections are involutions, so the sweep is
// O(k n²) and stores nothing per reflection.
Matrix householderProductVjp(const Matrix& V, const Matrix& Gq) {
    const Index n = V.rows(), k = V.cols();
    Matrix Q = householderProduct(V);
    Matrix G = Gq;
    Matrix grad = Matrix::Zero(n, k);
    for (Index j = k - 1; j >= 0; --j) {
        const double norm = V.col(j).norm();
        if (!(norm > 0)) continue;
        const Vector u = V.col(j) / norm;
        // Q_{j−1} = Q_j H_j and G_{j−1} = G_j H_j (right-multiplication by H: X − 2(Xu)uᵀ).
        const Vector Qu = Q * u;
        Q.noalias() -= 2.0 * Qu * u.transpose();
        // ∂L/∂u = −2 (GH + GHᵀ) u with GH = Q_{j−1}ᵀ G_j.
        const Vector Gu = G * u;
        const Vector Qprev_u = Q * u;
        const Vector gu = -2.0 * (Q.transpose() * Gu + G.transpose() * Qprev_u);
        grad.col(j) = (gu - u * u.dot(gu)) / norm;
        G.noalias() -= 2.0 * Gu * u.transpose();
    }
    return grad;
}

class HouseholderParametrization final : public Parametrization {
  public:
    HouseholderParametrization(const ParametrizationSpec& spec, Index n, bool svd)
        : Parametrization(spec, n), svd_(svd), k_(spec.reflections > 0 ? spec.reflections : n) {}

    // p = [vec(V_U) (n·k), vec(V_V) (n·k, svd only), d (n)].
    Index parameterCount() const override { return n_ * k_ * (svd_ ? 2 : 1) + n_; }

    Matrix matrix(const Vector& p) const override {
        const Matrix U = householderProduct(block(p, 0));
        const Vector s = diagonal(p);
        if (!svd_) return U * s.asDiagonal() * U.transpose();
        const Matrix V = householderProduct(block(p, 1));
        return U * s.asDiagonal() * V.transpose();
    }

    Vector fromMatrix(const Matrix& A) const override {
        // Nearest representable point (with k = n reflections): clip the spectrum into
        // (−r, r). Symmetric kind: eigen-decompose the symmetric part. SVD kind: the SVD.
        const double cap = spec_.radius * (1.0 - 1e-9);
        Matrix U, V;
        Vector s;
        if (!svd_) {
            Eigen::SelfAdjointEigenSolver<Matrix> eig(0.5 * (A + A.transpose()));
            U = eig.eigenvectors();
            s = eig.eigenvalues();
        } else {
            denseSvd(A, &U, &s, &V);
        }
        Vector signU, signV;
        const Matrix VU = householderVectors(U, &signU);
        Vector sv = s;
        Matrix VV;
        if (svd_) {
            VV = householderVectors(V, &signV);
            sv = (s.array() * signU.array() * signV.array()).matrix();
        }
        // With fewer than n reflections only the leading ones are kept (an approximation).
        Vector p(parameterCount());
        const Index k = std::min<Index>(k_, n_);
        Matrix blockU = Matrix::Zero(n_, k_), blockV = Matrix::Zero(n_, k_);
        blockU.leftCols(k) = VU.leftCols(k);
        if (svd_) blockV.leftCols(k) = VV.leftCols(k);
        for (Index j = k; j < k_; ++j) blockU(0, j) = blockV(0, j) = 1.0;  // H(e₁)H(e₁) pairs
        Eigen::Map<Matrix>(p.data(), n_, k_) = blockU;
        if (svd_) Eigen::Map<Matrix>(p.data() + n_ * k_, n_, k_) = blockV;
        const Vector clipped = sv.cwiseMax(-cap).cwiseMin(cap);
        p.tail(n_) = (clipped.array() / spec_.radius).atanh().matrix();
        return p;
    }

    Vector vjp(const Vector& p, const Matrix& G) const override {
        const Matrix VU = block(p, 0);
        const Matrix U = householderProduct(VU);
        const Vector d = p.tail(n_);
        const Vector s = diagonal(p);
        // s = r tanh(d) ⇒ ∂s/∂d = r (1 − tanh²(d)).
        const Vector dsdd = (spec_.radius * (1.0 - d.array().tanh().square())).matrix();
        Vector grad(parameterCount());
        if (!svd_) {
            // A = U S Uᵀ: ∂L/∂U = (G + Gᵀ) U S, ∂L/∂s_i = (Uᵀ G U)_ii.
            const Matrix GU = (G + G.transpose()) * U * s.asDiagonal();
            Eigen::Map<Matrix>(grad.data(), n_, k_) = householderProductVjp(VU, GU);
            grad.tail(n_) = ((U.transpose() * G * U).diagonal().array() * dsdd.array()).matrix();
        } else {
            // A = U S Vᵀ: ∂L/∂U = G V S, ∂L/∂V = Gᵀ U S, ∂L/∂s_i = (Uᵀ G V)_ii.
            const Matrix VV = block(p, 1);
            const Matrix V = householderProduct(VV);
            Eigen::Map<Matrix>(grad.data(), n_, k_) =
                householderProductVjp(VU, G * V * s.asDiagonal());
            Eigen::Map<Matrix>(grad.data() + n_ * k_, n_, k_) =
                householderProductVjp(VV, G.transpose() * U * s.asDiagonal());
            grad.tail(n_) = ((U.transpose() * G * V).diagonal().array() * dsdd.array()).matrix();
        }
        return grad;
    }

    Vector random(unsigned seed, double scale) const override {
        Vector p = randomGaussian(parameterCount(), 1, 1.0, seed);
        p.tail(n_) *= scale;
        return p;
    }

  private:
    Matrix block(const Vector& p, int which) const {
        return Eigen::Map<const Matrix>(p.data() + which * n_ * k_, n_, k_);
    }
    Vector diagonal(const Vector& p) const {
        return (spec_.radius * p.tail(n_).array().tanh()).matrix();
    }
    bool svd_;
    Index k_;
};

}  // namespace

std::unique_ptr<Parametrization> createParametrization(const ParametrizationSpec& spec, Index n) {
    switch (spec.kind) {
        case ParametrizationKind::Free:
            return std::make_unique<FreeParametrization>(spec, n);
        case ParametrizationKind::SpectralBall:
            return std::make_unique<SpectralBallParametrization>(spec, n);
        case ParametrizationKind::SpectralNorm:
            return std::make_unique<SpectralNormParametrization>(spec, n);
        case ParametrizationKind::Householder:
            return std::make_unique<HouseholderParametrization>(spec, n, false);
        case ParametrizationKind::HouseholderSvd:
            return std::make_unique<HouseholderParametrization>(spec, n, true);
        case ParametrizationKind::InfBall:
            return createInfBallParametrization(spec, n);
        case ParametrizationKind::Monotone:
            return createMonotoneParametrization(spec, n);
    }
    return std::make_unique<FreeParametrization>(spec, n);
}

}  // namespace equilab
