#include "tests/reference_linalg.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>

namespace equilab::testing {

double largestSingularValue(const Matrix& M) {
    return M.size() ? Eigen::BDCSVD<Matrix>(M).singularValues()(0) : 0.0;
}

double largestSingularValueJacobi(const Matrix& M) {
    return M.size() ? Eigen::JacobiSVD<Matrix>(M).singularValues()(0) : 0.0;
}

double spectralRadiusDense(const Matrix& M) {
    return M.size() ? Eigen::EigenSolver<Matrix>(M, false).eigenvalues().cwiseAbs().maxCoeff()
                    : 0.0;
}

ComplexVector eigenvaluesDense(const Matrix& M) {
    return M.size() ? ComplexVector(Eigen::EigenSolver<Matrix>(M, false).eigenvalues())
                    : ComplexVector();
}

Vector symmetricEigen(const Matrix& S, Matrix* vectors) {
    if (S.size() == 0) return Vector();
    Eigen::SelfAdjointEigenSolver<Matrix> eig(
        S, vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
    if (vectors) *vectors = eig.eigenvectors();
    return eig.eigenvalues();
}

Matrix orthogonalFactor(const Matrix& M) {
    return Eigen::HouseholderQR<Matrix>(M).householderQ();
}

}  // namespace equilab::testing
