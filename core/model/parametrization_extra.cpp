// inf_ball and monotone (core/model/parametrization.h), and the monotone splitting solver.
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/model/model.h"
#include "core/model/parametrization.h"
#include "core/model/parametrization_projection.h"
#include "core/solvers/forward_tolerance.h"

namespace equilab {

Vector projectL1Ball(const Vector& v, double radius) {
    const double l1 = v.lpNorm<1>();
    if (l1 <= radius) return v;
    // Sorted magnitudes μ₁ ≥ μ₂ ≥ …; ρ = max{j : μ_j − (Σ_{i≤j} μ_i − radius)/j > 0};
    // θ = (Σ_{i≤ρ} μ_i − radius)/ρ; x = sign(v) max(|v| − θ, 0).
    std::vector<double> mu(static_cast<size_t>(v.size()));
    for (Index i = 0; i < v.size(); ++i) mu[static_cast<size_t>(i)] = std::abs(v(i));
    std::sort(mu.begin(), mu.end(), std::greater<double>());
    double sum = 0, theta = 0;
    for (size_t j = 0; j < mu.size(); ++j) {
        sum += mu[j];
        const double t = (sum - radius) / static_cast<double>(j + 1);
        if (mu[j] - t > 0) theta = t;
    }
    Vector x(v.size());
    for (Index i = 0; i < v.size(); ++i)
        x(i) = std::copysign(std::max(std::abs(v(i)) - theta, 0.0), v(i));
    return x;
}

Matrix projectRowsL1(const Matrix& A, double radius) {
    Matrix P = A;
    for (Index i = 0; i < A.rows(); ++i)
        P.row(i) = projectL1Ball(A.row(i).transpose(), radius).transpose();
    return P;
}

namespace {

class InfBallParametrization final : public ProjectionParametrization {
  public:
    using ProjectionParametrization::ProjectionParametrization;
    Matrix project(const Matrix& A) const override { return projectRowsL1(A, spec_.radius); }
};

// p = (vec P, vec Q), 2n² entries.
class MonotoneParametrization final : public Parametrization {
  public:
    MonotoneParametrization(const ParametrizationSpec& spec, Index n) : Parametrization(spec, n) {}
    Index parameterCount() const override { return 2 * n_ * n_; }
    Matrix matrix(const Vector& p) const override {
        const Eigen::Map<const Matrix> P(p.data(), n_, n_), Q(p.data() + n_ * n_, n_, n_);
        Matrix A = -(P.transpose() * P) + Q - Q.transpose();
        A.diagonal().array() += 1.0 - spec_.radius;
        return A;
    }
    // The symmetric part S = (A + Aᵀ)/2 gives PᵀP = (1 − m)I − S with negative eigenvalues
    // clipped to 0 (the nearest representable); the skew part K = (A − Aᵀ)/2 = Q − Qᵀ with Q = K/2.
    Vector fromMatrix(const Matrix& A) const override {
        const Matrix S = 0.5 * (A + A.transpose());
        Matrix M = -S;
        M.diagonal().array() += 1.0 - spec_.radius;
        Eigen::SelfAdjointEigenSolver<Matrix> eig(M);
        const Vector lambda = eig.eigenvalues().cwiseMax(0.0).cwiseSqrt();
        const Matrix P = lambda.asDiagonal() * eig.eigenvectors().transpose();
        const Matrix Q = 0.25 * (A - A.transpose());
        Vector p(2 * n_ * n_);
        p.head(n_ * n_) = Eigen::Map<const Vector>(P.data(), P.size());
        p.tail(n_ * n_) = Eigen::Map<const Vector>(Q.data(), Q.size());
        return p;
    }
    // ∂L/∂P = −P(G + Gᵀ), ∂L/∂Q = G − Gᵀ.
    Vector vjp(const Vector& p, const Matrix& G) const override {
        const Eigen::Map<const Matrix> P(p.data(), n_, n_);
        const Matrix gP = -P * (G + G.transpose());
        const Matrix gQ = G - G.transpose();
        Vector out(2 * n_ * n_);
        out.head(n_ * n_) = Eigen::Map<const Vector>(gP.data(), gP.size());
        out.tail(n_ * n_) = Eigen::Map<const Vector>(gQ.data(), gQ.size());
        return out;
    }
    Vector random(unsigned seed, double scale) const override {
        Vector p(2 * n_ * n_);
        const Matrix P = randomGaussian(n_, n_, scale, seed);
        const Matrix Q = randomGaussian(n_, n_, scale, seed + 1);
        p.head(n_ * n_) = Eigen::Map<const Vector>(P.data(), P.size());
        p.tail(n_ * n_) = Eigen::Map<const Vector>(Q.data(), Q.size());
        return p;
    }
};

// prox_{αf}(x) for tanh = prox_f: the root y ∈ (−1, 1) of g(y) = (1 − α) y + α atanh(y) − x,
// g increasing; Newton safeguarded by the bracket.
double proxTanh(double x, double alpha) {
    if (alpha == 1.0) return std::tanh(x);
    double lo = -1, hi = 1;
    double y = std::tanh(x);
    for (int it = 0; it < 100; ++it) {
        const double g = (1 - alpha) * y + alpha * std::atanh(y) - x;
        if (g > 0)
            hi = y;
        else
            lo = y;
        const double dg = (1 - alpha) + alpha / (1 - y * y);
        double next = y - g / dg;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        if (std::abs(next - y) <= 1e-16 * std::max(1.0, std::abs(y))) return next;
        y = next;
    }
    return y;
}

}  // namespace

std::unique_ptr<Parametrization> createInfBallParametrization(const ParametrizationSpec& spec,
                                                              Index n) {
    return std::make_unique<InfBallParametrization>(spec, n);
}

std::unique_ptr<Parametrization> createMonotoneParametrization(const ParametrizationSpec& spec,
                                                               Index n) {
    return std::make_unique<MonotoneParametrization>(spec, n);
}

MonotoneSolveResult monotoneSplittingSolve(const Matrix& A, const Vector& u, double m,
                                           double tolerance, int max_iterations, const Vector& w0) {
    MonotoneSolveResult r;
    const Index n = A.rows();
    Matrix IA = -A;
    IA.diagonal().array() += 1.0;
    const double L = spectralNorm(IA);
    r.step = L > 0 ? m / (L * L) : 1.0;
    r.w = w0.size() == n ? w0 : Vector::Zero(n);
    auto residual = [&](const Vector& w) {
        return ((A * w + u).array().tanh() - w.array()).abs().maxCoeff();
    };
    for (int k = 0; k < max_iterations; ++k) {
        r.residual = n ? residual(r.w) : 0.0;
        r.iterations = k;
        if (!std::isfinite(r.residual)) return r;
        if (r.residual <= tolerance) {
            r.converged = true;
            return r;
        }
        const Vector x = r.w - r.step * (IA * r.w - u);
        for (Index i = 0; i < n; ++i) r.w(i) = proxTanh(x(i), r.step);
    }
    r.residual = n ? residual(r.w) : 0.0;
    r.iterations = max_iterations;
    r.converged = r.residual <= tolerance;
    return r;
}

template <typename Scalar>
ForwardToleranceResult monotoneSplittingBatch(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                              double m, double tolerance, int steps,
                                              MatrixT<Scalar>* W) {
    ForwardToleranceResult r;
    const Index n = A.rows(), N = U.cols();
    Matrix IA = -A.template cast<double>();
    IA.diagonal().array() += 1.0;
    const double L = spectralNorm(IA);
    const double alpha = L > 0 ? m / (L * L) : 1.0;
    const auto a = static_cast<Scalar>(alpha);
    if (W->rows() != n || W->cols() != N) W->setZero(n, N);
    MatrixT<Scalar> Z(n, N);
    auto worst = [&] {  // max_i ‖tanh(A w_i + u_i) − w_i‖₂, A W already in Z
        Z = (Z + U).array().tanh() - W->array();
        return N ? static_cast<double>(Z.colwise().norm().maxCoeff()) : 0.0;
    };
    for (int k = 0; k < steps; ++k) {
        Z.noalias() = A * *W;
        if (tolerance > 0) {
            const MatrixT<Scalar> AW = Z;
            r.worst_residual = worst();
            r.iterations = k;
            if (!std::isfinite(r.worst_residual)) return r;
            if (r.worst_residual <= tolerance) {
                r.converged = true;
                return r;
            }
            Z = AW;
        }
        Z = (Scalar(1) - a) * W->array() + a * (Z + U).array();
        for (Index i = 0; i < Z.size(); ++i)
            W->data()[i] = static_cast<Scalar>(proxTanh(static_cast<double>(Z.data()[i]), alpha));
    }
    Z.noalias() = A * *W;
    r.worst_residual = worst();
    r.iterations = steps;
    r.converged = tolerance > 0 ? r.worst_residual <= tolerance : true;
    return r;
}

template ForwardToleranceResult monotoneSplittingBatch(const MatrixT<float>&, const MatrixT<float>&,
                                                       double, double, int, MatrixT<float>*);
template ForwardToleranceResult monotoneSplittingBatch(const MatrixT<double>&,
                                                       const MatrixT<double>&, double, double, int,
                                                       MatrixT<double>*);

}  // namespace equilab
