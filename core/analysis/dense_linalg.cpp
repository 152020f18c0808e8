#include "core/analysis/dense_linalg.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

#include <cmath>

namespace equilab {

bool denseEigenvalues(const Matrix& M, ComplexVector* values) {
    Eigen::EigenSolver<Matrix> eig(M, /*computeEigenvectors=*/false);
    *values = eig.eigenvalues();
    return eig.info() == Eigen::Success;
}

bool denseEigen(const Matrix& M, ComplexVector* values, Eigen::MatrixXcd* vectors) {
    Eigen::EigenSolver<Matrix> eig(M, /*computeEigenvectors=*/true);
    *values = eig.eigenvalues();
    if (eig.info() != Eigen::Success) return false;
    *vectors = eig.eigenvectors();
    return true;
}

Index paddedDimension(Index n) {
    return n >= 64 && n % 64 == 0 ? n + 1 : n;
}

double denseSpectralRadius(const Matrix& M) {
    if (M.size() == 0) return 0;
    ComplexVector values;
    const Index n = M.rows(), size = paddedDimension(n);
    if (size == n) {
        if (!denseEigenvalues(M, &values)) return std::nan("");
    } else {
        // A zero row and column add the eigenvalue 0 and leave ρ as it is.
        Matrix padded = Matrix::Zero(size, size);
        padded.topLeftCorner(n, n) = M;
        if (!denseEigenvalues(padded, &values)) return std::nan("");
    }
    return values.cwiseAbs().maxCoeff();
}

Vector denseSingularValues(const Matrix& M) {
    return Eigen::BDCSVD<Matrix>(M).singularValues();
}

void denseSvd(const Matrix& M, Matrix* U, Vector* s, Matrix* V) {
    Eigen::BDCSVD<Matrix> svd(M, Eigen::ComputeFullU | Eigen::ComputeFullV);
    *U = svd.matrixU();
    *V = svd.matrixV();
    *s = svd.singularValues();
}

}  // namespace equilab
