#include "core/partial_spectra.h"

#include <Spectra/GenEigsSolver.h>
#include <Spectra/SymEigsSolver.h>

#include <algorithm>

#include "core/cancellation.h"

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

// y = M x, with a cancellation point (cancellation.h) at every product.
class CancellableProduct {
  public:
    using Scalar = double;
    explicit CancellableProduct(const Matrix& M) : M_(M) {}
    Index rows() const { return M_.rows(); }
    Index cols() const { return M_.cols(); }
    void perform_op(const double* x, double* y) const {
        throwIfCancelled();
        Eigen::Map<Vector>(y, M_.rows()).noalias() = M_ * Eigen::Map<const Vector>(x, M_.cols());
    }

  private:
    const Matrix& M_;
};

// Lanczos subspace size: Spectra needs count < ncv ≤ n; 2·count + 1 with a floor of 20 restarts
// rarely.
Index subspaceSize(Index count, Index n) {
    return std::min<Index>(n, std::max<Index>(2 * count + 1, 20));
}

}  // namespace

bool largestEigenvalues(const Matrix& M, const PartialSpectrumOptions& options, ComplexVector* out,
                        std::string* error) {
    if (!options.IsValid(error)) return false;
    const Index n = M.rows();
    const Index count = std::min<Index>(options.count, n - 2);  // Arnoldi: nev ≤ n − 2
    if (n != M.cols() || count < 1) {
        if (error) *error = "largestEigenvalues needs a square matrix with n ≥ 3";
        return false;
    }
    CancellableProduct op(M);
    Spectra::GenEigsSolver<CancellableProduct> solver(
        op, count, std::min<Index>(n, std::max<Index>(2 * count + 2, 20)));
    solver.init();
    solver.compute(Spectra::SortRule::LargestMagn, options.max_restarts, options.tolerance);
    if (solver.info() != Spectra::CompInfo::Successful) {
        if (error) *error = "Arnoldi did not converge";
        return false;
    }
    *out = solver.eigenvalues();  // sorted by decreasing modulus
    return true;
}

bool largestSingularValues(const Matrix& M, const PartialSpectrumOptions& options, Vector* out,
                           std::string* error) {
    if (!options.IsValid(error)) return false;
    const Index n = M.cols();
    const Index count = std::min<Index>(options.count, n - 1);  // Lanczos: nev < n
    if (count < 1) {
        if (error) *error = "largestSingularValues needs at least 2 columns";
        return false;
    }
    NormalProduct op(M);
    Spectra::SymEigsSolver<NormalProduct> solver(op, count, subspaceSize(count, n));
    solver.init();
    solver.compute(Spectra::SortRule::LargestAlge, options.max_restarts, options.tolerance);
    if (solver.info() != Spectra::CompInfo::Successful) {
        if (error) *error = "Lanczos did not converge";
        return false;
    }
    *out = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();  // descending
    return true;
}

}  // namespace equilab
