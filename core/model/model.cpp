#include "core/model/model.h"

#include "core/analysis/dense_linalg.h"
#include "core/analysis/partial_spectra.h"
#include "core/internal/work_guard.h"

#include <cmath>
#include <random>

namespace equilab {

bool Model::IsValid(std::string* error) const {
    if (!hasValidShapes(error)) return false;
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    if (!A.allFinite()) return fail("A has a non-finite entry");
    if (!B.allFinite()) return fail("B has a non-finite entry");
    if (!c.allFinite()) return fail("c has a non-finite entry");
    return true;
}

bool Model::hasValidShapes(std::string* error) const {
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    const Index n = A.rows();
    if (n < 1) return fail("A must have at least one row");
    if (A.cols() != n)
        return fail("A must be square (got " + std::to_string(A.rows()) + "×" +
                    std::to_string(A.cols()) + ")");
    if (B.rows() != n)
        return fail("B must have " + std::to_string(n) + " rows to match A (got " +
                    std::to_string(B.rows()) + ")");
    if (c.size() != n)
        return fail("c must have " + std::to_string(n) + " entries (got " +
                    std::to_string(c.size()) + ")");
    return true;
}

Vector Model::drive(const Vector& x) const {
    return B * x + c;
}

Vector Model::phiWithDrive(const Vector& w, const Vector& drive) const {
    return (A * w + drive).array().tanh().matrix();
}

Vector Model::phi(const Vector& w, const Vector& x) const {
    return phiWithDrive(w, drive(x));
}

Matrix Model::jacobian(const Vector& w, const Vector& x) const {
    const Vector f = phi(w, x);
    const Vector d = (1.0 - f.array().square()).matrix();
    return d.asDiagonal() * A;
}

Matrix randomGaussian(Index rows, Index cols, double scale, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    Matrix M(rows, cols);
    // Fill row by row so that a matrix's leading block does not depend on its column count.
    for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j < cols; ++j) M(i, j) = scale * normal(rng);
    return M;
}

double spectralNorm(const Matrix& A) {
    if (A.size() == 0) return 0.0;
    assertNotGuiThread(HeavyWork::Decomposition, std::min(A.rows(), A.cols()));
    if (std::min(A.rows(), A.cols()) > kDenseSpectrumUpTo) {
        // Lanczos on AᵀA (or AAᵀ when A is wide): O(n²) per step instead of a dense SVD's O(n³).
        PartialSpectrumOptions options;
        options.count = 1;
        Vector sigma;
        const bool ok = A.rows() >= A.cols()
                            ? largestSingularValues(A, options, &sigma, nullptr)
                            : largestSingularValues(A.transpose(), options, &sigma, nullptr);
        if (ok) return sigma(0);
    }
    return denseSingularValues(A)(0);
}

double spectralNormFast(const Matrix& A) {
    return spectralNorm(A);
}

Matrix randomMatrixWithNorm(Index n, double norm, unsigned seed) {
    Matrix A = randomGaussian(n, n, 1.0, seed);
    const double s = spectralNorm(A);
    return s > 0 ? Matrix(A * (norm / s)) : A;
}

}  // namespace equilab
