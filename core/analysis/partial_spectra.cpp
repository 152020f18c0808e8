#include "core/analysis/partial_spectra.h"

#include <Spectra/GenEigsSolver.h>
#include <Spectra/SymEigsSolver.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "core/analysis/dense_linalg.h"
#include "core/internal/cancellation.h"

namespace equilab {

bool PartialSpectrumOptions::IsValid(std::string* error) const {
    auto fail = [&](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (count < 1) return fail("count must be at least 1");
    if (!(tolerance > 0) || tolerance >= 1) return fail("tolerance must be in (0, 1)");
    if (max_restarts < 1) return fail("max_restarts must be at least 1");
    return true;
}

namespace {

// y = Aᵀ(A x) without forming AᵀA (n² memory and 2n³ flops saved).
class NormalProduct {
  public:
    using Scalar = double;
    explicit NormalProduct(const Matrix& A) : A_(A), tmp_(A.rows()) {}
    Index rows() const { return A_.cols(); }
    Index cols() const { return A_.cols(); }
    void perform_op(const double* x, double* y) const {
        throwIfCancelled();
        tmp_.noalias() = A_ * Eigen::Map<const Vector>(x, A_.cols());
        Eigen::Map<Vector>(y, A_.cols()).noalias() = A_.transpose() * tmp_;
    }

  private:
    const Matrix& A_;
    mutable Vector tmp_;
};

// y = G x for a symmetric G stored in its lower triangle.
class SymmetricProduct {
  public:
    using Scalar = double;
    explicit SymmetricProduct(const Matrix& G) : G_(G) {}
    Index rows() const { return G_.rows(); }
    Index cols() const { return G_.cols(); }
    void perform_op(const double* x, double* y) const {
        throwIfCancelled();
        Eigen::Map<Vector>(y, G_.rows()).noalias() =
            G_.selfadjointView<Eigen::Lower>() * Eigen::Map<const Vector>(x, G_.cols());
    }

  private:
    const Matrix& G_;
};

// y = M x (or Mᵀ x), with a cancellation point (cancellation.h) at every product.
class CancellableProduct {
  public:
    using Scalar = double;
    CancellableProduct(const Matrix& M, bool transpose) : M_(M), transpose_(transpose) {}
    Index rows() const { return M_.rows(); }
    Index cols() const { return M_.cols(); }
    void perform_op(const double* x, double* y) const {
        throwIfCancelled();
        const Eigen::Map<const Vector> in(x, M_.cols());
        Eigen::Map<Vector> out(y, M_.rows());
        if (transpose_)
            out.noalias() = M_.transpose() * in;
        else
            out.noalias() = M_ * in;
    }

  private:
    const Matrix& M_;
    bool transpose_;
};

// Lanczos subspace size: Spectra needs count < ncv ≤ n; 2·count + 1 with a floor of 20 restarts
// rarely.
Index subspaceSize(Index count, Index n) {
    return std::min<Index>(n, std::max<Index>(2 * count + 1, 20));
}

}  // namespace

bool largestEigenvalues(const Matrix& M, const PartialSpectrumOptions& options, ComplexVector* out,
                        std::string* error) {
    return largestEigenpairs(M, options, false, out, nullptr, error);
}

bool largestEigenpairs(const Matrix& M, const PartialSpectrumOptions& options, bool transpose,
                       ComplexVector* values, Eigen::MatrixXcd* vectors, std::string* error) {
    if (!options.IsValid(error)) return false;
    const Index n = M.rows();
    const Index count = std::min<Index>(options.count, n - 2);  // Arnoldi: nev ≤ n − 2
    if (n != M.cols() || count < 1) {
        if (error) *error = "largestEigenvalues needs a square matrix with n ≥ 3";
        return false;
    }
    CancellableProduct op(M, transpose);
    Spectra::GenEigsSolver<CancellableProduct> solver(
        op, count, std::min<Index>(n, std::max<Index>(2 * count + 2, 20)));
    solver.init();
    solver.compute(Spectra::SortRule::LargestMagn, options.max_restarts, options.tolerance);
    if (solver.info() != Spectra::CompInfo::Successful) {
        if (error) *error = "Arnoldi did not converge";
        return false;
    }
    *values = solver.eigenvalues();  // sorted by decreasing modulus
    if (vectors) {
        *vectors = solver.eigenvectors();
        for (Index j = 0; j < vectors->cols(); ++j) {
            const double norm = vectors->col(j).norm();
            if (norm > 0) vectors->col(j) /= norm;
        }
    }
    return true;
}

bool arnoldiRitzPairs(const Matrix& M, int steps, int count, bool transpose, ComplexVector* values,
                      Eigen::MatrixXcd* vectors) {
    const Index n = M.rows();
    if (n != M.cols() || n < 3 || steps < 1 || count < 1) return false;
    const Index m = std::min<Index>(steps, n - 1);
    Matrix V(n, m + 1);
    Matrix H = Matrix::Zero(m + 1, m);
    std::mt19937_64 rng(20240601);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (Index i = 0; i < n; ++i) V(i, 0) = 1.0 + 0.1 * normal(rng);
    V.col(0).normalize();
    Index k = 0;  // steps done
    Vector w(n), h(m), h2(m);
    for (; k < m; ++k) {
        throwIfCancelled();
        if (transpose)
            w.noalias() = M.transpose() * V.col(k);
        else
            w.noalias() = M * V.col(k);
        const auto basis = V.leftCols(k + 1);
        auto hk = h.head(k + 1);
        hk.noalias() = basis.transpose() * w;
        w.noalias() -= basis * hk;
        auto h2k = h2.head(k + 1);
        h2k.noalias() = basis.transpose() * w;  // the second pass restores orthogonality
        w.noalias() -= basis * h2k;
        H.col(k).head(k + 1) = hk + h2k;
        const double beta = w.norm();
        H(k + 1, k) = beta;
        if (!(beta > 1e-14 * std::max(1.0, H.col(k).head(k + 1).norm()))) {
            ++k;  // an invariant subspace: the Ritz values are exact eigenvalues
            break;
        }
        V.col(k + 1) = w / beta;
    }
    ComplexVector theta;
    Eigen::MatrixXcd Y;
    if (!denseEigen(H.topLeftCorner(k, k), &theta, &Y)) return false;
    std::vector<Index> order(static_cast<size_t>(k));
    std::iota(order.begin(), order.end(), Index(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](Index a, Index b) { return std::abs(theta(a)) > std::abs(theta(b)); });
    const Index keep = std::min<Index>(count, k);
    values->resize(keep);
    vectors->resize(n, keep);
    for (Index j = 0; j < keep; ++j) {
        (*values)(j) = theta(order[j]);
        const Eigen::VectorXcd y = Y.col(order[j]);
        Eigen::VectorXcd x(n);
        x.real() = V.leftCols(k) * y.real();
        x.imag() = V.leftCols(k) * y.imag();
        const double norm = x.norm();
        vectors->col(j) = norm > 0 ? Eigen::VectorXcd(x / norm) : x;
    }
    return true;
}

namespace {

// The `count` largest eigenvalues of the symmetric positive semidefinite operator op, as
// singular values (√λ, descending).
template <typename Op>
bool largestRoots(Op& op, Index n, const PartialSpectrumOptions& options, Vector* out,
                  std::string* error) {
    if (!options.IsValid(error)) return false;
    const Index count = std::min<Index>(options.count, n - 1);  // Lanczos: nev < n
    if (count < 1) {
        if (error) *error = "largestSingularValues needs at least 2 columns";
        return false;
    }
    Spectra::SymEigsSolver<Op> solver(op, count, subspaceSize(count, n));
    solver.init();
    solver.compute(Spectra::SortRule::LargestAlge, options.max_restarts, options.tolerance);
    if (solver.info() != Spectra::CompInfo::Successful) {
        if (error) *error = "Lanczos did not converge";
        return false;
    }
    *out = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();  // descending
    return true;
}

}  // namespace

bool largestSingularValues(const Matrix& M, const PartialSpectrumOptions& options, Vector* out,
                           std::string* error) {
    NormalProduct op(M);
    return largestRoots(op, M.cols(), options, out, error);
}

bool largestSingularValuesFromGram(const Matrix& gramLower, const PartialSpectrumOptions& options,
                                   Vector* out, std::string* error) {
    if (gramLower.rows() != gramLower.cols()) {
        if (error) *error = "the Gram matrix must be square";
        return false;
    }
    SymmetricProduct op(gramLower);
    return largestRoots(op, gramLower.cols(), options, out, error);
}

}  // namespace equilab
